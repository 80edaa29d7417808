#include "quantex/meaning.hpp"

#include <algorithm>
#include <optional>

#include "phrase_words.hpp"
#include "phrases.hpp"
#include "quantex/utf8.hpp"

namespace quantex {

namespace {

using detail::Phrase;
using detail::PhraseScanner;
using detail::Tail;

constexpr int kNone = -1;

// How far back the records before one are looked at, in bytes. Reports' longest sentence
// is 1.5 KB; a table pasted as one line without marks holds thousands of records, and
// looking at all of them for each would make reading it quadratic.
constexpr std::size_t kFarthest = 4096;
// How many clauses back a topic is looked for, and how long a name that heads a sentence
// with a colon may be (烤烟：, 载重汽车：), in characters.
constexpr int kClausesBack = 2;
constexpr std::size_t kLongestHeadingName = 6;
// How long the name of what a thing counted costs may be (总投资, 计划总投资), in characters.
constexpr std::size_t kLongestCostName = 5;

// What a list of numbers (with 分别 or without) gave a record after its first before it is
// read: its change (分别增长5%和7%), or its subject too (城镇、农村居民收入分别增长5%和7%).
enum class Given : std::uint8_t { kNothing, kChange, kAll };

// A cue of a goal or a result, where it ends.
struct Cue {
  std::size_t end;
  Lexicon::Classes classes;  // of kGoal, kClauseGoal, kDone, kDoneBase and kEffort
};

// The pass over a line as it stood right after a clause mark, or after kPointsEvery bytes
// without one (a table pasted without punctuation): where it was, where its clause and
// sentence began, how deep in quotes it was, and how many cues and bases it had found.
constexpr std::size_t kPointsEvery = 256;
struct ScanPoint {
  std::size_t at, clause, sentence;
  int quoted;
  std::size_t cues, bases;
};

// What reading a line needs room for, kept from line to line (MeaningReader::Scratch); the
// members of LineMeaning that use it say what each holds.
struct LineScratch {
  std::vector<Span> objects;
  std::vector<Given> given;
  std::vector<Cue> cues;
  std::vector<Cue> bases;
  std::vector<ScanPoint> points;
  std::vector<std::size_t> with_subject;
  std::vector<std::size_t> reached;
};

// The meaning of the records of one line, read in text order: a record may take its subject
// from one before it, and bounds the phrases of those after it.
class LineMeaning {
 public:
  LineMeaning(const Language& language, const Sections& sections, std::string_view text,
              const std::vector<Placed>& records, std::vector<Meaning>& out, LineScratch& scratch)
      : language_(language),
        sections_(sections),
        text_(text),
        records_(records),
        out_(out),
        scanner_(language, text),
        objects_(scratch.objects),
        given_(scratch.given),
        cues_(scratch.cues),
        bases_(scratch.bases),
        points_(scratch.points),
        with_subject_(scratch.with_subject),
        reached_(scratch.reached) {
    objects_.assign(records.size(), Span{});
    given_.assign(records.size(), Given::kNothing);
    cues_.clear();
    bases_.clear();
    points_.clear();
    with_subject_.clear();
    reached_.clear();
  }

  void read(std::size_t i);

 private:
  // Where the clause and the sentence that hold pos begin, and where its clause ends. The
  // records are read in text order, so one pass over the line, up to its last record, finds
  // the marks and the cues for all.
  std::size_t clause_begin(std::size_t pos);
  std::size_t sentence_begin(std::size_t pos);
  std::size_t clause_end(std::size_t pos);
  void scan_to(std::size_t pos);
  bool target(const Placed& record, std::size_t begin);
  Span disposed(const Placed& record) const;
  // What is found around one record before its subject is chosen.
  struct Around {
    std::size_t begin;     // where the record and its 由 begin
    std::size_t clause;    // where its clause begins
    std::size_t floor;     // where a phrase before it may begin
    int floor_record;      // the record that ends there, or kNone
    std::size_t ceiling;   // where a phrase after it must end
    std::size_t sentence;  // the records from here on may lend it a subject
    Tail tail;
    std::optional<Phrase> before;  // the phrase before it, read when first asked for
  };
  Around around(std::size_t i);
  const Phrase& before(Around& around);
  bool pair_respectively(std::size_t i, Around& around, Change change);
  // 国内游客人次、总花费增长5.6%、7.5%: a list of names right before a list of as many
  // numbers pairs them in order, as 分别 would say aloud.
  bool pair_lists(std::size_t i, Around& around, Change change);
  // Record i and the records after it that only list marks and words like 和 join to it:
  // records [begin, end).
  struct Members {
    std::size_t begin, end;
    std::size_t size() const { return end - begin; }
  };
  Members listed_from(std::size_t i);
  // Gives the members of a list their change, and their subjects where the items pair with
  // them (as many items, or one for all); members after the first keep what they were given.
  void give(Members members, const std::vector<Span>& items, Change change);
  // The records before i that have a subject, in text order (with_subject_, kept up to date
  // here); and the nearest of them in its sentence.
  const std::vector<std::size_t>& with_subject_before(std::size_t i);
  int previous_with_subject(std::size_t i, std::size_t sentence);
  Span subject_at(Place place, std::size_t i, Around& around);
  Span topic(std::size_t i, const Around& around);
  // The clause before the one that begins at clause, in the sentence that begins at
  // sentence, when it holds none of record i's records before it: [begin, mark) and the mark
  // that ends it; nullopt otherwise.
  struct Clause {
    std::size_t begin, mark;
  };
  std::optional<Clause> clause_before(std::size_t i, std::size_t clause,
                                      std::size_t sentence) const;
  // The phrase that ends such a clause, if no verb stands before it (a clause that does
  // something, 大力发展教育事业, names nothing); empty otherwise.
  Span named_by(const Clause& clause) const;
  // Whether the clause holds a numeral: it tells a level or a change.
  bool holds_numeral(const Clause& clause) const;
  // Whether a bracket opens in text[begin, end).
  bool opens_bracket(std::size_t begin, std::size_t end) const;

  const Language& language_;
  const Sections& sections_;
  std::string_view text_;
  const std::vector<Placed>& records_;
  std::vector<Meaning>& out_;
  PhraseScanner scanner_;
  std::vector<Span>& objects_;  // what each record counted, after its measure word
  std::vector<Given>& given_;   // by a list of numbers with an earlier record
  // The pass over the line: read up to scanned_, where the clause and sentence there begin,
  // how deep in quotes it is, and the cues of goals and results found so far (a cue inside
  // quotes or 《》 is part of a name: “育鹰计划”).
  std::size_t scanned_ = 0, clause_ = 0, sentence_ = 0;
  int quoted_ = 0;
  std::vector<Cue>& cues_;
  // The cues of a base of comparison (比上年), apart: they say done only where no other cue
  // reaches the number, and a sentence of many (growth rates pasted as one line) was walked
  // back over from each of its numbers to find the cue before them.
  std::vector<Cue>& bases_;
  // Where the pass stood after each clause mark and every kPointsEvery bytes, in text order:
  // a record whose 由 stands before the one read last takes the pass back to the last of
  // them before it.
  std::vector<ScanPoint>& points_;
  // The records read so far (subjects_seen_ of them) that have a subject: records before the
  // one being read keep theirs, and a long sentence of records without one was walked back
  // over from each of its records.
  std::vector<std::size_t>& with_subject_;
  std::size_t subjects_seen_ = 0;
  // By record read: the farthest that it or a record before it reaches, with its first
  // number or the thing it counted. Where the records before one reach no farther than its
  // floor so far, none of them moves that floor: a table pasted as one line would otherwise
  // look at every record of the 4 KB before each.
  std::vector<std::size_t>& reached_;
  // The clause end found last, for the positions from end_from_ to it.
  std::size_t end_from_ = 1, end_ = 0;
  // The list found last: a record inside it belongs to the same list, which a table of
  // numbers joined by 、 would otherwise walk again from each of its records.
  Members list_{0, 0};
};

void LineMeaning::scan_to(std::size_t pos) {
  if (pos < scanned_) {
    // A change whose 由 stands before the record read last (由3个部门审批的30天压缩至10天):
    // back to the last point before pos, where the pass from the line's start stood as it
    // was kept; starting that pass over made a line of such changes quadratic.
    auto point = std::upper_bound(points_.begin(), points_.end(), pos,
                                  [](std::size_t p, const ScanPoint& kept) { return p < kept.at; });
    ScanPoint from{};  // the line's start
    if (point != points_.begin()) from = *std::prev(point);
    points_.erase(point, points_.end());
    scanned_ = from.at;
    clause_ = from.clause;
    sentence_ = from.sentence;
    quoted_ = from.quoted;
    cues_.resize(from.cues);
    bases_.resize(from.bases);
  }
  using word::kCues;
  const Language& language = language_;
  const std::string_view text = text_;
  // The position in a local, not in scanned_: the loop looks at every character, and a
  // member written on each would be stored and read back on each.
  std::size_t next = scanned_;
  std::size_t last_point = points_.empty() ? 0 : points_.back().at;
  bool after_mark = false;
  while (next < pos) {
    if (after_mark || next - last_point >= kPointsEvery) {
      points_.push_back(ScanPoint{next, clause_, sentence_, quoted_, cues_.size(), bases_.size()});
      last_point = next;
      after_mark = false;
    }
    std::size_t at = next;
    char32_t c = utf8::next_valid(text, next);
    if (!language.notable(c)) continue;
    if (language.marks.ends_clause(c)) {
      clause_ = next;
      if (language.marks.ends_sentence(c)) sentence_ = next;
      after_mark = true;
    } else if (c == U'“' || c == U'《') {
      ++quoted_;
    } else if ((c == U'”' || c == U'》') && quoted_ > 0) {
      --quoted_;
    }
    if (quoted_ > 0 || !language.cue_starts(c)) continue;
    Lexicon::Word word = language.words.starting_at(text, at, text.size());
    if (word.size == 0 || (word.classes & word::kContent) || !(word.classes & kCues)) continue;
    // Not the end of a longer word: 相应 holds no 应.
    if (language.words.ending_at(text, at + word.size, 0).size != word.size) continue;
    Lexicon::Classes classes = word.classes & (kCues | word::kEffort);
    if (classes == word::kFuture) {
      // 将达到: a goal of its clause; 将审批时间压缩至…: what is done to a thing.
      constexpr Lexicon::Classes kActs =
          word::kVerb | word::kLightVerb | word::kKeptVerb | word::kUp | word::kDown | word::kLevel;
      Lexicon::Classes after =
          language.words.starting_at(text, at + word.size, text.size()).classes;
      if (!(after & kActs) || (after & word::kContent)) continue;
      classes = word::kClauseGoal;
    }
    (classes & word::kDoneBase ? bases_ : cues_).push_back(Cue{at + word.size, classes});
    next = at + word.size;
  }
  scanned_ = next;
}

std::size_t LineMeaning::clause_begin(std::size_t pos) {
  scan_to(pos);
  return clause_;
}

std::size_t LineMeaning::sentence_begin(std::size_t pos) {
  scan_to(pos);
  return sentence_;
}

std::size_t LineMeaning::clause_end(std::size_t pos) {
  if (pos < end_from_ || pos > end_) {
    end_from_ = end_ = pos;
    while (end_ < text_.size()) {
      std::size_t at = end_;
      if (language_.marks.ends_clause(utf8::next(text_, at))) break;
      end_ = at;
    }
  }
  return end_;
}

// A goal when the sentence says so before the number (力争, 目标), or its clause does (计划,
// 应, 不超过), and no later cue says it is done (已, 截至); else the section decides. In a
// part that reviews, a word of effort reaches its clause only: 努力加快发展步伐，全省生产总值
// 达到5.5万亿元 is a result. A base of comparison (比上年) says done where no goal cue reaches
// the number: 拟安排专项债券3.9万亿元、比上年增加1000亿元 is a goal.
bool LineMeaning::target(const Placed& record, std::size_t begin) {
  std::size_t sentence = sentence_begin(begin);
  std::size_t clause = clause_begin(begin);
  scan_to(record.value.end);
  // The cues are in text order: the last one before the number that reaches it (one of its
  // clause, or of its sentence) decides; a base of comparison says done only where none does.
  const bool review = sections_.review();
  auto reaching = [&](const std::vector<Cue>& cues) {
    auto it = std::upper_bound(cues.begin(), cues.end(), record.value.end,
                               [](std::size_t end, const Cue& cue) { return end < cue.end; });
    while (it != cues.begin() && (it - 1)->end > sentence) {
      --it;
      const Lexicon::Classes classes = it->classes;
      bool sentence_wide = (!(classes & word::kClauseGoal) || (classes & word::kGoal)) &&
                           !(review && (classes & word::kEffort));
      if (sentence_wide || it->end > clause) return it;
    }
    return cues.end();
  };
  if (auto cue = reaching(cues_); cue != cues_.end()) return (cue->classes & word::kDone) == 0;
  const bool compared = reaching(bases_) != bases_.end();
  return !compared && sections_.plan();
}

const std::vector<std::size_t>& LineMeaning::with_subject_before(std::size_t i) {
  for (; subjects_seen_ < i; ++subjects_seen_) {
    if (out_[subjects_seen_].subject.size() > 0) with_subject_.push_back(subjects_seen_);
  }
  return with_subject_;
}

int LineMeaning::previous_with_subject(std::size_t i, std::size_t sentence) {
  const std::vector<std::size_t>& before = with_subject_before(i);
  if (before.empty() || records_[before.back()].text.begin < sentence) return kNone;
  return static_cast<int>(before.back());
}

// 接待国内游客4.16亿人次、入境游客936万人次，分别增长6.7%、39.6%: the numbers after 分别
// take, in order, the items of the list before it, or the subjects of the numbers before.
LineMeaning::Members LineMeaning::listed_from(std::size_t i) {
  if (i < list_.begin || i >= list_.end) {
    list_ = Members{i, i + 1};
    while (list_.end < records_.size() &&
           scanner_.only_joins(records_[list_.end - 1].text.end, records_[list_.end].text.begin)) {
      ++list_.end;
    }
  }
  return Members{i, list_.end};
}

void LineMeaning::give(Members members, const std::vector<Span>& items, Change change) {
  const bool paired = items.size() == members.size() || items.size() == 1;
  for (std::size_t k = 0; k < members.size(); ++k) {
    Meaning& m = out_[members.begin + k];
    if (paired && m.subject.size() == 0) m.subject = items.size() == 1 ? items[0] : items[k];
    m.change = change;
    if (k > 0) given_[members.begin + k] = paired ? Given::kAll : Given::kChange;
  }
}

bool LineMeaning::pair_lists(std::size_t i, Around& around, Change change) {
  // The numbers first: the phrase before is read only when there is a list of them.
  Members members = listed_from(i);
  if (members.size() < 2) return false;
  const Phrase& phrase = before(around);
  if (phrase.empty() || !phrase.adjacent) return false;
  std::vector<Span> items = scanner_.items(phrase.span);
  if (items.size() != members.size()) return false;
  give(members, items, change);
  return true;
}

bool LineMeaning::pair_respectively(std::size_t i, Around& around, Change change) {
  const Phrase& phrase = before(around);
  Members members = listed_from(i);
  std::vector<Span> items;
  if (!phrase.empty()) {
    items = scanner_.items(phrase.span);
  } else {
    const std::vector<std::size_t>& before = with_subject_before(i);
    for (std::size_t k = before.size(); k > 0 && items.size() < members.size(); --k) {
      if (records_[before[k - 1]].text.begin < around.sentence) break;
      items.insert(items.begin(), out_[before[k - 1]].subject);
    }
  }
  if (items.empty() && members.size() > 1) {
    // 城镇居民收入和农村居民收入，分别增长5%和7%: a list of as many names in the clause
    // before, joined by 、 or 和. A short item is no name but the head of one the items share
    // (城镇和农村居民收入).
    if (std::optional<Clause> clause = clause_before(i, around.clause, around.sentence)) {
      items = scanner_.items(named_by(*clause), true);
      auto short_item = [&](Span item) { return detail::phrase::characters(text_, item) < 3; };
      if (items.size() != members.size() || std::any_of(items.begin(), items.end(), short_item)) {
        items.clear();
      }
    }
  }
  give(members, items, change);
  return items.size() == members.size() || items.size() == 1;
}

const Phrase& LineMeaning::before(Around& around) {
  if (!around.before) {
    around.before = scanner_.before(around.floor, around.tail.end, around.floor_record != kNone);
  }
  return *around.before;
}

Span LineMeaning::subject_at(Place place, std::size_t i, Around& around) {
  const Placed& record = records_[i];
  const std::size_t ceiling = around.ceiling;
  switch (place) {
    case Place::kObject: {
      Phrase object = scanner_.object_after(record.value.end, ceiling, false);
      if (!object.empty()) objects_[i] = object.span;
      if (object.empty() && record.is_change) {
        // 将358项中介服务事项分4批压减至97项: the thing follows the first number.
        object = scanner_.object_after(record.from.end, record.value.begin, false);
      }
      if (object.empty() && i + 1 < records_.size() && !before(around).adjacent) {
        // 推介182个、总投资超3000亿元项目: where no name stands right before the number, the
        // thing counted may follow the amount it costs, named in a few words after 、.
        const Placed& next = records_[i + 1];
        constexpr std::string_view kPause = "、";
        std::size_t words = record.text.end + kPause.size();
        if (text_.substr(record.text.end, kPause.size()) == kPause && next.text.begin >= words &&
            detail::phrase::characters(text_, Span{words, next.text.begin}) <= kLongestCostName &&
            clause_end(words) >= next.text.begin) {
          object = scanner_.object_after(next.text.end, clause_end(next.value.end), false);
        }
      }
      return object.span;
    }
    case Place::kObjectAfterDe: {
      std::size_t at = record.value.end;
      if (at >= ceiling || !(language_.words.starting_at(text_, at, ceiling).classes & word::kDe)) {
        return {};
      }
      Phrase object = scanner_.object_after(at, ceiling, false);
      if (!object.empty()) objects_[i] = object.span;
      return object.span;
    }
    case Place::kBefore:
    case Place::kBeforeAdjacent: {
      const Phrase& phrase = before(around);
      // 7项登记业务1小时内办结: right after the thing counted, the time is its time.
      int previous = around.floor_record;
      if (phrase.empty() && place == Place::kBeforeAdjacent && previous != kNone &&
          around.tail.end == around.floor &&
          objects_[static_cast<std::size_t>(previous)].end == around.floor) {
        return out_[static_cast<std::size_t>(previous)].subject;
      }
      if (phrase.empty() || phrase.verb_only ||
          (place == Place::kBeforeAdjacent && !phrase.adjacent)) {
        return {};
      }
      const Lexicon::Classes alone =
          language_.words.classes_of(text_.substr(phrase.span.begin, phrase.span.size()));
      // 工资总额，计划安排为一百五十八亿元: a clause's cue of a goal alone names nothing.
      if ((alone & word::kClauseGoal) && !(alone & word::kGoal)) return {};
      // 收入为二百三十七亿元，占国家预算的77.06%: a share named by its whole alone is a
      // share of what the number before it measured; one with a name of its own (占全市投资
      // 比重: a generic head that is no metric's, as 产值 is) keeps it.
      const bool named_share = scanner_.ends_with_class(phrase.span, word::kGenericHead) &&
                               !scanner_.ends_with_class(phrase.span, word::kMetricHead);
      if ((language_.words.starting_at(text_, phrase.span.begin, phrase.span.end).classes &
           word::kShare) &&
          !named_share) {
        if (int j = previous_with_subject(i, around.sentence); j != kNone) return out_[j].subject;
      }
      if (alone & word::kVague) {
        // 金额约28.6亿元 after 完成贷款审批638笔: the amount of what the number before counted.
        if (int j = previous_with_subject(i, around.sentence); j != kNone) return out_[j].subject;
      }
      if (scanner_.ends_with_class(phrase.span, word::kPopulation)) {
        // 预付款支付比例不低于30%（中小企业不低于50%）: in a bracket after a metric, a
        // population says whose the number is; the metric is the same.
        constexpr Lexicon::Classes kMetrics = word::kMetricHead | word::kGenericHead;
        int j = previous_with_subject(i, around.sentence);
        if (j != kNone && scanner_.ends_with_class(out_[j].subject, kMetrics) &&
            opens_bracket(records_[static_cast<std::size_t>(j)].text.end, phrase.span.begin)) {
          return out_[j].subject;
        }
      }
      return scanner_.metric_of(phrase.span);
    }
    case Place::kObjectAfterVerb: {
      Phrase object = scanner_.object_after(record.value.end, ceiling, true);
      if (!object.empty()) objects_[i] = object.span;
      return object.span;
    }
    case Place::kActionAfter: return scanner_.action_after(record.value.end, ceiling).span;
    case Place::kVerb: {
      const Phrase& phrase = before(around);
      return phrase.verb_only ? phrase.span : Span{};
    }
    case Place::kVerbObject: {
      // 发行1500亿元长期建设国债: a verb alone before the number acts on what follows it.
      if (!before(around).verb_only) return {};
      Phrase object = scanner_.object_after(record.value.end, ceiling, false);
      if (!object.empty()) objects_[i] = object.span;
      return object.span;
    }
    case Place::kTopic: return topic(i, around);
    case Place::kShared: {
      // 增长42%、高于全国13.8个百分点: one metric along a list.
      if (around.floor_record != kNone && scanner_.only_joins(around.floor, around.tail.end)) {
        return out_[static_cast<std::size_t>(around.floor_record)].subject;
      }
      if (int j = previous_with_subject(i, around.sentence); j != kNone) return out_[j].subject;
      return {};
    }
  }
  return {};
}

// 今后人口的年自然增长率，必须控制在千分之十三以下: a clause that holds no record and is
// the name of a metric alone (it ends with a word like 率, 比重, 总额), or opens with one or
// with a name and its level in a unit no rule reads (发电量三千六百二十亿度，增长20.4%;
// 原油由八千七百万吨增加到一亿零四百万吨，增长19.5%), names what the clause after it
// measures. Clauses of other kinds (保障农资供应，) name no topic often enough.
Span LineMeaning::topic(std::size_t i, const Around& around) {
  constexpr Lexicon::Classes kNames =
      word::kMetricHead | word::kGenericHead | word::kVague | word::kTopicHead;
  // Not clause_begin(): the pass over the line has gone past this record, and going back
  // would start it over.
  std::size_t clause = around.clause;
  for (int back = 0; back < kClausesBack; ++back) {
    std::optional<Clause> before = clause_before(i, clause, around.sentence);
    if (!before) return {};
    Span named = named_by(*before);
    if (scanner_.ends_with_class(named, kNames)) return scanner_.metric_of(named);
    // 烤烟：达到七百八十万担，增长76.6%: a short name and a colon head the sentence.
    std::size_t at = before->mark;
    if (detail::phrase::is_colon(utf8::next(text_, at)) && named.size() > 0 &&
        named.end == before->mark &&
        detail::phrase::characters(text_, named) <= kLongestHeadingName) {
      return named;
    }
    bool numbered = false;
    Span lead = scanner_.lead(before->begin, before->mark, numbered);
    if (lead.size() > 0 && (numbered || scanner_.ends_with_class(lead, kNames))) {
      return scanner_.metric_of(lead);
    }
    // A clause that opens with its level or change, naming nothing (比上一年增加十七万三千
    // 吨), is passed over: 糖的产量，比上一年增加十七万三千吨，增长20.6%.
    if (lead.size() > 0 || !holds_numeral(*before)) return {};
    clause = before->begin;
  }
  return {};
}

std::optional<LineMeaning::Clause> LineMeaning::clause_before(std::size_t i, std::size_t clause,
                                                              std::size_t sentence) const {
  if (clause <= sentence) return std::nullopt;
  // The mark that ends the clause before, and where that clause begins: no further back
  // than a subject's length, for a longer clause is no name (and a table pasted as one line
  // would make every record read far back).
  std::size_t mark = clause;
  utf8::previous(text_, mark);
  std::size_t begin = mark;
  while (begin > sentence) {
    if (mark - begin > detail::phrase::kLongestSubject) return std::nullopt;
    std::size_t at = begin;
    if (language_.marks.ends_clause(utf8::previous(text_, at))) break;
    begin = at;
  }
  for (std::size_t j = i; j > 0 && records_[j - 1].text.end > begin; --j) {
    if (records_[j - 1].text.begin < mark) return std::nullopt;  // shared's work
  }
  return Clause{begin, mark};
}

bool LineMeaning::opens_bracket(std::size_t begin, std::size_t end) const {
  for (std::size_t pos = begin; pos < end;) {
    char32_t c = utf8::next(text_, pos);
    if (detail::phrase::opens_bracket(c)) return true;
  }
  return false;
}

bool LineMeaning::holds_numeral(const Clause& clause) const {
  for (std::size_t pos = clause.begin; pos < clause.mark;) {
    char32_t c = utf8::next(text_, pos);
    if (language_.numerals.in_numeral(c)) return true;
  }
  return false;
}

Span LineMeaning::named_by(const Clause& clause) const {
  constexpr Lexicon::Classes kDoing =
      word::kVerb | word::kLightVerb | word::kKeptVerb | word::kUp | word::kDown | word::kLevel;
  Phrase phrase = scanner_.before(clause.begin, clause.mark, false);
  if (phrase.empty() || phrase.verb_only) return {};
  // A verb that is also a preposition (通过国家预算的部分) does nothing of its own, and a verb
  // before the 的 right in front of the name only says which (每百元资产提供的税收利润).
  std::size_t doing_end = phrase.span.begin;
  if (Lexicon::Word de = language_.words.ending_at(text_, doing_end, clause.begin);
      de.classes & word::kDe) {
    doing_end = clause.begin;
  }
  if (scanner_.has_class(Span{clause.begin, doing_end}, kDoing, word::kPreposition)) return {};
  return phrase.span;
}

// 将审批时间从45天缩短到15天: after 将 (a preposition that is no word of change, as 由 is),
// the thing that changed.
Span LineMeaning::disposed(const Placed& record) const {
  if (!record.is_change) return {};
  Lexicon::Word opener = language_.words.starting_at(text_, record.match.begin, record.from.begin);
  if (opener.size == 0 || !(opener.classes & word::kPreposition) ||
      (opener.classes & word::kBetween)) {
    return {};
  }
  // Up to the 由 or 从 of the first number: 将行政审批事项由2018年的2298项.
  std::size_t inside = record.match.begin + opener.size;
  std::size_t end = inside;
  while (end < record.from.begin) {
    Lexicon::Word word = language_.words.starting_at(text_, end, record.from.begin);
    if ((word.classes & word::kPreposition) && (word.classes & word::kBetween)) break;
    end +=
        word.size > 0 ? word.size : utf8::sequence_length(static_cast<unsigned char>(text_[end]));
  }
  Phrase phrase = scanner_.before(inside, scanner_.tail(inside, end).end, false);
  return phrase.verb_only ? Span{} : phrase.span;
}

LineMeaning::Around LineMeaning::around(std::size_t i) {
  const Placed& record = records_[i];
  Around around{};
  // A change's match begins at its 由, before its first number; other rules may match words
  // of context (审批时限3年) that belong to the subject.
  around.begin = record.is_change && record.subject.size() == 0
                     ? std::min(record.text.begin, record.match.begin)
                     : record.text.begin;
  around.clause = clause_begin(around.begin);
  std::size_t clause = around.clause;
  if (record.subject.size() > 0) clause = std::max(clause, record.subject.end);
  // The records before this one that may lend it a subject: those of its sentence, within
  // reach.
  const std::size_t reach = around.begin > kFarthest ? around.begin - kFarthest : 0;
  around.sentence = std::max(sentence_begin(around.begin), reach);
  // A subject ends where the record (or the thing counted) before it in the clause ends. No
  // match crosses a clause mark: the records before this clause cannot bound its phrases.
  around.floor = clause;
  around.floor_record = kNone;
  while (reached_.size() < i) {
    const std::size_t k = reached_.size();
    const Placed& done = records_[k];
    std::size_t farthest = std::max({done.from.end, done.text.end, objects_[k].end});
    reached_.push_back(k > 0 ? std::max(reached_[k - 1], farthest) : farthest);
  }
  for (std::size_t j = i; j > 0 && records_[j - 1].text.begin >= std::max(clause, reach) &&
                          reached_[j - 1] > around.floor;
       --j) {
    // A change's first number bounds what follows it inside the change (将358项中介服务事项
    // 分4批压减至97项).
    const Placed& other = records_[j - 1];
    for (std::size_t end : {other.from.end, std::max(other.text.end, objects_[j - 1].end)}) {
      if (end > 0 && end <= around.begin && end > around.floor) {
        around.floor = end;
        around.floor_record = static_cast<int>(j - 1);
      }
    }
  }
  around.ceiling = clause_end(record.value.end);
  if (i + 1 < records_.size() && records_[i + 1].text.begin >= record.value.end) {
    around.ceiling = std::min(around.ceiling, records_[i + 1].text.begin);
  }
  around.tail = scanner_.tail(around.floor, around.begin);
  return around;
}

void LineMeaning::read(std::size_t i) {
  const Placed& record = records_[i];
  Meaning& m = out_[i];
  Around around = this->around(i);
  m.target = target(record, around.begin);
  if (given_[i] == Given::kAll) return;
  // A change of level (由A…至B) or a gap to a benchmark (高于全国) is no change.
  if (given_[i] == Given::kNothing) {
    m.change = record.is_change || around.tail.gap ? Change::kNone : around.tail.change;
  }
  if (record.subject.size() > 0) {
    m.subject = record.subject;
    return;
  }
  if (record.is_change) {
    // 将行业现行16%的税率降至13%: what changed may follow the first number and 的.
    std::size_t at = record.from.end;
    if (language_.words.starting_at(text_, at, record.value.begin).classes & word::kDe) {
      m.subject = scanner_.object_after(at, record.value.begin, false).span;
    }
    if (m.subject.size() == 0) m.subject = disposed(record);
    if (m.subject.size() > 0) return;
  }
  if (around.tail.respectively ? pair_respectively(i, around, m.change)
                               : pair_lists(i, around, m.change)) {
    return;
  }
  for (Place place : language_.places(record.kind)) {
    m.subject = subject_at(place, i, around);
    if (m.subject.size() > 0) break;
  }
  // 精简办事申请材料21886份: the number is what was cut. An increase before a thing counted
  // is a count of new things (新增就业690万人), not a change.
  if (m.change == Change::kNone && !record.is_change && !around.tail.gap && around.before &&
      around.before->verb_before == Change::kDown) {
    m.change = Change::kDown;
  }
}

}  // namespace

struct MeaningReader::Scratch : LineScratch {};

MeaningReader::MeaningReader(const Language& language)
    : language_(language), sections_(language), scratch_(std::make_unique<Scratch>()) {}
MeaningReader::~MeaningReader() = default;
MeaningReader::MeaningReader(MeaningReader&&) noexcept = default;

void MeaningReader::start_document() { sections_.start_document(); }

void MeaningReader::see_line(std::string_view text) {
  if (language_.reads_meaning()) sections_.see(text);
}

void MeaningReader::read(std::string_view text, const std::vector<Placed>& records,
                         std::vector<Meaning>& out) {
  out.assign(records.size(), Meaning{});
  if (!language_.reads_meaning()) {
    for (std::size_t i = 0; i < records.size(); ++i) out[i].subject = records[i].subject;
    return;
  }
  LineMeaning line(language_, sections_, text, records, out, *scratch_);
  for (std::size_t i = 0; i < records.size(); ++i) line.read(i);
}

}  // namespace quantex
