// What the phrase scanner's parts share (phrases.cpp reads leftwards from a number, spans.cpp
// rightwards and within a phrase): which words bound a phrase, how long a phrase may be,
// and the brackets and quotes that hold a name together.
#pragma once

#include "phrases.hpp"
#include "quantex/utf8.hpp"

namespace quantex::detail::phrase {

using namespace word;

// Words that end a phrase where they stand; a word also listed as content is content. Cues
// of goals are not among them: 目标 and 计划 are nouns in a name (经济增长预期目标); a cue
// that also ends a phrase (已, 力争) is listed as an adverb or a word between too.
constexpr Lexicon::Classes kBounds = kVerb | kKeptVerb | kLightVerb | kPreposition | kAdverb |
                                     kBetween | kUp | kDown | kLevel | kCompare | kGap | kList |
                                     kDe | kRespectively | kShare;

inline bool is_content(Lexicon::Classes classes) {
  return (classes & kBounds) == 0 || (classes & kContent) != 0;
}

// Longest subject, object and action, in bytes (32, 16 and 12 Chinese characters): a
// subject is a name, not a clause.
constexpr std::size_t kLongestSubject = 96;
constexpr std::size_t kLongestObject = 48;
constexpr std::size_t kLongestAction = 36;
// The longest unit of a level a clause ends with (八百六十九万吨, 二千五百六十亿度), in
// characters.
constexpr int kLongestLevelUnit = 4;
// How many words may stand between a name and its level in a clause that opens with both
// (邮路总长度将达到一百九十七万公里: 将, 达到).
constexpr int kMostWordsToLevel = 3;
// How far back a base of comparison (比上年, 高于全国平均水平) may reach, in characters.
constexpr std::size_t kLongestBase = 8;
// A metric whose population opens its name is named without it only when the rest is this
// long: 企业实际支付利率 is 实际支付利率, but 企业开办时间 is not 开办时间.
constexpr std::size_t kShortestMetricAfterPopulation = 5;

inline bool opens_bracket(char32_t c) { return c == U'（' || c == U'('; }
inline bool closes_bracket(char32_t c) { return c == U'）' || c == U')'; }
inline bool is_opening(char32_t c) {
  return opens_bracket(c) || c == U'“' || c == U'《' || c == U'"';
}
inline bool is_closing(char32_t c) { return closes_bracket(c) || c == U'”' || c == U'》'; }
// A colon after a short name heads what follows it: 烤烟：达到七百八十万担.
inline bool is_colon(char32_t c) { return c == U'：' || c == U':'; }
inline char32_t closing_of(char32_t c) {
  switch (c) {
    case U'（': return U'）';
    case U'(': return U')';
    case U'“': return U'”';
    case U'《': return U'》';
    default: return c;
  }
}

inline std::size_t characters(std::string_view text, Span span) {
  return utf8::count(text.substr(span.begin, span.size()));
}

}  // namespace quantex::detail::phrase
