// Phrases: the scans the meaning stage makes around a number, over the words of the language
// and the characters no word covers. Internal to lib/src/meaning.
//
// Reading leftwards from a number: first the words that stand between a subject and its
// number (Tail: 达到, 同比增长, 比上年, 高于全国), then the noun phrase they leave (before).
// Reading rightwards from a measure word: the thing counted (object_after), or the action a
// time limit bounds (action_after).
#pragma once

#include <string_view>

#include "quantex/language.hpp"
#include "quantex/meaning.hpp"
#include "quantex/resolver.hpp"

namespace quantex::detail {

// What stands between a subject and its number, read leftwards from the number.
struct Tail {
  std::size_t end = 0;            // where the subject may end
  Change change = Change::kNone;  // a change verb right before the number, not one of level
  bool gap = false;               // a gap to a benchmark: 高于全国
  bool respectively = false;      // 分别
};

// A phrase found by a scan, and what bounded it.
struct Phrase {
  Span span;                           // empty: none found
  bool adjacent = false;               // nothing but a Tail between it and the number
  bool verb_only = false;              // the phrase is a verb alone: 惠及, 废止
  Change verb_before = Change::kNone;  // a change verb right before it: 精简办事申请材料
  bool empty() const { return span.size() == 0; }
};

class PhraseScanner {
 public:
  PhraseScanner(const Language& language, std::string_view text)
      : words_(language.words), marks_(language.marks), numerals_(language.numerals), text_(text) {}

  Tail tail(std::size_t floor, std::size_t end) const;
  // The noun phrase that ends at tail_end, not before floor; floor_is_record: the floor is
  // the end of another record (what a verb there does is that record's).
  Phrase before(std::size_t floor, std::size_t tail_end, bool floor_is_record) const;
  // The thing counted after a measure word that ends at pos, before ceiling; with
  // after_verb, a verb (and adverbs) right after the measure word are stepped over.
  Phrase object_after(std::size_t pos, std::size_t ceiling, bool after_verb) const;
  // The action a time limit ending at pos bounds: 内办结, 内完成整改.
  Phrase action_after(std::size_t pos, std::size_t ceiling) const;
  // The name text[begin, end) opens with, up to a word that bounds a name, a mark or a
  // numeral: 钢产量拟定为六百万吨 opens with 钢产量. numbered: a number follows the name,
  // at once or after a word like 由 or 为 (食糖四百三十万吨, 原油由八千七百万吨).
  Span lead(std::size_t begin, std::size_t end, bool& numbered) const;
  // Whether text[begin, end) holds only list marks and words like 等.
  bool only_joins(std::size_t begin, std::size_t end) const;
  // The items of a phrase that is a list: 国内游客、入境游客; with joins, also where a word
  // like 和 joins two (城镇居民收入和农村居民收入).
  std::vector<Span> items(Span phrase, bool joins = false) const;
  // Whether a word of the classes, and of none of unless, stands in the span.
  bool has_class(Span span, Lexicon::Classes classes, Lexicon::Classes unless = 0) const;
  // Whether a word of the classes ends the span (of up to three characters).
  bool ends_with_class(Span span, Lexicon::Classes classes) const;
  // The name of a metric without the population it is measured on: 政务服务事项网上可办率
  // is 网上可办率, 小微企业低压接电时间 is 低压接电时间; the span itself otherwise.
  Span metric_of(Span span) const;

 private:
  struct Token {
    std::size_t begin = 0, end = 0;
    Lexicon::Classes classes = 0;
    bool mark = false;  // a mark, digit or space: no phrase crosses it
    bool at_end = false;
  };
  bool is_stop(char32_t c) const;
  bool stops(std::string_view text, std::size_t begin, std::size_t end, char32_t c) const;
  Token previous(std::size_t pos, std::size_t floor) const;
  Token next(std::size_t pos, std::size_t ceiling) const;
  // Where a base of comparison (比上年, 较年初, 高于全国) that ends at end begins, or end.
  std::size_t comparison_start(std::size_t floor, std::size_t end, bool& gap) const;
  // Where a level (1.4亿吨: a number and a unit of a few characters) that ends at end
  // begins, not before floor; end if none does.
  std::size_t level_start(std::size_t floor, std::size_t end) const;
  // Where a span of time (五年, 3年) whose scope word is token begins; token.begin if none.
  std::size_t duration_start(std::size_t floor, const Token& token) const;
  // Scope words, list marks and quotes a phrase should not start with.
  Span trimmed(Span span) const;
  // Where the first bracket of the span that it does not close opens; span.begin if none.
  std::size_t unclosed(Span span) const;

  const Lexicon& words_;
  const Marks& marks_;
  const Numerals& numerals_;
  std::string_view text_;
};

}  // namespace quantex::detail
