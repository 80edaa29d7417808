#include "phrases.hpp"

#include "quantex/utf8.hpp"

namespace quantex::detail {
namespace {

using namespace word;

// Words that end a phrase where they stand; a word also listed as content is content. Cues
// of goals are not among them: 目标 and 计划 are nouns in a name (经济增长预期目标); a cue
// that also ends a phrase (已, 力争) is listed as an adverb or a word between too.
constexpr Lexicon::Classes kBounds = kVerb | kKeptVerb | kLightVerb | kPreposition | kAdverb |
                                     kBetween | kUp | kDown | kLevel | kCompare | kGap | kList |
                                     kDe | kRespectively | kShare;

bool is_content(Lexicon::Classes classes) {
  return (classes & kBounds) == 0 || (classes & kContent) != 0;
}

// Longest subject, object and action, in bytes (32, 16 and 12 Chinese characters): a
// subject is a name, not a clause.
constexpr std::size_t kLongestSubject = 96;
constexpr std::size_t kLongestObject = 48;
constexpr std::size_t kLongestAction = 36;
// How far back a base of comparison (比上年, 高于全国平均水平) may reach, in characters.
constexpr std::size_t kLongestBase = 8;
// A metric whose population opens its name is named without it only when the rest is this
// long: 企业实际支付利率 is 实际支付利率, but 企业开办时间 is not 开办时间.
constexpr std::size_t kShortestMetricAfterPopulation = 5;

bool is_opening(char32_t c) {
  return c == U'（' || c == U'(' || c == U'“' || c == U'《' || c == U'"';
}
bool is_closing(char32_t c) { return c == U'）' || c == U')' || c == U'”' || c == U'》'; }
char32_t closing_of(char32_t c) {
  switch (c) {
    case U'（': return U'）';
    case U'(': return U')';
    case U'“': return U'”';
    case U'《': return U'》';
    default: return c;
  }
}

bool is_latin(char32_t c) { return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'); }

bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

std::size_t characters(std::string_view text, Span span) {
  return utf8::count(text.substr(span.begin, span.size()));
}

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
  if (!is_ascii_digit(c)) return true;
  auto part_of_number = [](char32_t d) { return is_ascii_digit(d) || d == U'.'; };
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
    } else if (c & (kBetween | kDe | kShare | kAdverb)) {
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

Phrase PhraseScanner::before(std::size_t floor, std::size_t end, bool floor_is_record) const {
  Phrase phrase;
  Token head = previous(end, floor);
  if (head.at_end || head.mark) return phrase;
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
      std::size_t start = head.begin;
      Token token = previous(start, floor);
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
      if (object) start = head.begin;
      // 一般公共预算收入完成386亿元: a topic before a verb that names no money is the subject.
      Span topic = start == head.begin ? Span{} : trimmed(Span{start, head.begin});
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
  // Inside a quotation, read leftwards: “企业认定、政府认账”授权企业, “金牌调解员”.
  // A straight quote closes when read leftwards outside a quotation, and opens inside one.
  auto quote_depth = [&](const Token& token, int depth) {
    if (token.classes != 0) return depth;
    std::size_t at = token.begin;
    char32_t c = utf8::next(text_, at);
    if (c == U'”' || c == U'》' || (c == U'"' && depth == 0)) return depth + 1;
    if ((c == U'“' || c == U'《' || c == U'"') && depth > 0) return depth - 1;
    return depth;
  };
  int quoted = quote_depth(head, 0);
  std::size_t share = end;  // where an 占 inside the phrase stands
  while (end - start < kLongestSubject) {
    Token token = previous(start, floor);
    if (token.at_end || token.mark) break;
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
      break;
    }
    // A verb bounds the phrase, unless what follows it is a bound ending (覆盖率, 完成率) or a
    // generic head (精简比例), or the phrase is a clause before 的.
    bool bare = characters(text_, Span{start, item_end}) < 2 ||
                (characters(text_, Span{start, end}) <= 3 &&
                 (generic || ends_with_class(Span{start, end}, kMetricHead)));
    if ((c & (kVerb | kLightVerb | kUp | kDown)) && (relative || bare)) {
      start = token.begin;
      continue;
    }
    if ((c & kDown) && !(c & kLevel)) phrase.verb_before = Change::kDown;
    if ((c & kUp) && !(c & kLevel)) phrase.verb_before = Change::kUp;
    break;
  }
  if (share < end && !generic) {
    // 产值约占全国工业总产值的45%: a share of a whole names what it is a share of, the part
    // before 占; a share's own name (占全市投资比重) stays whole.
    Phrase part = before(floor, tail(floor, share).end, floor_is_record);
    if (!part.empty()) return part;
  }
  phrase.span = trimmed(Span{start, end});
  phrase.adjacent = true;
  return phrase;
}

Phrase PhraseScanner::object_after(std::size_t pos, std::size_t ceiling, bool after_verb) const {
  Phrase phrase;
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
  phrase.span = trimmed(Span{start, pos});
  return phrase;
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
  while (pos - start < kLongestAction) {
    token = next(pos, ceiling);
    if (token.at_end || token.mark) break;
    if (!is_content(token.classes) &&
        (token.classes & (kList | kPreposition | kGoal | kClauseGoal | kDone))) {
      break;
    }
    pos = token.end;
  }
  phrase.span = trimmed(Span{start, pos});
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

std::vector<Span> PhraseScanner::items(Span phrase) const {
  std::vector<Span> items;
  std::size_t start = phrase.begin;
  int depth = 0;
  for (std::size_t pos = phrase.begin; pos < phrase.end;) {
    std::size_t at = pos;
    char32_t c = utf8::next(text_, pos);
    if (is_opening(c)) ++depth;
    if (is_closing(c) && depth > 0) --depth;
    if (c == U'、' && depth == 0) {
      items.push_back(trimmed(Span{start, at}));
      start = pos;
    }
  }
  items.push_back(trimmed(Span{start, phrase.end}));
  return items;
}

bool PhraseScanner::has_class(Span span, Lexicon::Classes classes) const {
  for (std::size_t pos = span.begin; pos < span.end;) {
    Token token = next(pos, span.end);
    if (token.classes & classes) return true;
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

Span PhraseScanner::trimmed(Span span) const {
  // Scope words, spans of time and joins in front: 全市人民币各项贷款余额 is 人民币各项贷款
  // 余额, 五年零售物价 is 零售物价.
  auto leading = [&](std::size_t at) {
    Lexicon::Word word = words_.starting_at(text_, at, span.end);
    std::size_t before = at;
    bool after_numeral = at > 0 && numerals_.in_numeral(utf8::previous(text_, before));
    bool left_out = word.size > 0 && !(word.classes & kContent) &&
                    ((word.classes & (kScope | kList | kDe)) ||
                     ((word.classes & kAfterNumeral) && after_numeral));
    return left_out ? at + word.size : span.begin;
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
    if (is_closing(close) && open != U'"') {
      bool opened = false;
      std::string_view rest = text_.substr(span.begin, last - span.begin);
      for (std::size_t pos = 0; pos < rest.size();) {
        char32_t c = utf8::next(rest, pos);
        if (is_opening(c) && closing_of(c) == close) opened = true;
      }
      if (!opened) {
        span.end = last;
        continue;
      }
    }
    break;
  }
  return span;
}

}  // namespace quantex::detail
