// UTF-8 helpers shared by the reader, the matcher and the number reader.
//
// Text inside quantex is always UTF-8 (the decoder converts other encodings first), but a
// line may still hold malformed bytes when the input was forced to UTF-8; every helper here
// steps over such a byte as one code point rather than failing.
#pragma once

#include <cstddef>
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
char32_t next(std::string_view text, std::size_t& pos);

// The code point that ends right before pos, for pos > 0: moves pos back to where it starts
// and decodes it as next() does. The scans that walk backwards use it.
char32_t previous(std::string_view text, std::size_t& pos);

// Number of code points in text: every byte that is not a continuation byte.
std::size_t count(std::string_view text);

// Largest position <= pos that starts a code point, so a cut there never splits a character.
std::size_t floor_boundary(std::string_view text, std::size_t pos);

// Characters that scraped pages leave inside numbers and that carry no meaning: zero-width
// space, joiners, byte-order mark, soft hyphen, private-use code points.
inline bool is_invisible(char32_t c) {
  return (c >= 0x200B && c <= 0x200D) || c == 0xFEFF || c == 0x00AD ||
         (c >= 0xE000 && c <= 0xF8FF);
}

}  // namespace quantex::utf8
