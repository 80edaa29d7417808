// Language: the facts of written Chinese that the stages share, as data loaded from the rule
// files, so that a user can read and extend them (rules/README.md, "The language").
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
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quantex/lexicon.hpp"

namespace quantex {

// The classes of the meaning words; a word may be in several.
namespace word {
inline constexpr Lexicon::Classes kScope = 1u << 0;        // 全市, 今年: left out in front of a subject
inline constexpr Lexicon::Classes kVerb = 1u << 1;         // 发放, 引进: bounds a subject, left out
inline constexpr Lexicon::Classes kKeptVerb = 1u << 2;     // 减免, 融资: bounds a subject, kept in it
inline constexpr Lexicon::Classes kLightVerb = 1u << 3;    // 完成, 办理: left out before an action
inline constexpr Lexicon::Classes kPreposition = 1u << 4;  // 为, 向, 在, 后: bounds a subject
inline constexpr Lexicon::Classes kAdverb = 1u << 5;       // 全部, 顺利: ends a thing counted
inline constexpr Lexicon::Classes kBetween = 1u << 6;      // 达到, 为, 同比: between subject and number
inline constexpr Lexicon::Classes kUp = 1u << 7;           // 增长: the number is an increase
inline constexpr Lexicon::Classes kDown = 1u << 8;         // 下降: the number is a decrease
inline constexpr Lexicon::Classes kLevel = 1u << 9;        // 到, 至: after a change verb, a level
inline constexpr Lexicon::Classes kCompare = 1u << 10;     // 比, 较: opens a base of comparison
inline constexpr Lexicon::Classes kGap = 1u << 11;         // 高于: a gap to a benchmark, no change
inline constexpr Lexicon::Classes kList = 1u << 12;        // 、 和 及: joins the items of a list
inline constexpr Lexicon::Classes kDe = 1u << 13;          // 的
inline constexpr Lexicon::Classes kGenericHead = 1u << 14; // 比例, 时间: keeps the phrase before 的
inline constexpr Lexicon::Classes kSetNoun = 1u << 15;     // 方面: N个方面的X counts X
inline constexpr Lexicon::Classes kVague = 1u << 16;       // 金额: names what the previous number did
inline constexpr Lexicon::Classes kRespectively = 1u << 17;  // 分别: pairs lists in order
inline constexpr Lexicon::Classes kContent = 1u << 18;     // 比例, 相应: a word, nothing more
inline constexpr Lexicon::Classes kGoal = 1u << 19;        // 力争: what follows is a goal
inline constexpr Lexicon::Classes kClauseGoal = 1u << 25;  // 计划, 应: the rest of its clause is
inline constexpr Lexicon::Classes kDone = 1u << 20;        // 已, 截至: what follows is done
inline constexpr Lexicon::Classes kReviewHeading = 1u << 21;   // 回顾: a section of results
inline constexpr Lexicon::Classes kPlanHeading = 1u << 22;     // 安排: a section of plans
inline constexpr Lexicon::Classes kPlanDocument = 1u << 23;    // 方案, 条例 ending a title
inline constexpr Lexicon::Classes kReportDocument = 1u << 24;  // 报告 ending a title
inline constexpr Lexicon::Classes kPopulation = 1u << 26;  // 企业, 案件: whose metric it is
inline constexpr Lexicon::Classes kMetricHead = 1u << 27;  // 率, 时间: ends a metric's name
inline constexpr Lexicon::Classes kShare = 1u << 28;       // 占: a share, inside its name
inline constexpr Lexicon::Classes kAfterNumeral = 1u << 29;  // 年: left out after a numeral
}  // namespace word

// The [meaning.words] list of each class, by name.
const std::vector<std::pair<std::string_view, Lexicon::Classes>>& word_class_names();

// Where a number's subject may be found (rules/README.md, "Meaning").
enum class Place {
  kObject,          // the thing counted, after the measure word: 20个校企联合实验室
  kObjectAfterDe,   // after the number and 的: 75%的民商事案件
  kBefore,          // the phrase before the number: 审批时限压缩至5个工作日
  kBeforeAdjacent,  // the same, only if nothing but qualifiers and verbs of level stand between
  kObjectAfterVerb, // after the measure word and a verb: 为1万人办理落户手续
  kActionAfter,     // the action a time limit bounds: 3个工作日内办结
  kShared,          // the subject of the number before, in a list or a clause before
  kVerb,            // the verb before the number, when nothing names more: 惠及433.5万人
};

// The [meaning.subject_places] names.
const std::vector<std::pair<std::string_view, Place>>& place_names();

struct Language {
  // Marks that end a clause, and those that end a sentence ([language] clause_marks,
  // sentence_marks): no subject crosses the first, no cue of a goal the second.
  void add_mark(char32_t mark, bool ends_sentence);
  bool ends_clause(char32_t c) const { return c < clause_marks_.size() && clause_marks_[c]; }
  bool ends_sentence(char32_t c) const { return c < sentence_marks_.size() && sentence_marks_[c]; }
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
  // Adds a word of the named classes; keeps cue_starts up to date. false: the lexicon is
  // full.
  bool add_word(std::string_view text, Lexicon::Classes classes);

 private:
  std::bitset<0x10000> cue_starts_;
  std::bitset<0x10000> notable_ = quotation_marks();
  std::bitset<0x10000> clause_marks_;
  std::bitset<0x10000> sentence_marks_;
  bool has_words_ = false;

  static std::bitset<0x10000> quotation_marks();
};

}  // namespace quantex
