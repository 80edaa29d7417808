#include "quantex/clean_text.hpp"

#include <algorithm>

#include "quantex/utf8.hpp"

namespace quantex {
namespace {

bool is_han(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

// Spaces between two such characters, at least one of them Chinese, are layout, not text; so
// are spaces inside a number spaced out a digit at a time (法律草案6 6 个, 1 2 月2 0 日), which
// the number reader reads as one: after a lone digit. 2019 2020 stays two numbers.
bool joins(char32_t two_before, char32_t before, char32_t after) {
  if (is_arabic_digit(before) && is_arabic_digit(after)) return !is_arabic_digit(two_before);
  bool a = is_han(before) || is_arabic_digit(before) || before == U'%' || before == U'％';
  bool b = is_han(after) || is_arabic_digit(after) || after == U'%' || after == U'％';
  return a && b && (is_han(before) || is_han(after));
}

// 1 if byte b is in the range that starts at low and spans span more values, else 0: a
// byte, not a bool, so that answers combine with & and a loop of them over a block of bytes
// becomes vector code.
unsigned char in_range(unsigned char b, unsigned char low, unsigned char span) {
  return static_cast<unsigned char>(static_cast<unsigned char>(b - low) <= span);
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

CleanText::CleanText(const Marks& marks) : marks_(marks) {
  // The terms only say where to look closer: the character there is decoded and asked. So
  // they may say more than the characters, and fewer, looser terms are cheaper to test.
  // Each character is a term of its own, then: neighbours that differ in their last byte
  // merge, then those that differ in their middle one; a later byte that may be any
  // continuation byte may be any byte (U+E000-U+F8FF tests its first byte alone); and the
  // terms of one first byte merge into the range that holds them all (U+00A0 and U+00AD, C2
  // A0 and C2 AD, become C2 A0-AD; ， and （, EF BC, stay out of EF 80-BB).
  std::vector<ByteTerm> terms;
  const Marks::Table removable = marks.removable();
  for (std::size_t c = removable._Find_first(); c < removable.size(); c = removable._Find_next(c)) {
    // The UTF-8 bytes of c, a character of the Basic Multilingual Plane; those it lacks
    // take any value.
    auto byte = [](std::size_t bits) { return static_cast<unsigned char>(bits); };
    ByteTerm term{{0, 0, 0}, {0, 0xFF, 0xFF}};
    if (c < 0x80) {
      term.low[0] = byte(c);
    } else if (c < 0x800) {
      term = ByteTerm{{byte(0xC0 | c >> 6), byte(0x80 | (c & 0x3F)), 0}, {0, 0, 0xFF}};
    } else {
      term = ByteTerm{{byte(0xE0 | c >> 12), byte(0x80 | (c >> 6 & 0x3F)), byte(0x80 | (c & 0x3F))},
                      {0, 0, 0}};
    }
    terms.push_back(term);
  }
  auto same_except = [](const ByteTerm& a, const ByteTerm& b, int byte) {
    for (int i = 0; i < 3; ++i) {
      if (i != byte && (a.low[i] != b.low[i] || a.span[i] != b.span[i])) return false;
    }
    return true;
  };
  auto high = [](const ByteTerm& t, int i) { return t.low[i] + t.span[i]; };
  auto merge_neighbours = [&](int byte) {
    std::vector<ByteTerm> merged;
    for (const ByteTerm& term : terms) {
      if (!merged.empty() && same_except(merged.back(), term, byte) &&
          high(merged.back(), byte) + 1 == term.low[byte]) {
        merged.back().span[byte] =
            static_cast<unsigned char>(high(term, byte) - merged.back().low[byte]);
      } else {
        merged.push_back(term);
      }
    }
    terms = std::move(merged);
  };
  merge_neighbours(2);
  merge_neighbours(1);
  for (ByteTerm& term : terms) {
    for (int i = 2; i >= 1; --i) {
      bool rest_free = i == 2 || term.span[i + 1] == 0xFF;
      if (rest_free && term.low[i] == 0x80 && term.span[i] == 0x3F) {
        term.low[i] = 0;
        term.span[i] = 0xFF;
      }
    }
  }
  std::vector<ByteTerm> hulls;
  for (const ByteTerm& term : terms) {
    if (!hulls.empty() && hulls.back().low[0] == term.low[0] &&
        hulls.back().span[0] == term.span[0]) {
      ByteTerm& hull = hulls.back();
      for (int i = 1; i < 3; ++i) {
        int low = std::min(hull.low[i], term.low[i]);
        hull.span[i] = static_cast<unsigned char>(std::max(high(hull, i), high(term, i)) - low);
        hull.low[i] = static_cast<unsigned char>(low);
      }
    } else {
      hulls.push_back(term);
    }
    for (int b = term.low[0]; b <= high(term, 0); ++b) first_bytes_.set(b);
  }
  for (const ByteTerm& term : hulls) {
    WideTerm wide{};
    for (int i = 0; i < 3; ++i) {
      std::fill(std::begin(wide.low[i]), std::end(wide.low[i]), term.low[i]);
      std::fill(std::begin(wide.span[i]), std::end(wide.span[i]), term.span[i]);
    }
    wide.bytes = term.span[1] == 0xFF ? 1 : term.span[2] == 0xFF ? 2 : 3;
    wide_terms_.push_back(wide);
  }
}

bool CleanText::removable_start(const unsigned char* p) const {
  if (!first_bytes_[p[0]]) return false;
  unsigned char any = 0;
  for (const WideTerm& t : wide_terms_) {
    any |= in_range(p[0], t.low[0][0], t.span[0][0]) & in_range(p[1], t.low[1][0], t.span[1][0]) &
           in_range(p[2], t.low[2][0], t.span[2][0]);
  }
  return any != 0;
}

bool CleanText::removable_at(std::string_view line, std::size_t pos) const {
  unsigned char bytes[3] = {0, 0, 0};  // the bytes past the end read as 0
  for (std::size_t i = 0; i < 3 && pos + i < line.size(); ++i) {
    bytes[i] = static_cast<unsigned char>(line[pos + i]);
  }
  return removable_start(bytes);
}

bool CleanText::block_may_hold_removable(const unsigned char* p) const {
  // A loop per term and per number of bytes it tests: each becomes a few vector
  // instructions over the block, and a space or a character of two bytes tests fewer. The
  // hits of every term gather in one block, reduced to a single answer at the end.
  unsigned char hit[kBlock] = {};
  for (const WideTerm& t : wide_terms_) {
    if (t.bytes == 1) {
      for (std::size_t i = 0; i < kBlock; ++i) hit[i] |= in_range(p[i], t.low[0][i], t.span[0][i]);
    } else if (t.bytes == 2) {
      for (std::size_t i = 0; i < kBlock; ++i) {
        hit[i] |= in_range(p[i], t.low[0][i], t.span[0][i]) &
                  in_range(p[i + 1], t.low[1][i], t.span[1][i]);
      }
    } else {
      for (std::size_t i = 0; i < kBlock; ++i) {
        hit[i] |= in_range(p[i], t.low[0][i], t.span[0][i]) &
                  in_range(p[i + 1], t.low[1][i], t.span[1][i]) &
                  in_range(p[i + 2], t.low[2][i], t.span[2][i]);
      }
    }
  }
  unsigned char any = 0;
  for (unsigned char h : hit) any |= h;
  return any != 0;
}

void CleanText::assign(std::string_view line) {
  line_ = line;
  text_ = line;
  removed_.clear();
  last_counted_ = 0;
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
      if (marks_.is_invisible(c)) {
        remove(begin, pos, 1);
        continue;
      }
      if (!marks_.is_space(c)) continue;  // a malformed sequence, read as U+FFFD
      std::uint32_t run = 1;
      std::size_t end = pos;
      char32_t after = 0;
      while (end < line.size()) {
        std::size_t next = end;
        after = utf8::next(line, next);
        if (!marks_.is_space(after)) break;
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
  // Records are asked in text order, but a change's text spans the words between its two
  // numbers, where other records may stand: counting from the line's start for each of
  // those made a long line quadratic.
  if (pos < counted_pos_) {
    counted_chars_ -= utf8::count(text_.substr(pos, counted_pos_ - pos));
  } else {
    counted_chars_ += utf8::count(text_.substr(counted_pos_, pos - counted_pos_));
  }
  counted_pos_ = pos;
  return counted_chars_;
}

std::uint64_t CleanText::removed_before(std::size_t pos, bool inclusive, bool bytes) const {
  // The removals are in position order with running totals: the last one counted holds
  // the sum. A line can hold hundreds of thousands of them (a table spaced out) and each
  // record asks; records come in text order, so the search starts from the last answer
  // and widens by doubling steps (a galloping search) before it halves.
  auto counted = [&](const Removal& r) { return inclusive ? r.at <= pos : r.at < pos; };
  const std::size_t n = removed_.size();
  // The answer p: removed_[i] is counted for every i < p and for none after; it lies in
  // [low, high].
  std::size_t low = std::min(last_counted_, n), high = low;
  if (low > 0 && !counted(removed_[low - 1])) {
    for (std::size_t step = 1;; step *= 2) {
      high = low - 1;
      low = high >= step ? high - step : 0;
      if (low == 0 || counted(removed_[low - 1])) break;
    }
  } else {
    for (std::size_t step = 1;; step *= 2) {
      high = std::min(n, low + step);
      if (high == n || !counted(removed_[high - 1])) break;
      low = high;
    }
  }
  last_counted_ = static_cast<std::size_t>(
      std::partition_point(removed_.begin() + static_cast<std::ptrdiff_t>(low),
                           removed_.begin() + static_cast<std::ptrdiff_t>(high), counted) -
      removed_.begin());
  if (last_counted_ == 0) return 0;
  const Removal& last = removed_[last_counted_ - 1];
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
