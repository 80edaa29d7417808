// CleanText: a line as the rules see it, with characters that carry no meaning removed.
//
// Scraped pages leave invisible characters inside numbers (4\uE010 2% is 42%) and PDF
// extraction leaves spaces between Chinese characters (百 分 之 2.4). Rules should not have to
// allow for either, so they match a cleaned copy; positions found in the copy are mapped back
// to code points of the original line, which is what records report. Which characters are
// spaces and which invisible is the language's to say (Marks).
//
//   CleanText clean(rules.language().marks);
//   clean.assign(line);
//   std::string_view text = clean.text();          // what the rules match
//   std::uint64_t col = clean.original_column(p);  // code points before byte p, as written
#pragma once

#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quantex/language.hpp"

namespace quantex {

class CleanText {
 public:
  // Keeps a reference to marks.
  explicit CleanText(const Marks& marks);

  // Cleans `line`; the view must outlive this object's use of it. Allocates only when
  // something is removed, and then reuses its buffer from line to line.
  void assign(std::string_view line);

  std::string_view text() const { return text_; }

  // Code points of the original line before cleaned byte `pos`, for a span that starts at
  // pos: characters removed right before it are counted.
  std::uint64_t original_start(std::size_t pos);
  // The same for a span ending at pos: characters removed right after its last one are not.
  std::uint64_t original_end(std::size_t pos);
  // The original text of the cleaned bytes [begin, end), with what cleaning removed inside.
  std::string_view original(std::size_t begin, std::size_t end) const;

 private:
  std::uint64_t cleaned_chars(std::size_t pos);
  // Characters (or bytes) removed before cleaned byte pos; with inclusive, also those removed
  // right at pos.
  std::uint64_t removed_before(std::size_t pos, bool inclusive, bool bytes) const;

  // The UTF-8 sequences of the removable characters as ranges of their first three bytes:
  // a character may be removed where every byte is in its term's range (low to low + span).
  // No character's first byte is another's later byte, so a term may be asked at every byte,
  // in or out of step with the characters, which lets a block of bytes be tested at once.
  struct ByteTerm {
    unsigned char low[3];
    unsigned char span[3];
  };
  // Whether the bytes at p start a removable character; reads three bytes.
  bool removable_start(const unsigned char* p) const;
  // removable_start at line[pos], the bytes past the end read as 0.
  bool removable_at(std::string_view line, std::size_t pos) const;
  // Whether any of the block of bytes at p starts one; reads two bytes past the block.
  bool block_may_hold_removable(const unsigned char* p) const;

  // Most text holds nothing to remove: the scan tests a block of this many bytes at once.
  static constexpr std::size_t kBlock = 32;
  // How the terms are kept: each byte of a term's low and span repeated across the block,
  // so that the block test loads them, where spreading each value over a register at every
  // call cost as much as the test itself. bytes: how many of the three bytes it tests.
  struct WideTerm {
    unsigned char low[3][kBlock];
    unsigned char span[3][kBlock];
    int bytes;
  };

  const Marks& marks_;
  std::vector<WideTerm> wide_terms_;
  std::bitset<256> first_bytes_;  // the first bytes the terms take
  std::string_view line_;
  std::string_view text_;
  std::string buffer_;
  struct Removal {
    std::size_t at;  // cleaned byte position
    // Removed here and at every earlier position: running totals.
    std::uint64_t chars;
    std::uint64_t bytes;
  };
  std::vector<Removal> removed_;          // in position order
  mutable std::size_t last_counted_ = 0;  // what removed_before last found
  // Memo for counting code points: callers ask for positions in increasing order.
  std::size_t counted_pos_ = 0;
  std::uint64_t counted_chars_ = 0;
};

}  // namespace quantex
