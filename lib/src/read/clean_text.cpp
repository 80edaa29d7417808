#include "quantex/clean_text.hpp"

#include <algorithm>

#include "quantex/utf8.hpp"

namespace quantex {
namespace {

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000' || c == 0xA0; }

bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }

bool is_han(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

// Spaces between two such characters, at least one of them Chinese, are layout, not text; so
// are spaces inside a number spaced out a digit at a time (法律草案6 6 个, 1 2 月2 0 日), which
// the number reader reads as one: after a lone digit. 2019 2020 stays two numbers.
bool joins(char32_t two_before, char32_t before, char32_t after) {
  if (is_digit(before) && is_digit(after)) return !is_digit(two_before);
  bool a = is_han(before) || is_digit(before) || before == U'%' || before == U'％';
  bool b = is_han(after) || is_digit(after) || after == U'%' || after == U'％';
  return a && b && (is_han(before) || is_han(after));
}

// Whether a character that cleaning may remove starts with the bytes b0 b1 b2: a space
// (U+0020, tab, U+00A0 C2 A0, U+3000 E3 80 80) or an invisible character of
// utf8::is_invisible (U+00AD C2 AD, U+200B-U+200D E2 80 8B-8D, U+E000-U+F8FF EE xx xx and
// EF 80-A3 xx, U+FEFF EF BB BF). In UTF-8 no character's first byte is another's later
// byte, so this may be asked at every byte, in or out of step with the characters: that
// lets the compiler test many bytes at once. Branch-free for the same reason.
bool removable_start(unsigned char b0, unsigned char b1, unsigned char b2) {
  return (b0 == 0x20) | (b0 == 0x09) | (b0 == 0xEE) |
         ((b0 == 0xC2) & ((b1 == 0xA0) | (b1 == 0xAD))) |
         ((b0 == 0xE2) & (b1 == 0x80) & (b2 >= 0x8B) & (b2 <= 0x8D)) |
         ((b0 == 0xE3) & (b1 == 0x80) & (b2 == 0x80)) |
         ((b0 == 0xEF) & ((b1 <= 0xA3) | ((b1 == 0xBB) & (b2 == 0xBF))));
}

// removable_start at line[pos], the bytes past the end read as 0.
bool removable_at(std::string_view line, std::size_t pos) {
  auto byte = [&](std::size_t i) {
    return i < line.size() ? static_cast<unsigned char>(line[i]) : static_cast<unsigned char>(0);
  };
  return removable_start(byte(pos), byte(pos + 1), byte(pos + 2));
}

// Most text holds nothing to remove: the scan tests a block of this many bytes at once.
constexpr std::size_t kBlock = 32;

// Whether any of the kBlock bytes at p starts a character cleaning may remove; reads two
// bytes past the block.
bool block_may_hold_removable(const unsigned char* p) {
  unsigned char any = 0;
  for (std::size_t i = 0; i < kBlock; ++i) any |= removable_start(p[i], p[i + 1], p[i + 2]);
  return any != 0;
}

// The character that ends right before pos (0 at the start), and the one before it.
char32_t before(std::string_view line, std::size_t pos) {
  return pos == 0 ? 0 : utf8::previous(line, pos);
}
char32_t two_before(std::string_view line, std::size_t pos) {
  if (pos == 0) return 0;
  utf8::previous(line, pos);
  return before(line, pos);
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
  const auto* data = reinterpret_cast<const unsigned char*>(line.data());
  std::size_t pos = 0;
  while (pos < line.size()) {
    if (pos + kBlock + 2 <= line.size() && !block_may_hold_removable(data + pos)) {
      pos += kBlock;
      continue;
    }
    // Byte by byte to the end of the block: a character cleaning removes may start here.
    for (std::size_t block_end = std::min(pos + kBlock, line.size()); pos < block_end;) {
      if (!removable_at(line, pos)) {
        ++pos;
        continue;
      }
      std::size_t begin = pos;
      char32_t c = utf8::next(line, pos);
      if (utf8::is_invisible(c)) {
        remove(begin, pos, 1);
        continue;
      }
      if (!is_space(c)) continue;  // a malformed sequence, read as U+FFFD
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
      if (end < line.size() && joins(two_before(line, begin), before(line, begin), after)) {
        remove(begin, end, run);
        pos = end;
      }
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
