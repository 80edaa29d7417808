// UTF-8 helpers shared by the reader, the matcher and the number reader.
//
// Text inside quantex is always UTF-8 (the decoder converts other encodings first), but a
// line may still hold malformed bytes when the input was forced to UTF-8; every helper here
// steps over such a byte as one code point rather than failing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace quantex::utf8 {

inline bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Length in bytes of the sequence a lead byte starts (1 for ASCII and for stray bytes).
inline std::size_t sequence_length(unsigned char lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

// The code point of the three-byte sequence at text[pos], for a caller that has seen its
// lead byte (0xE0-0xEF) and that it fits in text; the continuation bytes are not checked.
// The scans that look at every character decode the common Chinese one this way.
inline char32_t three_byte_at(std::string_view text, std::size_t pos) {
  return (static_cast<char32_t>(text[pos] & 0x0F) << 12) |
         (static_cast<char32_t>(text[pos + 1] & 0x3F) << 6) |
         static_cast<char32_t>(text[pos + 2] & 0x3F);
}

// Decodes the code point at text[pos] and advances pos past it. A malformed sequence yields
// U+FFFD and advances by one byte.
char32_t next_slow(std::string_view text, std::size_t& pos);
inline char32_t next(std::string_view text, std::size_t& pos) {
  // ASCII and well-formed three-byte sequences (Chinese) are most of the text.
  auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  if (lead >= 0xE0 && lead < 0xF0 && pos + 2 < text.size() &&
      is_continuation(static_cast<unsigned char>(text[pos + 1])) &&
      is_continuation(static_cast<unsigned char>(text[pos + 2]))) {
    char32_t c = three_byte_at(text, pos);
    pos += 3;
    return c;
  }
  return next_slow(text, pos);
}

// next() for the scans that look at every character of a line the decoder has made valid
// UTF-8: a Chinese character is decoded without checking its continuation bytes (a
// malformed sequence would read as some character, never past the text).
inline char32_t next_valid(std::string_view text, std::size_t& pos) {
  auto lead = static_cast<unsigned char>(text[pos]);
  if (lead >= 0xE0 && lead < 0xF0 && pos + 2 < text.size()) {
    char32_t c = three_byte_at(text, pos);
    pos += 3;
    return c;
  }
  return next(text, pos);
}

// Largest position <= pos that starts a code point, so a cut there never splits a character.
inline std::size_t floor_boundary(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return text.size();
  std::size_t start = pos;
  // A code point is at most four bytes, so at most three continuation bytes are skipped.
  while (pos > 0 && start - pos < 3 && is_continuation(static_cast<unsigned char>(text[pos]))) {
    --pos;
  }
  return pos;
}

// The code point that ends right before pos, for pos > 0: moves pos back to where it starts
// and decodes it as next() does. The scans that walk backwards use it.
inline char32_t previous(std::string_view text, std::size_t& pos) {
  pos = floor_boundary(text, pos - 1);
  std::size_t at = pos;
  return next(text, at);
}

// Appends the UTF-8 encoding of c.
void append(std::string& out, char32_t c);

// Number of code points in text: every byte that is not a continuation byte.
std::size_t count(std::string_view text);

// A file path as records give it, valid UTF-8 whatever its bytes: each byte that is not part
// of a well-formed UTF-8 character is written \xHH (two hex digits, upper case) and each
// backslash \\, so the path's bytes can always be had back. Other paths are unchanged.
std::string path_text(std::string_view path);

}  // namespace quantex::utf8
