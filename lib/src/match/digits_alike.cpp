// detail::digits_alike: whether a pattern can tell one ASCII digit from another (matcher.hpp).
#include <cstdint>

#include "quantex/matcher.hpp"
#include "quantex/utf8.hpp"

namespace quantex {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

constexpr std::uint32_t kAllDigits = 0x3FF;  // one bit per digit, 0 to 9

// The digits in the range [low, high] of code points, one bit each.
std::uint32_t digits_between(char32_t low, char32_t high) {
  std::uint32_t mask = 0;
  for (char32_t d = U'0'; d <= U'9'; ++d) {
    if (low <= d && d <= high) mask |= 1u << (d - U'0');
  }
  return mask;
}

// Reads the class that starts after the [ at `pos`, and moves pos past its ]. False where a
// member of it may name some digits and not others, or where it is not sure: a class of
// what it cannot read (\x30, \060) stands in for ranges it cannot see.
bool class_alike(std::string_view pattern, std::size_t& pos) {
  std::uint32_t digits = 0;
  if (pos < pattern.size() && pattern[pos] == '^') ++pos;  // a complement keeps all or none
  bool first = true;
  // One member: a literal character (set in c), or a whole class of its own (\d, [:alpha:]).
  auto member = [&](char32_t& c) -> int {  // 1 a character, 0 a class, -1 not sure
    if (pattern.compare(pos, 2, "[:") == 0) {
      std::size_t end = pattern.find(":]", pos + 2);
      if (end == std::string_view::npos) return -1;
      pos = end + 2;
      return 0;  // every POSIX class holds all digits or none
    }
    if (pattern[pos] == '\\') {
      if (pos + 1 >= pattern.size()) return -1;
      char escaped = pattern[pos + 1];
      if (is_digit(escaped) || escaped == 'x') return -1;
      if (escaped == 'p' || escaped == 'P') {
        pos += 2;
        if (pos < pattern.size() && pattern[pos] == '{') {
          std::size_t end = pattern.find('}', pos);
          if (end == std::string_view::npos) return -1;
          pos = end + 1;
        } else {
          ++pos;
        }
        return 0;  // the ASCII digits share every Unicode property
      }
      pos += 1;  // \d \w \s and their complements are classes; \. \- \] are characters
      if (escaped == 'd' || escaped == 'D' || escaped == 'w' || escaped == 'W' || escaped == 's' ||
          escaped == 'S') {
        ++pos;
        return 0;
      }
    }
    c = utf8::next(pattern, pos);
    return 1;
  };
  while (pos < pattern.size()) {
    if (pattern[pos] == ']' && !first) {
      ++pos;
      return digits == 0 || digits == kAllDigits;
    }
    first = false;
    char32_t low = 0;
    int kind = member(low);
    if (kind < 0) return false;
    if (kind == 0) {
      // A class that holds all digits or none: with it, digits named beside it may still
      // split them ([\p{Greek}5]); count it as neither, and let those decide.
      continue;
    }
    char32_t high = low;
    if (pos + 1 < pattern.size() && pattern[pos] == '-' && pattern[pos + 1] != ']') {
      ++pos;
      if (member(high) != 1) return false;
    }
    digits |= digits_between(low, high);
  }
  return false;  // no ] closes it: RE2 will say so
}

// Whether a counted repetition ({2}, {1,3}, {2,}) starts at pos; if so, moves pos past it.
// A brace that starts none is a literal, and so are the digits after it.
bool skip_repetition(std::string_view pattern, std::size_t& pos) {
  std::size_t at = pos + 1;
  std::size_t digits = 0;
  while (at < pattern.size() && is_digit(pattern[at])) ++at, ++digits;
  if (digits == 0) return false;
  if (at < pattern.size() && pattern[at] == ',') {
    ++at;
    while (at < pattern.size() && is_digit(pattern[at])) ++at;
  }
  if (at >= pattern.size() || pattern[at] != '}') return false;
  pos = at + 1;
  return true;
}

}  // namespace

bool detail::digits_alike(std::string_view pattern) {
  for (std::size_t pos = 0; pos < pattern.size();) {
    char c = pattern[pos];
    if (is_digit(c)) return false;  // a digit of the text, not of a repetition
    if (c == '{' && skip_repetition(pattern, pos)) continue;
    if (c == '[') {
      ++pos;
      if (!class_alike(pattern, pos)) return false;
      continue;
    }
    if (c == '(' && pattern.compare(pos, 2, "(?") == 0) {
      // A group's name may hold digits: (?P<v1>...).
      std::size_t name = pattern.compare(pos, 4, "(?P<") == 0  ? pos + 4
                         : pattern.compare(pos, 3, "(?<") == 0 ? pos + 3
                                                               : std::string_view::npos;
      if (name != std::string_view::npos) {
        std::size_t end = pattern.find('>', name);
        if (end == std::string_view::npos) return false;
        pos = end + 1;
        continue;
      }
    }
    if (c == '\\') {
      if (pos + 1 >= pattern.size()) return false;
      char escaped = pattern[pos + 1];
      // \1 (octal), \x31 and \Q1\E name digits; \p{Nd}, \d, \b and the like name all or none.
      if (is_digit(escaped) || escaped == 'x' || escaped == 'Q') return false;
      pos += 2;
      if ((escaped == 'p' || escaped == 'P') && pos < pattern.size() && pattern[pos] == '{') {
        std::size_t end = pattern.find('}', pos);
        if (end == std::string_view::npos) return false;
        pos = end + 1;
      } else if (static_cast<unsigned char>(escaped) >= 0x80) {
        pos += utf8::sequence_length(static_cast<unsigned char>(escaped)) - 1;
      }
      continue;
    }
    ++pos;
  }
  return true;
}

}  // namespace quantex
