#include "quantex/utf8.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>

namespace quantex::utf8 {

char32_t next_slow(std::string_view text, std::size_t& pos) {
  auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t length = sequence_length(lead);
  if (length == 1) {
    ++pos;
    return lead < 0x80 ? lead : 0xFFFD;
  }
  if (pos + length > text.size()) {
    ++pos;
    return 0xFFFD;
  }
  char32_t c = lead & (0xFF >> (length + 1));
  for (std::size_t i = 1; i < length; ++i) {
    auto byte = static_cast<unsigned char>(text[pos + i]);
    if (!is_continuation(byte)) {
      ++pos;
      return 0xFFFD;
    }
    c = (c << 6) | (byte & 0x3F);
  }
  pos += length;
  return c;
}

void append(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::size_t count(std::string_view text) {
  // Every line is counted. A byte-wide sum over at most 255 bytes cannot overflow, and the
  // compiler adds sixteen or more such lanes at once; a sum as wide as the result would
  // widen every byte first.
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t end = std::min(text.size(), i + 255);
    unsigned char chunk = 0;
    for (; i < end; ++i) chunk += !is_continuation(static_cast<unsigned char>(text[i]));
    n += chunk;
  }
  return n;
}

std::string path_text(std::string_view path) {
  std::string out;
  for (std::size_t pos = 0; pos < path.size();) {
    auto lead = static_cast<unsigned char>(path[pos]);
    std::size_t length = std::min(sequence_length(lead), path.size() - pos);
    if (lead == '\\') {
      out += "\\\\";
    } else if (lead >= 0x80 && !simdjson::validate_utf8(path.data() + pos, length)) {
      out += fmt::format("\\x{:02X}", lead);
      length = 1;
    } else {
      out.append(path.substr(pos, length));
    }
    pos += length;
  }
  return out;
}

}  // namespace quantex::utf8
