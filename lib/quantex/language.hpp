// Language: the facts of written Chinese that the stages share, as data loaded from the rule
// files, so that a user can read and extend them (rules/README.md, "The language"). Each fact
// is written once: the reader, the cleaner, the matcher, the extractor, the normalizer and
// the meaning stage all ask this table.
//
// Marks ([language] clause_marks, sentence_marks, full_stops, pause_marks, spaces, invisible)
// say where clauses and sentences end and what cleaning removes: no rule match and no subject
// crosses a clause mark, a cue of a goal reaches no further than a sentence, a heading run
// into its paragraph ends at a full stop, a very long line is cut
// after a sentence end or else after a clause mark, a pause or a space, and the rules match
// a line without its invisible characters and the spaces between Chinese characters.
//
// Numerals ([language.numerals]) say what each glyph of a Chinese numeral means (一 is the
// digit 1, 万 the scale 10^4, 点 the point) and which marks sit inside Arabic numbers (1,246
// and 3.5): the number reader reads with them, the matcher finds numbers by them, and the
// rule files' {cn_digit}, {cn_place}... fragments are written from them.
//
// The meaning stage (meaning.hpp) reads words of a few classes around each number: scope
// words to leave out of a subject, verbs that bound one, the verbs of a change, the cues of
// a goal, the headings that open a review or a plan. Each class is a list in the rule files'
// [meaning.words] table; `word_class_names()` says which lists there are.
//
//   [meaning.words]
//   scope = ["全省", "全市", "我市"]
//   up = ["增长", "提高"]
//
// [meaning.subject_places] says, for each kind, where to look for what a number measures
// and in what order (see Place).
#pragma once

#include <bitset>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quantex/lexicon.hpp"
#include "quantex/record.hpp"

namespace quantex {

// The classes of the meaning words; a word may be in several.
namespace word {
// 全市, 今年: left out in front of a subject
inline constexpr Lexicon::Classes kScope = Lexicon::Classes{1} << 0;
// 发放, 引进: bounds a subject, left out
inline constexpr Lexicon::Classes kVerb = Lexicon::Classes{1} << 1;
// 减免, 融资: bounds a subject, kept in it
inline constexpr Lexicon::Classes kKeptVerb = Lexicon::Classes{1} << 2;
// 完成, 办理: left out before an action
inline constexpr Lexicon::Classes kLightVerb = Lexicon::Classes{1} << 3;
// 为, 向, 在, 后: bounds a subject
inline constexpr Lexicon::Classes kPreposition = Lexicon::Classes{1} << 4;
// 全部, 顺利: ends a thing counted
inline constexpr Lexicon::Classes kAdverb = Lexicon::Classes{1} << 5;
// 达到, 为, 同比: between subject and number
inline constexpr Lexicon::Classes kBetween = Lexicon::Classes{1} << 6;
// 增长: the number is an increase
inline constexpr Lexicon::Classes kUp = Lexicon::Classes{1} << 7;
// 下降: the number is a decrease
inline constexpr Lexicon::Classes kDown = Lexicon::Classes{1} << 8;
// 到, 至: after a change verb, a level
inline constexpr Lexicon::Classes kLevel = Lexicon::Classes{1} << 9;
// 比, 较: opens a base of comparison
inline constexpr Lexicon::Classes kCompare = Lexicon::Classes{1} << 10;
// 高于: a gap to a benchmark, no change
inline constexpr Lexicon::Classes kGap = Lexicon::Classes{1} << 11;
// 、 和 及: joins the items of a list
inline constexpr Lexicon::Classes kList = Lexicon::Classes{1} << 12;
// 的
inline constexpr Lexicon::Classes kDe = Lexicon::Classes{1} << 13;
// 比例, 时间: keeps the phrase before 的
inline constexpr Lexicon::Classes kGenericHead = Lexicon::Classes{1} << 14;
// 方面: N个方面的X counts X
inline constexpr Lexicon::Classes kSetNoun = Lexicon::Classes{1} << 15;
// 金额: names what the previous number did
inline constexpr Lexicon::Classes kVague = Lexicon::Classes{1} << 16;
// 分别: pairs lists in order
inline constexpr Lexicon::Classes kRespectively = Lexicon::Classes{1} << 17;
// 比例, 相应: a word, nothing more
inline constexpr Lexicon::Classes kContent = Lexicon::Classes{1} << 18;
// 力争: what follows is a goal
inline constexpr Lexicon::Classes kGoal = Lexicon::Classes{1} << 19;
// 计划, 应: the rest of its clause is
inline constexpr Lexicon::Classes kClauseGoal = Lexicon::Classes{1} << 25;
// 已, 截至: what follows is done
inline constexpr Lexicon::Classes kDone = Lexicon::Classes{1} << 20;
// 回顾: a section of results
inline constexpr Lexicon::Classes kReviewHeading = Lexicon::Classes{1} << 21;
// 安排: a section of plans
inline constexpr Lexicon::Classes kPlanHeading = Lexicon::Classes{1} << 22;
// 方案, 条例 ending a title
inline constexpr Lexicon::Classes kPlanDocument = Lexicon::Classes{1} << 23;
// 报告 ending a title
inline constexpr Lexicon::Classes kReportDocument = Lexicon::Classes{1} << 24;
// 企业, 案件: whose metric it is
inline constexpr Lexicon::Classes kPopulation = Lexicon::Classes{1} << 26;
// 率, 时间: ends a metric's name
inline constexpr Lexicon::Classes kMetricHead = Lexicon::Classes{1} << 27;
// 占: a share, inside its name
inline constexpr Lexicon::Classes kShare = Lexicon::Classes{1} << 28;
// 年: left out after a numeral
inline constexpr Lexicon::Classes kAfterNumeral = Lexicon::Classes{1} << 29;
// 一般, 平均: between a subject and its number only right before it; elsewhere part of a
// name (期限一般不少于三十日, but 一般公共预算收入)
inline constexpr Lexicon::Classes kNumberAdverb = Lexicon::Classes{1} << 30;
// 包括, 不含: opens a bracket that is no part of a name
inline constexpr Lexicon::Classes kAside = Lexicon::Classes{1} << 31;
// 建设, 治理: the work done on a thing counted, left out after it
inline constexpr Lexicon::Classes kTrailingAction = Lexicon::Classes{1} << 32;
// 努力, 力争: in a part that reviews, a goal word of its clause only
inline constexpr Lexicon::Classes kEffort = Lexicon::Classes{1} << 33;
// 收入, 利润: ends the name of a metric in a clause of its own before the number's
inline constexpr Lexicon::Classes kTopicHead = Lexicon::Classes{1} << 34;
// 前, 近: opens a span of time the change took (前三年, 近五年)
inline constexpr Lexicon::Classes kDurationLead = Lexicon::Classes{1} << 35;
// 比上年, 同比: a base of comparison, done unless a goal word reaches the number
inline constexpr Lexicon::Classes kDoneBase = Lexicon::Classes{1} << 36;
// 将: before a verb (将达到, 将新增), a goal of its clause; before a noun it is a preposition
inline constexpr Lexicon::Classes kFuture = Lexicon::Classes{1} << 37;
// The cues of goals and results, which a pass over each line looks for.
inline constexpr Lexicon::Classes kCues = kGoal | kClauseGoal | kDone | kDoneBase | kFuture;
}  // namespace word

// The marks of the written language, a table look each.
class Marks {
 public:
  void add_clause_end(char32_t c) { set_mark(clause_, c); }
  void add_sentence_end(char32_t c) {  // a sentence's end is a clause's end too
    set_mark(sentence_, c);
    set_mark(clause_, c);
  }
  void add_full_stop(char32_t c) {  // a full stop ends a sentence
    set_mark(full_stop_, c);
    add_sentence_end(c);
  }
  void add_pause(char32_t c) { set_mark(pause_, c); }
  void add_space(char32_t c) { set_mark(space_, c); }
  void add_invisible(char32_t c) { set(invisible_, c); }  // no mark: no walk looks for it

  bool ends_clause(char32_t c) const { return test(clause_, c); }
  bool ends_sentence(char32_t c) const { return test(sentence_, c); }
  // 。: a heading run into its paragraph ends at the first one.
  bool is_full_stop(char32_t c) const { return test(full_stop_, c); }
  bool pauses(char32_t c) const { return test(pause_, c); }  // 、: a line may be cut after it
  bool is_space(char32_t c) const { return test(space_, c); }
  // Zero-width spaces, soft hyphens, private-use code points: cleaning removes them anywhere.
  bool is_invisible(char32_t c) const { return test(invisible_, c); }
  using Table = std::bitset<0x10000>;
  // Every character cleaning may remove: the spaces and the invisible characters.
  Table removable() const { return space_ | invisible_; }
  // The clause marks as a table (the matcher's scan makes its own of them).
  const Table& clause_marks() const { return clause_; }
  // Whether a byte is the last of the UTF-8 form of some mark (a clause or sentence end, a
  // pause, a space): a walk over text in search of marks need only read the characters that
  // end in such a byte.
  bool may_end_mark(unsigned char byte) const { return last_bytes_[byte]; }

 private:
  static void set(Table& table, char32_t c) {
    if (c < table.size()) table.set(c);
  }
  void set_mark(Table& table, char32_t c) {
    if (c >= table.size()) return;
    table.set(c);
    last_bytes_.set(c < 0x80 ? c : 0x80 | (c & 0x3F));  // UTF-8's last byte of c
  }
  static bool test(const Table& table, char32_t c) { return c < table.size() && table[c]; }

  Table clause_, sentence_, full_stop_, pause_, space_, invisible_;
  std::bitset<256> last_bytes_;
};

// An ASCII or a full-width digit: the digits of Arabic numbers, in every script.
inline bool is_arabic_digit(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９');
}

// How numerals are written: every glyph the number reader knows, with its role.
class Numerals {
 public:
  enum class Role : std::uint8_t {
    kNone,
    kDigit,  // 一 壹 两: value 1-9 in number
    kZero,   // 零 〇
    kPlace,  // 十 百 千: power of ten in number, within a scale
    kScale,  // 万 亿 兆: power of ten in number
    kPoint,  // 点: the decimal point of a Chinese numeral
    kMore,   // 多 余 几: more than the number
    kHalf,   // 半
    kGe,     // 个 in 一个半
    kDozen,  // 打
    kKilo,   // k after digits
    kMinus,  // - 负 before a number
  };
  struct Glyph {
    Role role = Role::kNone;
    int number = 0;
  };

  void add(char32_t c, Glyph glyph);
  void add_arabic_point(char32_t c) { arabic_points_.push_back(c); }
  void add_arabic_separator(char32_t c) { arabic_separators_.push_back(c); }

  Glyph glyph(char32_t c) const;
  // Whether c is part of a numeral's body: an ASCII or full-width digit, or a glyph that is a
  // digit, a zero, a place, a scale or 半. A table look.
  bool in_numeral(char32_t c) const { return c < body_.size() && body_[c]; }
  // The characters in_numeral takes, as a table.
  const std::bitset<0x10000>& body() const { return body_; }
  // Whether c is a digit, a zero or a place of a Chinese numeral (一, 〇, 十): what numbers
  // a heading (一、, （二）, 第十章).
  bool counts(char32_t c) const;
  // In the header: the matcher asks at every clause mark.
  bool is_arabic_point(char32_t c) const { return arabic_points_.find(c) != std::u32string::npos; }
  bool is_arabic_separator(char32_t c) const {
    return arabic_separators_.find(c) != std::u32string::npos;
  }
  // The glyphs of a role (or, with number >= 0, of a role and number), in the order added.
  std::u32string glyphs(Role role, int number = -1) const;
  const std::u32string& arabic_points() const { return arabic_points_; }
  const std::u32string& arabic_separators() const { return arabic_separators_; }

 private:
  std::vector<std::pair<char32_t, Glyph>> glyphs_;
  // The glyphs' characters, so that glyph() answers most characters, which are none, with one
  // table look instead of a search of glyphs_.
  std::bitset<0x10000> has_glyph_;
  std::bitset<0x10000> body_ = digits();
  std::u32string arabic_points_, arabic_separators_;

  static std::bitset<0x10000> digits();
};

// The [meaning.words] list of each class, by name.
const std::vector<std::pair<std::string_view, Lexicon::Classes>>& word_class_names();

// Where a number's subject may be found (rules/README.md, "Meaning").
enum class Place {
  kObject,           // the thing counted, after the measure word: 20个校企联合实验室
  kObjectAfterDe,    // after the number and 的: 75%的民商事案件
  kBefore,           // the phrase before the number: 审批时限压缩至5个工作日
  kBeforeAdjacent,   // the same, only if nothing but qualifiers and verbs of level stand between
  kObjectAfterVerb,  // after the measure word and a verb: 为1万人办理落户手续
  kActionAfter,      // the action a time limit bounds: 3个工作日内办结
  kShared,           // the subject of the number before, in a list or a clause before
  kVerb,             // the verb before the number, when nothing names more: 惠及433.5万人
  kVerbObject,       // what that verb acts on, after the number: 发行1500亿元长期建设国债
  kTopic,            // a clause before that names a metric alone: 零售总额，去年为300亿元
};

// The [meaning.subject_places] names.
const std::vector<std::pair<std::string_view, Place>>& place_names();

struct Language {
  Marks marks;
  Numerals numerals;
  // The canonical units of the kinds that declare them ([language.kinds]): a unit table of
  // such a kind may only name these; other kinds may name any.
  std::map<std::string, std::vector<std::string>, std::less<>> canonical_units;
  bool accepts_unit(std::string_view kind, std::string_view unit) const;
  // The op of a number that says more than it is (3300多亿) and of a range (3-5天), and which
  // op wins where several apply ([language.ops] order: later wins, a plain = never does).
  Op more_op = Op::kMore;
  Op range_op = Op::kAtMost;
  enum class OpSource { kMore, kRange, kBefore, kAfter };
  std::vector<OpSource> op_order{OpSource::kMore, OpSource::kRange, OpSource::kBefore,
                                 OpSource::kAfter};
  Lexicon words;
  // By kind, the places tried in order; kinds not listed use default_places.
  std::map<std::string, std::vector<Place>, std::less<>> subject_places;
  std::vector<Place> default_places{Place::kBefore, Place::kShared};

  const std::vector<Place>& places(std::string_view kind) const;
  // Whether the tables hold anything: rules given with -r may have no meaning tables.
  bool reads_meaning() const { return has_words_; }
  // Whether a word of goal or done begins with c: the scan for cues looks closer only there.
  bool cue_starts(char32_t c) const { return c < cue_starts_.size() && cue_starts_[c]; }
  // Whether c ends a clause, opens or closes a quotation, or may begin a cue: the characters
  // a pass over a line stops at, asked with one look.
  bool notable(char32_t c) const { return c >= notable_.size() || notable_[c]; }
  // Adds a mark that ends a clause, a sentence or, a full stop, both; keeps notable.
  enum class Ends { kClause, kSentence, kFullStop };
  void add_mark(char32_t mark, Ends ends);
  // Adds a word of the named classes; keeps cue_starts up to date. false: the lexicon is
  // full.
  bool add_word(std::string_view text, Lexicon::Classes classes);

 private:
  std::bitset<0x10000> cue_starts_;
  std::bitset<0x10000> notable_ = quotation_marks();
  bool has_words_ = false;

  static std::bitset<0x10000> quotation_marks();
};

}  // namespace quantex
