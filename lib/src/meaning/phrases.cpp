// The phrase scanner's tokens, and what it reads leftwards from a number: the words between
// a subject and its number (tail), and the subject itself (before).
#include "phrases.hpp"

#include "phrase_words.hpp"
#include "quantex/utf8.hpp"

namespace quantex::detail {

using namespace phrase;

namespace {

bool is_latin(char32_t c) { return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'); }

bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

}  // namespace

// A clause mark, a space, a digit, an Arabic point or a percent sign: no phrase crosses one.
bool PhraseScanner::is_stop(char32_t c) const {
  return is_arabic_digit(c) || marks_.ends_clause(c) || marks_.is_space(c) ||
         numerals_.is_arabic_point(c) || c == U'%' || c == U'％';
}

// Whether the character [begin, end) of text stops a phrase: a mark, a space, or a digit
// that is no part of a name (5G基站, “415X”集群 and PM2.5浓度 are names).
bool PhraseScanner::stops(std::string_view text, std::size_t begin, std::size_t end,
                          char32_t c) const {
  if (!is_stop(c)) return false;
  auto part_of_number = [](char32_t d) { return is_ascii_digit(d) || d == U'.'; };
  // The point of 2.5 is part of the number, as its digits are.
  auto digit_at = [&text](std::size_t pos) {
    return pos < text.size() && is_ascii_digit(static_cast<unsigned char>(text[pos]));
  };
  bool inside_number =
      is_ascii_digit(c) || (c == U'.' && begin > 0 && digit_at(begin - 1) && digit_at(end));
  if (!inside_number) return true;
  char32_t before = 0, after = 0;
  for (std::size_t pos = begin; pos > 0 && part_of_number(before = utf8::previous(text, pos));) {
    before = 0;
  }
  for (std::size_t pos = end; pos < text.size() && part_of_number(after = utf8::next(text, pos));) {
    after = 0;
  }
  return !is_latin(before) && !is_latin(after);
}

PhraseScanner::Token PhraseScanner::previous(std::size_t pos, std::size_t floor) const {
  Token token;
  token.end = pos;
  if (pos <= floor) {
    token.at_end = true;
    return token;
  }
  std::size_t at = pos;
  char32_t c = utf8::previous(text_, at);
  if (words_.ending_classes(c) != 0) {
    if (Lexicon::Word word = words_.ending_at(text_, pos, floor); word.size > 0) {
      token.begin = pos - word.size;
      token.classes = word.classes;
      return token;
    }
  }
  token.begin = at;
  token.mark = stops(text_, at, pos, c);
  return token;
}

PhraseScanner::Token PhraseScanner::next(std::size_t pos, std::size_t ceiling) const {
  Token token;
  token.begin = pos;
  if (pos >= ceiling) {
    token.at_end = true;
    token.end = pos;
    return token;
  }
  std::size_t at = pos;
  char32_t c = utf8::next(text_, at);
  if (words_.starting_classes(c) != 0) {
    if (Lexicon::Word word = words_.starting_at(text_, pos, ceiling); word.size > 0) {
      token.end = pos + word.size;
      token.classes = word.classes;
      return token;
    }
  }
  token.end = at;
  token.mark = stops(text_, pos, at, c);
  return token;
}

std::size_t PhraseScanner::comparison_start(std::size_t floor, std::size_t end, bool& gap) const {
  std::size_t pos = end;
  for (std::size_t chars = 0; pos > floor && chars < kLongestBase; ++chars) {
    std::size_t at = pos;
    char32_t c = utf8::previous(text_, at);
    if (is_stop(c) && !is_ascii_digit(c)) break;  // 比2019年 has digits
    pos = at;
    if (!(words_.starting_classes(c) & (kCompare | kGap))) continue;
    Lexicon::Word word = words_.starting_at(text_, pos, end);
    if (word.size == 0 || !(word.classes & (kCompare | kGap)) || (word.classes & kContent)) {
      continue;
    }
    // Not the end of a longer word (占比, 对比).
    if (words_.ending_at(text_, pos + word.size, floor).size != word.size) continue;
    gap = (word.classes & kGap) != 0;
    return pos;
  }
  return end;
}

std::size_t PhraseScanner::duration_start(std::size_t floor, const Token& token) const {
  if (!(token.classes & (kScope | kAfterNumeral)) || (token.classes & kContent)) return token.begin;
  std::size_t start = token.begin;
  while (start > floor) {
    std::size_t at = start;
    if (!numerals_.in_numeral(utf8::previous(text_, at))) break;
    start = at;
  }
  // 棉布产量前三年共增加了三十万件: the span may open with a word that says which years.
  if (start < token.begin) {
    Lexicon::Word lead = words_.ending_at(text_, start, floor);
    if ((lead.classes & kDurationLead) && !(lead.classes & kContent)) start -= lead.size;
  }
  return start;
}

Tail PhraseScanner::tail(std::size_t floor, std::size_t end) const {
  Tail tail;
  tail.end = end;
  bool level = false;  // a 到/至/为 just read: the change verb before it names a level
  while (tail.end > floor) {
    Token token = previous(tail.end, floor);
    if (token.at_end || token.mark) break;
    Lexicon::Classes c = token.classes;
    if (c & kContent) break;
    if ((c & kLevel) && !(c & (kUp | kDown))) {
      level = true;
    } else if (c & (kUp | kDown)) {
      if (!level && tail.change == Change::kNone) {
        tail.change = (c & kUp) ? Change::kUp : Change::kDown;
      }
      level = false;
    } else if (c & kRespectively) {
      tail.respectively = true;
    } else if (c & (kBetween | kDe | kShare | kAdverb | kNumberAdverb)) {
      level = false;
    } else if (std::size_t start = duration_start(floor, token); start < token.begin) {
      // 资产总额五年增长64.1%: the span of years the change took is no part of the subject.
      tail.end = start;
      continue;
    } else {
      bool gap = false;
      std::size_t base = comparison_start(floor, tail.end, gap);
      if (base == tail.end) break;
      tail.gap = tail.gap || gap;
      tail.end = base;
      continue;
    }
    tail.end = token.begin;
  }
  return tail;
}

std::size_t PhraseScanner::level_start(std::size_t floor, std::size_t end) const {
  std::size_t pos = end;
  for (int chars = 0; chars <= kLongestLevelUnit && pos > floor; ++chars) {
    std::size_t at = pos;
    if (numerals_.in_numeral(utf8::previous(text_, at))) break;
    pos = at;
  }
  if (pos == end) return end;  // a number without a unit is no level
  std::size_t start = pos;
  while (start > floor) {
    std::size_t at = start;
    char32_t c = utf8::previous(text_, at);
    if (!numerals_.in_numeral(c) && !numerals_.is_arabic_point(c)) break;
    start = at;
  }
  return start < pos ? start : end;
}

Phrase PhraseScanner::before(std::size_t floor, std::size_t end, bool floor_is_record) const {
  Phrase phrase;
  Token head = previous(end, floor);
  if (head.at_end || head.mark) return phrase;
  if (text_.substr(head.begin, head.end - head.begin) == "、") {
    // 粮食产量达到1.4亿吨、增长2%: over a level in a unit no rule reads, the name before it.
    if (std::size_t level = level_start(floor, head.begin); level < head.begin) {
      return before(floor, tail(floor, level).end, floor_is_record);
    }
  }
  if (!is_content(head.classes)) {
    if (head.classes & (kVerb | kLightVerb | kUp | kDown | kKeptVerb)) {
      // 为企业减负806.5亿元 is 减负; 小微企业融资965亿元 is 小微企业融资; 棚户区住房改造620多
      // 万套 is 棚户区住房改造. Where no topic stands before it (惠及433.5万人, 废止38件),
      // a verb that does not name money is all the sentence says of the number.
      const bool kept = (head.classes & kKeptVerb) != 0;
      // The topic of a verb that names no money may hold words of scope and nouns that are
      // also verbs of money (一般公共预算收入累计完成, 中央预算内投资安排); what names the
      // money ends at them (XX县累计投资, 中小微企业全年应收账款融资).
      const Lexicon::Classes inside = kept ? 0 : (kScope | kKeptVerb);
      // 中央预算内投资拟安排7350亿元: a cue of a plan between a topic and its verb (拟, 计划,
      // 要) belongs to neither.
      std::size_t topic_end = head.begin;
      Token token = previous(topic_end, floor);
      while (!kept && !token.at_end && !token.mark && !is_content(token.classes) &&
             (token.classes & kClauseGoal)) {
        topic_end = token.begin;
        token = previous(topic_end, floor);
      }
      std::size_t start = topic_end;
      while (!token.at_end && !token.mark) {
        if (!is_content(token.classes) &&
            !((token.classes & inside) && !(token.classes & kAdverb))) {
          // 为企业和社会减负: a list of what it is for; 182个、总投资: no list.
          Token item = previous(token.begin, floor);
          bool joined =
              (token.classes & kList) && !item.at_end && !item.mark && is_content(item.classes);
          if (!joined) break;
        }
        start = token.begin;
        token = previous(start, floor);
      }
      bool object = (token.at_end && floor_is_record) ||
                    (!token.at_end && !token.mark && (token.classes & kPreposition));
      if (object) start = topic_end;
      // 一般公共预算收入完成386亿元: a topic before a verb that names no money is the subject.
      Span topic = start == topic_end ? Span{} : trimmed(Span{start, topic_end});
      phrase.verb_only = !kept && topic.size() == 0;
      phrase.span = kept               ? trimmed(Span{start, end})
                    : phrase.verb_only ? Span{head.begin, end}
                                       : topic;
    }
    return phrase;
  }
  bool generic = (head.classes & kGenericHead) != 0;
  bool relative = false;  // crossed a 的 before a generic head: 办理一件事项的平均时间
  bool clause = false;    // crossed a 的 after a set: 营商环境方面的批示事项
  std::size_t start = head.begin;
  std::size_t item_end = end;  // where the item of a list being read ends
  // Inside a quotation or brackets, read leftwards, everything belongs to the phrase:
  // “企业认定、政府认账”授权企业, “金牌调解员”, 农业（包括农村副业）. A straight quote
  // closes when read leftwards outside a quotation, and opens inside one.
  auto quote_depth = [&](const Token& token, int depth) {
    if (token.classes != 0) return depth;
    std::size_t at = token.begin;
    char32_t c = utf8::next(text_, at);
    if (c == U'"') return depth == 0 ? 1 : depth - 1;
    if (is_closing(c)) return depth + 1;
    if (is_opening(c) && depth > 0) return depth - 1;
    return depth;
  };
  int quoted = quote_depth(head, 0);
  // Where the quotation or brackets being read close: if the phrase must end before they
  // open, it is what follows them.
  std::size_t closed = end;
  std::size_t share = end;  // where an 占 inside the phrase stands
  while (end - start < kLongestSubject) {
    Token token = previous(start, floor);
    if (token.at_end) break;
    if (token.mark) {
      // Inside a quotation only a clause mark stops the name: “15分钟生活圈”.
      std::size_t at = token.begin;
      if (quoted == 0 || marks_.ends_clause(utf8::next(text_, at))) break;
    }
    if (quoted == 0) closed = token.end;
    quoted = quote_depth(token, quoted);
    if (quoted > 0) {
      start = token.begin;
      continue;
    }
    Lexicon::Classes c = token.classes;
    if (c & kShare) share = token.begin;
    if (is_content(c) || (c & kShare)) {
      start = token.begin;
      continue;
    }
    if (c & kList) {
      Token item = previous(token.begin, floor);
      if (item.at_end || item.mark || !is_content(item.classes)) break;
      // 咖啡产值增长3倍、精深加工率85%: a character right after a number is its unit, and
      // the 、 after it ends that number's clause (65岁及以上老年人 is one name).
      if (item.classes == 0 && text_.substr(token.begin, token.end - token.begin) == "、" &&
          previous(item.begin, floor).mark) {
        break;
      }
      start = token.begin;
      item_end = token.begin;
      continue;
    }
    if (c & kDe) {
      // 办理一件事项的平均时间: before a generic head, a clause with its verb names it too;
      // 营商环境方面的批示事项: before a set, the words of the set do.
      Token before_de = previous(token.begin, floor);
      bool set = !before_de.at_end && (before_de.classes & kSetNoun);
      if (!(generic || set) || relative || clause) break;
      relative = generic;
      clause = set;
      start = token.begin;
      continue;
    }
    if (c & kKeptVerb) {
      start = token.begin;
      // 民间投资占比, 社会融资规模: before the head of a metric the verb is a noun, and what
      // stands before it belongs to the name; before its object (减免房屋租金) it ends it.
      constexpr Lexicon::Classes kHeads = kMetricHead | kGenericHead | kVague | kTopicHead | kShare;
      if (words_.starting_at(text_, token.end, end).classes & kHeads) continue;
      break;
    }
    // A verb bounds the phrase, unless what follows it is a bound ending (覆盖率, 完成率) or a
    // generic head (精简比例), or the phrase is a clause before 的.
    bool bare = characters(text_, Span{start, item_end}) < 2 ||
                (characters(text_, Span{start, item_end}) <= 3 &&
                 (generic || ends_with_class(Span{start, item_end}, kMetricHead)));
    // In a clause before 的 a preposition belongs too: 预留给小微企业的比例.
    if (((c & (kVerb | kLightVerb | kUp | kDown)) && (relative || bare)) ||
        ((c & kPreposition) && relative)) {
      start = token.begin;
      continue;
    }
    if ((c & kDown) && !(c & kLevel)) phrase.verb_before = Change::kDown;
    if ((c & kUp) && !(c & kLevel)) phrase.verb_before = Change::kUp;
    break;
  }
  if (share < end && !(generic && !(head.classes & kMetricHead))) {
    // 产值约占全国工业总产值的45%: a share of a whole names what it is a share of, the part
    // before 占, even where the whole is an amount (总产值); a share's own name (占全市投资
    // 比重) stays whole.
    Phrase part = before(floor, tail(floor, share).end, floor_is_record);
    if (!part.empty()) return part;
  }
  if (quoted > 0) start = closed;
  phrase.span = trimmed(Span{start, end});
  phrase.adjacent = true;
  return phrase;
}

}  // namespace quantex::detail
