// The phrase scanner rightwards from a number and within a phrase: what a measure word
// counts, the action a time limit bounds, a list's items, a metric's name, a phrase trimmed.
#include "phrase_words.hpp"
#include "phrases.hpp"
#include "quantex/utf8.hpp"

namespace quantex::detail {

using namespace phrase;

Phrase PhraseScanner::object_after(std::size_t pos, std::size_t ceiling, bool after_verb) const {
  Phrase phrase;
  // 13亿人口, 六亿多人民: the measure word's character begins the name of what is counted.
  if (pos > 0) {
    std::size_t unit = pos;
    utf8::previous(text_, unit);
    Lexicon::Word whole = words_.starting_at(text_, unit, ceiling);
    if (whole.size > pos - unit && (whole.classes & kContent)) {
      phrase.span = Span{unit, unit + whole.size};
      return phrase;
    }
  }
  Token token = next(pos, ceiling);
  if (!token.at_end && !token.mark && (token.classes & kDe) && !is_content(token.classes)) {
    pos = token.end;
    token = next(pos, ceiling);
  }
  if (after_verb) {
    constexpr Lexicon::Classes kStepped =
        kVerb | kLightVerb | kKeptVerb | kAdverb | kBetween | kUp | kDown;
    while (!token.at_end && !token.mark && !is_content(token.classes) &&
           (token.classes & kStepped)) {
      pos = token.end;
      token = next(pos, ceiling);
    }
  }
  bool named = !token.at_end && !token.mark &&
               (is_content(token.classes) || (token.classes & kKeptVerb));  // 融资担保机构
  if (named && token.classes == 0) {
    // 15.6万套（间）: a bracket right after the measure word holds another unit.
    std::size_t at = token.begin;
    char32_t c = utf8::next(text_, at);
    named = c != U'（' && c != U'(';
  }
  if (!named) return phrase;
  constexpr Lexicon::Classes kVerbs = kVerb | kLightVerb | kKeptVerb;
  std::size_t start = pos;
  int depth = 0;  // inside brackets or quotes everything belongs to the name: 县(市、区)
  while (pos - start < kLongestObject) {
    token = next(pos, ceiling);
    if (token.at_end) break;
    std::size_t at = token.begin;
    char32_t c = utf8::next(text_, at);
    if (token.classes == 0 && is_opening(c) && !(depth > 0 && c == U'"')) {
      // 3940家涉气企业“一厂一策”: a quote after the name is about it, not part of it.
      if (depth == 0 && (c == U'“' || c == U'《') && trimmed(Span{start, pos}).size() > 0) break;
      ++depth;
    } else if (token.classes == 0 && (is_closing(c) || (c == U'"' && depth > 0))) {
      if (depth == 0) break;
      --depth;
    } else if (depth == 0) {
      if (token.mark) break;
      if (!is_content(token.classes)) {
        if (token.classes & kDe) {
          // 6个方面的审议意见: after a set, what follows 的 is counted; 29个单位的366项,
          // 2523个村…的覆盖工作: else what stands before it.
          Token after = next(token.end, ceiling);
          bool set = has_class(Span{start, token.begin}, kSetNoun);
          bool named_after = !after.at_end && !after.mark &&
                             (is_content(after.classes) || (after.classes & kVerbs));
          if (!set || !named_after) break;
          start = token.end;
        } else if ((token.classes & kVerbs) && pos == start) {
          // A verb that opens the name: 审议意见.
        } else if (!(token.classes & kList) ||
                   text_.substr(token.begin, token.end - token.begin) == "、") {
          break;
        }
      }
    } else if (token.mark && c != U'、') {
      break;
    }
    pos = token.end;
  }
  // 4个冷链物流基地建设: the work done on the things counted is no part of them, unless
  // it is all there is (3项改造).
  Span span = trimmed(Span{start, pos});
  for (Lexicon::Word last; span.size() > 0;
       span = trimmed(Span{span.begin, span.end - last.size})) {
    last = words_.ending_at(text_, span.end, span.begin);
    if (!(last.classes & kTrailingAction) ||
        characters(text_, Span{span.begin, span.end - last.size}) < 2) {
      break;
    }
  }
  phrase.span = span;
  return phrase;
}

Span PhraseScanner::lead(std::size_t begin, std::size_t end, bool& numbered) const {
  auto numeral = [&](const Token& token) {
    if (token.at_end || token.classes != 0) return false;
    std::size_t at = token.begin;
    char32_t c = utf8::next(text_, at);
    return numerals_.in_numeral(c);
  };
  // 全年粮食产量1.4亿吨: a word of scope in front is no part of the name.
  Token token = next(begin, end);
  while (!token.at_end && !token.mark && (token.classes & kScope) && !(token.classes & kContent)) {
    begin = token.end;
    token = next(begin, end);
  }
  std::size_t pos = begin;
  while (!token.at_end && !token.mark && is_content(token.classes) && !(token.classes & kCues) &&
         !numeral(token)) {
    pos = token.end;
    token = next(pos, end);
  }
  // The words that may stand between the name and its level: 为, 将达到, 已达.
  constexpr Lexicon::Classes kToLevel = kBetween | kLevel | kPreposition | kAdverb;
  Token number = token;
  for (int words = 0; words < kMostWordsToLevel && !numeral(number) && !number.at_end &&
                      !number.mark && !is_content(number.classes) && (number.classes & kToLevel);
       ++words) {
    number = next(number.end, end);
  }
  numbered = numeral(number);
  // A year is no level: 同一九五七年比较, 我们从一九五五年以来.
  while (numbered && numeral(number)) number = next(number.end, end);
  if (numbered && !number.at_end && (number.classes & kAfterNumeral)) numbered = false;
  // And the clause ends with that level: a number and a unit of a few characters.
  std::size_t unit = end;
  for (int chars = 0; numbered && chars <= kLongestLevelUnit && unit > pos; ++chars) {
    std::size_t at = unit;
    char32_t c = utf8::previous(text_, at);
    if (numerals_.in_numeral(c)) return trimmed(Span{begin, pos});
    unit = at;
  }
  numbered = false;
  return trimmed(Span{begin, pos});
}

Phrase PhraseScanner::action_after(std::size_t pos, std::size_t ceiling) const {
  Phrase phrase;
  Token token = next(pos, ceiling);
  while (!token.at_end && !token.mark && !is_content(token.classes) &&
         (token.classes & (kLightVerb | kAdverb))) {
    pos = token.end;
    token = next(pos, ceiling);
  }
  std::size_t start = pos;
  bool named = false;  // 只有849天了: a word like 了 alone names no action
  while (pos - start < kLongestAction) {
    token = next(pos, ceiling);
    if (token.at_end || token.mark) break;
    if (!is_content(token.classes) &&
        (token.classes & (kList | kPreposition | kGoal | kClauseGoal | kDone))) {
      break;
    }
    // 五年内新增发电装机容量一千九百万千瓦: a number ends the action and begins its own; a
    // lone numeral may be part of a word (一次办结, 动态清零).
    std::size_t at = token.begin;
    if (token.classes == 0 && numerals_.in_numeral(utf8::next(text_, at)) && at < ceiling &&
        numerals_.in_numeral(utf8::next(text_, at))) {
      break;
    }
    named = named || is_content(token.classes) ||
            (token.classes & (kVerb | kKeptVerb | kUp | kDown)) != 0;
    pos = token.end;
  }
  if (named) phrase.span = trimmed(Span{start, pos});
  return phrase;
}

bool PhraseScanner::only_joins(std::size_t begin, std::size_t end) const {
  while (begin < end) {
    Token token = next(begin, end);
    if (token.mark || is_content(token.classes) || !(token.classes & (kList | kBetween))) {
      return false;
    }
    begin = token.end;
  }
  return true;
}

std::vector<Span> PhraseScanner::items(Span phrase, bool joins) const {
  std::vector<Span> items;
  std::size_t start = phrase.begin;
  int depth = 0;
  for (std::size_t pos = phrase.begin; pos < phrase.end;) {
    Token token = next(pos, phrase.end);
    std::size_t at = token.begin;
    char32_t c = utf8::next(text_, at);
    pos = token.end;
    if (token.classes == 0 && is_opening(c)) ++depth;
    if (token.classes == 0 && is_closing(c) && depth > 0) --depth;
    bool joined = joins && !is_content(token.classes) && (token.classes & kList);
    if ((c == U'、' || joined) && depth == 0) {
      items.push_back(trimmed(Span{start, token.begin}));
      start = token.end;
    }
  }
  items.push_back(trimmed(Span{start, phrase.end}));
  return items;
}

bool PhraseScanner::has_class(Span span, Lexicon::Classes classes, Lexicon::Classes unless) const {
  for (std::size_t pos = span.begin; pos < span.end;) {
    Token token = next(pos, span.end);
    if ((token.classes & classes) && !(token.classes & unless)) return true;
    pos = token.end;
  }
  return false;
}

bool PhraseScanner::ends_with_class(Span span, Lexicon::Classes classes) const {
  if (span.size() == 0) return false;
  std::size_t last = span.end;
  if (!(words_.ending_classes(utf8::previous(text_, last)) & classes)) return false;
  // Not the longest word only: 可办率 (a word of its own) ends with 率.
  std::size_t begin = span.end;
  for (std::size_t chars = 0; begin > span.begin && chars < 3; ++chars) {
    utf8::previous(text_, begin);
    if (words_.classes_of(text_.substr(begin, span.end - begin)) & classes) return true;
  }
  return false;
}

Span PhraseScanner::metric_of(Span span) const {
  if (!ends_with_class(span, kMetricHead)) return span;
  std::size_t after = span.begin;  // where the last population word ends
  bool first = false;              // whether it opens the span
  for (std::size_t pos = span.begin; pos < span.end;) {
    Token token = next(pos, span.end);
    if ((token.classes & kPopulation) && !(token.classes & kContent) && token.end < span.end) {
      after = token.end;
      first = token.begin == span.begin;
    }
    pos = token.end;
  }
  std::size_t rest = characters(text_, Span{after, span.end});
  // 企业开办时间 is a name of its own; 企业实际支付利率 is the rate 实际支付利率; in 办理一件
  // 政务服务事项的平均时间 the population belongs to the clause before 的.
  bool clause = (words_.starting_at(text_, after, span.end).classes & kDe) != 0;
  if (after == span.begin || rest < 2 || clause ||
      (first && rest < kShortestMetricAfterPopulation)) {
    return span;
  }
  return Span{after, span.end};
}

std::size_t PhraseScanner::unclosed(Span span) const {
  std::size_t opened = span.begin;
  int depth = 0;
  for (std::size_t pos = span.begin; pos < span.end;) {
    std::size_t at = pos;
    char32_t c = utf8::next(text_, pos);
    if (opens_bracket(c)) {
      if (depth++ == 0) opened = at;
    } else if (closes_bracket(c) && depth > 0) {
      --depth;
    }
  }
  return depth > 0 ? opened : span.begin;
}

Span PhraseScanner::trimmed(Span span) const {
  // Scope words, spans of time, joins and prepositions in front: 全市人民币各项贷款余额 is
  // 人民币各项贷款余额, 五年零售物价 is 零售物价, 在社会零售中的比重 is 社会零售中的比重.
  bool preposition = false;  // the last word left out in front was one
  auto leading = [&](std::size_t at) {
    Lexicon::Word word = words_.starting_at(text_, at, span.end);
    std::size_t before = at;
    bool after_numeral = at > 0 && numerals_.in_numeral(utf8::previous(text_, before));
    bool left_out = word.size > 0 && !(word.classes & kContent) &&
                    ((word.classes & (kScope | kList | kDe | kPreposition)) ||
                     ((word.classes & kAfterNumeral) && after_numeral));
    if (!left_out) return span.begin;
    preposition = (word.classes & kPreposition) != 0;
    return at + word.size;
  };
  while (span.begin < span.end) {
    std::size_t numerals = span.begin;
    while (numerals < span.end) {
      std::size_t at = numerals;
      if (!numerals_.in_numeral(utf8::next(text_, at))) break;
      numerals = at;
    }
    std::size_t rest = leading(span.begin);
    if (rest == span.begin && numerals > span.begin) rest = leading(numerals);
    if (rest == span.begin) break;
    span.begin = rest;
  }
  if (preposition) {
    // 按照法定时限办理一件事项的平均时间: what a preposition in front governs modifies the
    // verb after it; before 的, the name begins at that verb.
    for (std::size_t pos = span.begin; pos < span.end;) {
      Token token = next(pos, span.end);
      if (token.at_end || token.mark || (token.classes & kDe)) break;
      if (!is_content(token.classes) && (token.classes & (kVerb | kLightVerb))) {
        if (has_class(Span{token.end, span.end}, kDe)) span.begin = token.begin;
        break;
      }
      pos = token.end;
    }
  }
  // A join, 的 or scope word at the end (67个县区级项目服务专班和全市243名), and brackets or
  // quotes that open or close nothing inside.
  while (span.begin < span.end) {
    Lexicon::Word word = words_.ending_at(text_, span.end, span.begin);
    if (word.size > 0 && !(word.classes & (kContent | kGenericHead)) &&
        (word.classes & (kList | kDe | kScope))) {
      span.end -= word.size;
      continue;
    }
    std::size_t first = span.begin, last = span.end;
    char32_t open = utf8::next(text_, first);
    char32_t close = utf8::previous(text_, last);
    if (is_closing(open)) {
      span.begin = first;
      continue;
    }
    if (is_opening(close) && close != U'"') {
      span.end = last;
      continue;
    }
    if (open == U'“' && close == U'”' &&
        text_.substr(first, last - first).find("“") == std::string_view::npos) {
      // A name that is all one quotation: “新北京人” is 新北京人.
      span = Span{first, last};
      continue;
    }
    if (opens_bracket(open)) {
      // （一）工业支出: a numeral in brackets in front numbers an item of a list.
      std::size_t at = first;
      bool numbered = false;
      char32_t c = 0;
      while (at < span.end && numerals_.in_numeral(c = utf8::next(text_, at))) numbered = true;
      if (numbered && c == closing_of(open) && at < span.end) {
        span.begin = at;
        continue;
      }
    }
    if (is_opening(open) && close != closing_of(open)) {
      // An opening mark whose closing one is not in the span belongs to a longer name.
      std::string_view rest = text_.substr(first, span.end - first);
      char32_t want = closing_of(open);
      bool closed = false;
      for (std::size_t pos = 0; pos < rest.size();) {
        if (utf8::next(rest, pos) == want) closed = true;
      }
      if (!closed) {
        span.begin = first;
        continue;
      }
    }
    if (std::size_t cut = unclosed(span); cut > span.begin) {
      // 504个县（包括相当于县的旗、市: a bracket cut off by the longest name, left out.
      span.end = cut;
      continue;
    }
    if (is_closing(close) && open != U'"') {
      std::size_t opening = span.end;  // where the last mark that close closes stands
      std::string_view rest = text_.substr(span.begin, last - span.begin);
      for (std::size_t pos = 0; pos < rest.size();) {
        std::size_t at = pos;
        char32_t c = utf8::next(rest, pos);
        if (is_opening(c) && closing_of(c) == close) opening = span.begin + at;
      }
      if (opening == span.end) {
        span.end = last;
        continue;
      }
      // Brackets at the end that open with an aside (包括, 扣除) say what the name takes in
      // or leaves out, and are no part of it: 农业（包括农村副业）.
      std::size_t inside = opening;
      utf8::next(text_, inside);
      if (closes_bracket(close) && opening > span.begin &&
          (words_.starting_at(text_, inside, last).classes & kAside)) {
        span.end = opening;
        continue;
      }
    }
    break;
  }
  return span;
}

}  // namespace quantex::detail
