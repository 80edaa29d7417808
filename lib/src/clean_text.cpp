#include "quantex/clean_text.hpp"

#include <algorithm>

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

// Whether the byte can start a character that cleaning removes; most bytes cannot, which
// lets a clean line pass through without a copy.
bool may_start_removable(unsigned char byte) {
  return byte == ' ' || byte == '\t' || byte == 0xC2 || byte == 0xE2 || byte == 0xE3 ||
         byte == 0xEE || byte == 0xEF;
}

}  // namespace

void CleanText::assign(std::string_view line) {
  line_ = line;
  text_ = line;
  removed_.clear();
  counted_pos_ = 0;
  counted_chars_ = 0;
  bool copying = false;
  char32_t previous = 0;
  std::size_t pos = 0;
  while (pos < line.size()) {
    std::size_t begin = pos;
    if (!may_start_removable(static_cast<unsigned char>(line[pos]))) {
      // Fast path: one whole character that is kept.
      pos += utf8::sequence_length(static_cast<unsigned char>(line[pos]));
      pos = std::min(pos, line.size());
      if (copying) buffer_.append(line.substr(begin, pos - begin));
      std::size_t p = begin;
      previous = utf8::next(line, p);
      continue;
    }
    char32_t c = utf8::next(line, pos);
    std::uint32_t run = 0;
    if (utf8::is_invisible(c)) {
      run = 1;
    } else if (is_space(c)) {
      std::size_t end = pos;
      run = 1;
      char32_t after = 0;
      while (end < line.size()) {
        std::size_t next = end;
        after = utf8::next(line, next);
        if (!is_space(after)) break;
        end = next;
        ++run;
      }
      if (end < line.size() && joins(previous, after)) {
        pos = end;
      } else {
        run = 0;  // keep this space; any that follow are looked at on their own
      }
    }
    if (run == 0) {
      if (copying) buffer_.append(line.substr(begin, pos - begin));
      previous = c;
      continue;
    }
    if (!copying) {
      copying = true;
      buffer_.assign(line.substr(0, begin));
    }
    auto bytes = static_cast<std::uint32_t>(pos - begin);
    if (!removed_.empty() && removed_.back().at == buffer_.size()) {
      removed_.back().chars += run;
      removed_.back().bytes += bytes;
    } else {
      removed_.push_back({buffer_.size(), run, bytes});
    }
  }
  if (copying) text_ = buffer_;
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
  std::uint64_t total = 0;
  for (const Removal& r : removed_) {
    if (r.at > pos || (r.at == pos && !inclusive)) break;
    total += bytes ? r.bytes : r.chars;
  }
  return total;
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
