#include "quantex/sections.hpp"

#include <optional>

#include "quantex/utf8.hpp"

namespace quantex {
namespace {

// A title is the document's first short lines; the first long one begins the body.
constexpr std::size_t kLongestTitleLine = 60;
static_assert(Sections::kBytesSeen >= 4 * (kLongestTitleLine + 1),
              "see() reads up to kLongestTitleLine + 1 characters of four bytes at most");
// A heading is short: a numbered one up to its first full stop, an plain one whole.
constexpr std::size_t kLongestNumberedHeading = 40;
constexpr std::size_t kLongestPlainHeading = 30;

// The level a heading's numbering gives it (0: a part, 一、 or 第一章), and where its words
// start; none for a line that does not begin with a numbering.
struct Numbering {
  std::size_t level;
  std::size_t words;
  bool title = false;  // Markdown's # title
};

std::optional<Numbering> numbering(std::string_view line, const Numerals& numerals) {
  auto is_chinese_numeral = [&numerals](char32_t c) { return numerals.counts(c); };
  std::size_t pos = 0;
  char32_t first = utf8::next(line, pos);
  if (first == U'#') {  // Markdown: # title, ## chapter; ##paidbegin## is page furniture
    std::size_t hashes = 1;
    while (pos < line.size() && line[pos] == '#') ++pos, ++hashes;
    if (pos >= line.size() || line[pos] != ' ') return std::nullopt;
    return Numbering{hashes >= 2 ? hashes - 2 : 0, pos, hashes == 1};
  }
  if (first == U'第') {  // 第一章, 第二节, 第三部分
    std::size_t at = pos;
    char32_t c = 0;
    while (at < line.size() && (is_chinese_numeral(c = utf8::next(line, at)) || is_arabic_digit(c)))
      pos = at;
    if (c == U'章' || c == U'编' || c == U'部') return Numbering{0, at};
    if (c == U'节') return Numbering{1, at};
    return std::nullopt;
  }
  if (is_chinese_numeral(first)) {  // 一、
    std::size_t at = pos;
    char32_t c = 0;
    while (at < line.size() && is_chinese_numeral(c = utf8::next(line, at))) pos = at;
    if (c == U'、') return Numbering{0, at};
    return std::nullopt;
  }
  if (first == U'（' || first == U'(') {  // （一）
    std::size_t at = pos;
    char32_t c = 0;
    bool any = false;
    while (at < line.size() && is_chinese_numeral(c = utf8::next(line, at))) pos = at, any = true;
    if (any && (c == U'）' || c == U')')) return Numbering{1, at};
    return std::nullopt;
  }
  if (is_arabic_digit(first)) {  // 1. or 1、 but not 1.5
    std::size_t at = pos;
    char32_t c = 0;
    while (at < line.size() && is_arabic_digit(c = utf8::next(line, at))) pos = at;
    std::size_t after = at;
    bool digit_follows = after < line.size() && is_arabic_digit(utf8::next(line, after));
    if ((c == U'.' || c == U'．' || c == U'、') && !digit_follows) return Numbering{2, at};
  }
  return std::nullopt;
}

// The part of a line before its first full stop, its length in characters, and whether it
// has one: a heading run into its paragraph (（一）健全工作机制。我市…) is that part.
// Past kLongestTitleLine characters a line is neither title nor heading, and is read no
// further.
struct Head {
  std::string_view text;
  std::size_t characters = 0;
  bool stopped = false;
};

Head head_of(std::string_view line, const Marks& marks) {
  Head head;
  for (std::size_t pos = 0; pos < line.size() && head.characters <= kLongestTitleLine;) {
    std::size_t at = pos;
    char32_t c = utf8::next(line, pos);
    if (marks.is_full_stop(c)) {
      head.stopped = true;
      head.text = line.substr(0, at);
      return head;
    }
    ++head.characters;
  }
  head.text = line;
  return head;
}

// The length of the character that starts line[pos] if it is a space: one written as it is,
// or one a page saved in a legacy encoding wrote as <U+XXXX> because the encoding lacks it
// (glibc's iconv writes an indent of no-break spaces in GBK so); 0 otherwise.
std::size_t space_at(std::string_view line, std::size_t pos, const Marks& marks) {
  std::size_t at = pos;
  if (marks.is_space(utf8::next(line, at))) return at - pos;
  constexpr std::string_view kOpen = "<U+";
  if (line.substr(pos, kOpen.size()) != kOpen) return 0;
  char32_t c = 0;
  std::size_t digits = 0;
  for (at = pos + kOpen.size(); at < line.size() && digits < 6; ++at, ++digits) {
    char h = line[at];
    int value = h >= '0' && h <= '9' ? h - '0' : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
    if (value < 0) break;
    c = c * 16 + static_cast<char32_t>(value);
  }
  if (digits < 4 || at >= line.size() || line[at] != '>' || !marks.is_space(c)) return 0;
  return at + 1 - pos;
}

}  // namespace

void Sections::start_document() { state_ = State{}; }

Sections::Reading Sections::reading_of(std::string_view text, Lexicon::Classes plan,
                                       Lexicon::Classes results) const {
  Reading reading = Reading::kUnknown;
  for (std::size_t pos = 0; pos < text.size();) {
    Lexicon::Word word = language_.words.starting_at(text, pos, text.size());
    if (word.size == 0) {
      utf8::next(text, pos);
      continue;
    }
    if (word.classes & plan) reading = Reading::kPlans;
    if (word.classes & results) reading = Reading::kResults;
    pos += word.size;
  }
  return reading;
}

void Sections::see(std::string_view line) {
  std::size_t start = 0;
  while (start < line.size()) {
    std::size_t space = space_at(line, start, language_.marks);
    if (space == 0) break;
    start += space;
  }
  line.remove_prefix(start);
  if (line.empty()) return;
  auto numbered = numbering(line, language_.numerals);
  // Most lines are paragraphs: one too long to be a plain heading, outside the title, and not
  // numbered, says nothing of its section (a character is at most four bytes).
  if (!state_.in_title && !numbered && line.size() > 4 * kLongestPlainHeading) return;
  Head head = head_of(line, language_.marks);

  if (state_.in_title) {
    if ((!numbered || numbered->title) && !head.stopped && head.characters <= kLongestTitleLine) {
      Reading reading = reading_of(line, word::kPlanDocument, word::kReportDocument);
      if (reading != Reading::kUnknown) state_.document = reading;
      return;
    }
    state_.in_title = false;
  }

  // Only a part's heading says what its numbers are: the headings within a part name its
  // topics (（一）支持民营企业举措更加有力 is no plan). A part without such words reads as
  // the document does, unless a part that said either came before it: a report reviews
  // first and plans after, and the parts of its plan are often headed by their tasks alone
  // (一、1999年工作回顾 二、坚持扩大内需的方针 三、大力推进结构调整).
  if (numbered && numbered->level == 0 && head.characters <= kLongestNumberedHeading) {
    std::string_view words = head.text.substr(std::min(numbered->words, head.text.size()));
    Reading reading = reading_of(words, word::kPlanHeading, word::kReviewHeading);
    if (reading == Reading::kUnknown && state_.section != Reading::kUnknown) {
      reading = Reading::kPlans;
    }
    state_.section = reading;
  } else if (!numbered && !head.stopped && head.characters <= kLongestPlainHeading) {
    // A short line of its own opens a part only if it says which (今年工作安排).
    Reading reading = reading_of(line, word::kPlanHeading, word::kReviewHeading);
    if (reading != Reading::kUnknown) state_.section = reading;
  }
}

bool Sections::plan() const {
  Reading reading = state_.section != Reading::kUnknown ? state_.section : state_.document;
  return reading == Reading::kPlans;
}

}  // namespace quantex
