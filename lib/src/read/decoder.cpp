#include "quantex/decoder.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

#include "quantex/utf8.hpp"

namespace quantex {
namespace {

constexpr std::size_t kBlock = 64 * 1024;
constexpr char kReplacement[] = "\xEF\xBF\xBD";
// A line longer than this is decided a piece at a time, so memory stays bounded.
constexpr std::size_t kLongestSegment = 1 << 20;

bool starts_with(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

// Length of the valid UTF-8 sequence at bytes[pos]: 0 if invalid, -1 if cut off by the end.
int valid_sequence(std::string_view bytes, std::size_t pos) {
  auto lead = static_cast<unsigned char>(bytes[pos]);
  if (lead < 0x80) return 1;
  int length;
  unsigned char low = 0x80, high = 0xBF;  // bounds of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  for (int i = 1; i < length; ++i) {
    if (pos + static_cast<std::size_t>(i) >= bytes.size()) return -1;
    auto byte = static_cast<unsigned char>(bytes[pos + static_cast<std::size_t>(i)]);
    if (i == 1 ? (byte < low || byte > high) : !utf8::is_continuation(byte)) return 0;
  }
  return length;
}

// Whether a line that is not valid UTF-8 is UTF-8 nonetheless, with a few stray bytes: it
// has more well-formed characters of two bytes or more than bytes that are not. GBK text
// read as UTF-8 is almost all stray bytes.
bool mostly_utf8(std::string_view bytes) {
  std::size_t characters = 0, stray = 0;
  for (std::size_t pos = 0; pos < bytes.size();) {
    int n = valid_sequence(bytes, pos);
    if (n > 1) {
      ++characters;
      pos += static_cast<std::size_t>(n);
    } else {
      stray += n == 0 || n < 0;
      ++pos;
    }
  }
  return characters > stray;
}

}  // namespace

bool known_encoding(const std::string& name) {
  iconv_t converter = iconv_open("UTF-8", name.c_str());
  if (converter == reinterpret_cast<iconv_t>(-1)) return false;
  iconv_close(converter);
  return true;
}

bool is_wide_encoding(std::string_view name) {
  std::string plain;  // upper case, without - and _
  for (char c : name) {
    if (c != '-' && c != '_')
      plain += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  for (std::string_view wide : {"UTF16", "UTF32", "UCS2", "UCS4"}) {
    if (plain == wide || plain == std::string(wide) + "LE" || plain == std::string(wide) + "BE") {
      return true;
    }
  }
  return false;
}

BinaryInput::BinaryInput(std::uint64_t offset, bool after_text, std::string_view looks_like)
    : std::runtime_error(
          after_text ? fmt::format("NUL byte at offset {}: binary data after text; the records "
                                   "before it were written, the rest was not read",
                                   offset)
          : looks_like.empty()
              ? fmt::format("binary file (NUL byte at offset {}), skipped", offset)
              : fmt::format("binary file (NUL byte at offset {}), skipped; it looks like {} "
                            "without a byte-order mark: --encoding {} reads it",
                            offset, looks_like, looks_like)),
      offset_(offset),
      after_text_(after_text) {}

DecodingSource::DecodingSource(ByteSource& raw, std::string encoding, bool allow_binary)
    : raw_source_(raw), encoding_(std::move(encoding)), allow_binary_(allow_binary) {}

DecodingSource::~DecodingSource() {
  if (converter_ != reinterpret_cast<iconv_t>(-1)) iconv_close(converter_);
}

void DecodingSource::open_iconv(const std::string& from) {
  converter_ = iconv_open("UTF-8", from.c_str());
  if (converter_ == reinterpret_cast<iconv_t>(-1)) {
    throw InputError(fmt::format("unknown encoding '{}'", from));
  }
}

bool DecodingSource::fill() {
  if (raw_end_) return false;
  raw_offset_ += raw_pos_;
  raw_.erase(0, raw_pos_);
  segment_end_ = segment_end_ > raw_pos_ ? segment_end_ - raw_pos_ : 0;
  raw_pos_ = 0;
  std::size_t old = raw_.size();
  raw_.resize(old + kBlock);
  std::size_t n = raw_source_.read(raw_.data() + old, kBlock);
  raw_.resize(old + n);
  if (n == 0) {
    raw_end_ = true;
    return false;
  }
  if (check_binary_) reject_nul(old);
  return true;
}

void DecodingSource::reject_nul(std::size_t from) {
  const void* nul = std::memchr(raw_.data() + from, '\0', raw_.size() - from);
  if (nul == nullptr) return;
  // UTF-16 without a byte-order mark has its NUL bytes (the high half of ASCII characters)
  // all at odd offsets (little-endian) or all at even ones: a hint worth giving.
  std::size_t at_even = 0, at_odd = 0;
  for (std::size_t i = from; i < raw_.size(); ++i) {
    if (raw_[i] == '\0') ((raw_offset_ + i) % 2 == 0 ? at_even : at_odd)++;
  }
  std::string_view looks_like;
  if (raw_offset_ == 0 && at_even + at_odd >= 4) {
    if (at_even == 0) looks_like = "UTF-16LE";
    if (at_odd == 0) looks_like = "UTF-16BE";
  }
  throw BinaryInput(
      raw_offset_ + static_cast<std::size_t>(static_cast<const char*>(nul) - raw_.data()),
      delivered_, looks_like);
}

void DecodingSource::detect() {
  detected_ = true;
  std::string forced = encoding_;
  // Enough bytes to see a byte-order mark, even from a pipe that trickles.
  while (raw_.size() < 4 && fill()) {
  }
  std::string_view head(raw_);
  if (!forced.empty()) {
    std::string upper = forced;
    std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
    bool utf8 = upper == "UTF-8" || upper == "UTF8";
    if (utf8 && starts_with(head, "\xEF\xBB\xBF")) raw_pos_ = 3;
    if (!utf8) open_iconv(forced);
    encoding_ = utf8 ? "UTF-8" : forced;
  } else if (starts_with(head, "\xEF\xBB\xBF")) {
    raw_pos_ = 3;
    encoding_ = "UTF-8";
  } else if (starts_with(head, "\xFF\xFE")) {
    raw_pos_ = 2;
    encoding_ = "UTF-16LE";
  } else if (starts_with(head, "\xFE\xFF")) {
    raw_pos_ = 2;
    encoding_ = "UTF-16BE";
  } else {
    encoding_ = "UTF-8";
    by_line_ = true;
  }
  if (forced.empty() && encoding_ != "UTF-8") open_iconv(encoding_);
  // NUL bytes are text in UTF-16 and UTF-32; anywhere else they mean binary data.
  check_binary_ = !allow_binary_ && !is_wide_encoding(encoding_);
  if (check_binary_) reject_nul(raw_pos_);
}

void DecodingSource::mark_invalid(std::uint64_t offset, const char* encoding, char*& out,
                                  std::size_t& room) {
  if (invalid_bytes_++ == 0) {
    first_invalid_offset_ = offset;
    first_invalid_encoding_ = encoding;
  }
  std::memcpy(out, kReplacement, 3);
  out += 3;
  room -= 3;
}

void DecodingSource::start() {
  if (!detected_) detect();
}

std::size_t DecodingSource::read(char* data, std::size_t size) {
  start();
  std::size_t n = by_line_                                      ? read_by_line(data, size)
                  : converter_ == reinterpret_cast<iconv_t>(-1) ? read_utf8(data, size, kOpen)
                                                                : read_iconv(data, size, kOpen);
  delivered_ = delivered_ || n > 0;
  return n;
}

bool DecodingSource::next_segment() {
  // Read on until the line ends, the input ends or the line is too long to hold.
  std::size_t newline;
  while ((newline = raw_.find('\n', raw_pos_)) == std::string::npos &&
         raw_.size() - raw_pos_ < kLongestSegment && fill()) {
  }
  if (raw_pos_ >= raw_.size()) return false;
  std::size_t end = newline == std::string::npos ? raw_.size() : newline + 1;
  std::string_view line(raw_.data() + raw_pos_, end - raw_pos_);
  // Most text is valid UTF-8, checked at gigabytes a second.
  segment_valid_ = simdjson::validate_utf8(line.data(), line.size());
  segment_utf8_ = segment_valid_ || mostly_utf8(line);
  if (!named_ && std::any_of(line.begin(), line.end(), [](char c) { return c & 0x80; })) {
    named_ = true;
    encoding_ = segment_utf8_ ? "UTF-8" : "GB18030";
  }
  if (newline == std::string::npos && !raw_end_) {
    // A piece of a long line: cut where no character of the chosen encoding is split (in
    // GB18030 a byte below 0x30 is never inside a character).
    std::size_t cut = end;
    if (segment_utf8_) {
      cut = utf8::floor_boundary(raw_, end - 1);
    } else {
      while (cut > raw_pos_ + 1 && static_cast<unsigned char>(raw_[cut - 1]) >= 0x30) --cut;
      if (cut <= raw_pos_ + 1) cut = end;
    }
    end = cut;
  }
  segment_end_ = end;
  if (!segment_utf8_ && converter_ == reinterpret_cast<iconv_t>(-1)) open_iconv("GB18030");
  return true;
}

std::size_t DecodingSource::read_by_line(char* data, std::size_t size) {
  char* out = data;
  std::size_t room = size;
  while (room >= 4) {
    if (raw_pos_ >= segment_end_ && !next_segment()) break;
    std::size_t n =
        segment_utf8_ ? read_utf8(out, room, segment_end_) : read_iconv(out, room, segment_end_);
    if (n == 0) break;
    out += n;
    room -= n;
  }
  return static_cast<std::size_t>(out - data);
}

std::size_t DecodingSource::read_utf8(char* data, std::size_t size, std::size_t end) {
  char* out = data;
  std::size_t room = size;
  // Whether to check what is left of the block at once. A failed check scans the whole block
  // for nothing, so after one the rest of this call goes character by character: checking
  // again after each invalid byte made text full of them quadratic.
  bool check_block = true;
  while (room >= 4) {
    if (end != kOpen && raw_pos_ >= end) break;
    if (raw_pos_ >= raw_.size() && !fill()) break;
    std::string_view bytes(raw_.data(), std::min(raw_.size(), end));
    // Copy the longest run of valid characters that fits.
    std::size_t pos = raw_pos_;
    std::size_t limit = std::min(bytes.size(), raw_pos_ + room - 3);
    // Most blocks are valid throughout: check all but the last character at once (simdjson
    // validates at gigabytes a second), then go character by character from where that ends.
    std::size_t whole = limit;
    while (whole > pos && limit - whole < 3 &&
           utf8::is_continuation(static_cast<unsigned char>(bytes[whole - 1]))) {
      --whole;
    }
    if (whole > pos && static_cast<unsigned char>(bytes[whole - 1]) >= 0x80) --whole;
    if (check_block) {
      // A segment read line by line was checked whole when it was cut.
      check_block = (end != kOpen && segment_valid_) ||
                    simdjson::validate_utf8(bytes.data() + pos, whole - pos);
      if (check_block) pos = whole;
    }
    int n = 1;
    while (pos < limit) {
      auto byte = static_cast<unsigned char>(bytes[pos]);
      if (byte < 0x80) {
        ++pos;
        continue;
      }
      // Most Chinese characters: a lead byte whose second byte has no extra bounds.
      if (byte >= 0xE1 && byte <= 0xEC && pos + 2 < bytes.size() &&
          utf8::is_continuation(static_cast<unsigned char>(bytes[pos + 1])) &&
          utf8::is_continuation(static_cast<unsigned char>(bytes[pos + 2]))) {
        pos += 3;
        continue;
      }
      n = valid_sequence(bytes, pos);
      if (n <= 0) break;
      pos += static_cast<std::size_t>(n);
    }
    std::size_t run = pos - raw_pos_;
    std::memcpy(out, bytes.data() + raw_pos_, run);
    out += run;
    room -= run;
    raw_pos_ = pos;
    if (pos >= limit || room < 4) continue;
    if (n < 0 && end == kOpen) {
      // A character cut by the end of what was read: read on, unless the input ended.
      if (fill()) continue;
    }
    mark_invalid(raw_offset_ + raw_pos_, "UTF-8", out, room);
    ++raw_pos_;
  }
  return static_cast<std::size_t>(out - data);
}

std::size_t DecodingSource::read_iconv(char* data, std::size_t size, std::size_t end) {
  char* out = data;
  std::size_t room = size;
  const char* encoding = by_line_ ? "GB18030" : encoding_.c_str();
  while (room >= 4) {
    if (end != kOpen && raw_pos_ >= end) break;
    if (raw_pos_ >= raw_.size() && !fill()) break;
    char* in = raw_.data() + raw_pos_;
    std::size_t in_left = std::min(raw_.size(), end) - raw_pos_;
    std::size_t result = iconv(converter_, &in, &in_left, &out, &room);
    int error = errno;
    raw_pos_ = static_cast<std::size_t>(in - raw_.data());
    if (result != static_cast<std::size_t>(-1) || error == E2BIG) continue;
    // A character cut by the end of the block: read on, unless a segment ends here.
    if (error == EINVAL && end == kOpen && fill()) continue;
    if (room < 4) break;
    mark_invalid(raw_offset_ + raw_pos_, encoding, out, room);
    ++raw_pos_;
    iconv(converter_, nullptr, nullptr, nullptr, nullptr);
  }
  return static_cast<std::size_t>(out - data);
}

}  // namespace quantex
