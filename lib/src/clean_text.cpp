#include "quantex/clean_text.hpp"

#include <algorithm>
#include <array>

#include "quantex/utf8.hpp"

namespace quantex {
namespace {

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000' || c == 0xA0; }

bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }

bool is_han(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

// Spaces between two such characters, at least one of them Chinese, are layout, not text.
bool joins(char32_t before, char32_t after) {
  bool a = is_han(before) || is_digit(before) || before == U'%' || before == U'％';
  bool b = is_han(after) || is_digit(after) || after == U'%' || after == U'％';
  return a && b && (is_han(before) || is_han(after));
}

// How far the scan steps from a character's first byte: the character's length, or 0 for
// the bytes that may begin one that cleaning removes (space, tab, and the first bytes of
// U+00A0, U+00AD, U+2000-U+3FFF, U+E000-U+FFFF). Most characters are not, and the scan, which
// passes over every character of the input, takes one look at each.
constexpr std::array<unsigned char, 256> kStep = [] {
  std::array<unsigned char, 256> step{};
  for (std::size_t byte = 0; byte < 256; ++byte) {
    step[byte] = byte < 0xC0 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
  }
  for (std::size_t byte : {0x20, 0x09, 0xC2, 0xE2, 0xE3, 0xEE, 0xEF}) step[byte] = 0;
  return step;
}();

// For a byte whose step is 0: whether the character at line[pos] may be one that cleaning
// removes, from its bytes alone: spaces (U+0020, tab, U+00A0, U+3000) and the invisible
// characters of utf8::is_invisible.
bool may_be_removable(std::string_view line, std::size_t pos) {
  auto byte = static_cast<unsigned char>(line[pos]);
  if (byte == ' ' || byte == '\t' || byte == 0xEE) return true;
  if (pos + 1 >= line.size()) return false;
  auto second = static_cast<unsigned char>(line[pos + 1]);
  switch (byte) {
    case 0xC2: return second == 0xA0 || second == 0xAD;
    case 0xE2: return second == 0x80;
    case 0xE3: return second == 0x80;
    default: return second <= 0xA3 || second == 0xBB;  // 0xEF: U+F000-U+F8FF, U+FEFF
  }
}

// The character that ends right before pos (0 at the start).
char32_t before(std::string_view line, std::size_t pos) {
  if (pos == 0) return 0;
  std::size_t at = utf8::floor_boundary(line, pos - 1);
  return utf8::next(line, at);
}

}  // namespace

void CleanText::assign(std::string_view line) {
  line_ = line;
  text_ = line;
  removed_.clear();
  counted_pos_ = 0;
  counted_chars_ = 0;
  std::size_t copied = 0;  // once something is removed, line[0, copied) is in buffer_
  bool copying = false;
  auto remove = [&](std::size_t begin, std::size_t end, std::uint32_t chars) {
    if (!copying) {
      copying = true;
      buffer_.clear();
    }
    buffer_.append(line.substr(copied, begin - copied));
    copied = end;
    auto bytes = static_cast<std::uint64_t>(end - begin);
    if (!removed_.empty() && removed_.back().at == buffer_.size()) {
      removed_.back().chars += chars;
      removed_.back().bytes += bytes;
    } else if (removed_.empty()) {
      removed_.push_back({buffer_.size(), chars, bytes});
    } else {
      removed_.push_back(
          {buffer_.size(), removed_.back().chars + chars, removed_.back().bytes + bytes});
    }
  };
  std::size_t pos = 0;
  while (pos < line.size()) {
    auto byte = static_cast<unsigned char>(line[pos]);
    if (kStep[byte] != 0) {
      pos += kStep[byte];
      continue;
    }
    if (!may_be_removable(line, pos)) {
      pos += utf8::sequence_length(byte);
      continue;
    }
    std::size_t begin = pos;
    char32_t c = utf8::next(line, pos);
    if (utf8::is_invisible(c)) {
      remove(begin, pos, 1);
      continue;
    }
    if (!is_space(c)) continue;
    std::uint32_t run = 1;
    std::size_t end = pos;
    char32_t after = 0;
    while (end < line.size()) {
      std::size_t next = end;
      after = utf8::next(line, next);
      if (!is_space(after)) break;
      end = next;
      ++run;
    }
    // Otherwise this space stays; any that follow are looked at on their own.
    if (end < line.size() && joins(before(line, begin), after)) {
      remove(begin, end, run);
      pos = end;
    }
  }
  if (copying) {
    buffer_.append(line.substr(copied));
    text_ = buffer_;
  }
}

std::uint64_t CleanText::cleaned_chars(std::size_t pos) {
  if (pos < counted_pos_) {
    counted_pos_ = 0;
    counted_chars_ = 0;
  }
  counted_chars_ += utf8::count(text_.substr(counted_pos_, pos - counted_pos_));
  counted_pos_ = pos;
  return counted_chars_;
}

std::uint64_t CleanText::removed_before(std::size_t pos, bool inclusive, bool bytes) const {
  // The removals are in position order with running totals: the last one counted holds
  // the sum. A line can hold hundreds of thousands of them (a table spaced out), each
  // record asks, and a walk from the start made that quadratic.
  auto counted = inclusive
                     ? std::upper_bound(removed_.begin(), removed_.end(), pos,
                                        [](std::size_t p, const Removal& r) { return p < r.at; })
                     : std::lower_bound(removed_.begin(), removed_.end(), pos,
                                        [](const Removal& r, std::size_t p) { return r.at < p; });
  if (counted == removed_.begin()) return 0;
  const Removal& last = *(counted - 1);
  return bytes ? last.bytes : last.chars;
}

std::uint64_t CleanText::original_start(std::size_t pos) {
  return cleaned_chars(pos) + removed_before(pos, true, false);
}

std::uint64_t CleanText::original_end(std::size_t pos) {
  return cleaned_chars(pos) + removed_before(pos, false, false);
}

std::string_view CleanText::original(std::size_t begin, std::size_t end) const {
  std::size_t from = begin + removed_before(begin, true, true);
  std::size_t to = end + removed_before(end, false, true);
  return line_.substr(from, to - from);
}

}  // namespace quantex
