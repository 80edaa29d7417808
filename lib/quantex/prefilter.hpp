// Prefilter: what a text must hold for a rule to match there.
//
// RE2's FilteredRE2 works out, from each pattern, the literal strings a match must contain
// (in AND/OR combinations). Looking for those literals in a clause and asking the prefilter
// which rules they allow is far cheaper than running every rule. The prefilter is given each
// rule's skeleton (see RuleSet): the pattern with \C for the pieces it learns nothing from.
// The skeletons are spread over several FilteredRE2 shards compiled on as many threads.
//
//   quantex::Prefilter prefilter;
//   auto compiled = prefilter.compile(skeletons, 2);           // RE2* per pattern, or nullptr
//   prefilter.find_literals(clause, found);                    // literal indexes
//   prefilter.candidates(found, rules);                        // rule indexes, sorted
#pragma once

#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <bitset>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quantex/piece_answer.hpp"

namespace quantex {

// The options every rule pattern compiles with: quantex reports errors (RE2 does not log
// them), and a pattern may take up to 64 MB.
const RE2::Options& rule_pattern_options();

class Prefilter {
 public:
  // Compiles pattern i as rule i, on up to `threads` threads. Returns the compiled RE2 of each
  // pattern (owned by the prefilter, stable while it lives) or nullptr where the pattern does
  // not compile. Call once.
  std::vector<const RE2*> compile(const std::vector<std::string>& patterns, unsigned threads);

  // What a skeleton needs to know of a piece of a pattern (piece_answer.hpp), given as the
  // skeleton shows it and in full; compiles them.
  static PieceAnswer examine(const std::string& skeleton, const std::string& full);

  // The literals to look for in a text.
  const std::vector<std::string>& literals() const { return literals_; }

  // The indexes of the literals that occur in text, sorted, each once. ASCII letters match
  // either case, as RE2's atoms are lower case. Thread-safe.
  void find_literals(std::string_view text, std::vector<int>& found) const;

  // The rules that may match a text in which the literals with these indexes were found,
  // sorted. Thread-safe.
  void candidates(const std::vector<int>& found, std::vector<int>& rules) const;

 private:
  struct Shard {
    re2::FilteredRE2 filter{1};
    std::vector<int> rules;  // regexp id in filter -> rule index
    std::vector<int> atoms;  // literal index -> atom index in filter, or -1
  };

  // The literals that start with one character: entries_[begin, end), whose first
  // character takes `first_size` bytes.
  struct FirstChar {
    char32_t c = 0;
    std::uint32_t begin = 0, end = 0;  // begin == end: an empty slot
    std::uint32_t first_size = 0;
  };
  // A literal as find_literals tries it: its index, and the bytes that follow its first
  // character, at tails_[tail, tail + tail_size). Kept together, in flat arrays, because
  // the scan tries them at most characters of every clause: each pointer it followed to a
  // string of its own cost a load that missed the cache.
  struct Entry {
    int literal = 0;
    std::uint32_t tail = 0, tail_size = 0;
  };

  void index_literals();
  // The slot of character c in by_first_: its own, or the empty one where it would go.
  std::size_t first_char_slot(char32_t c) const;

  std::vector<std::unique_ptr<Shard>> shards_;
  std::vector<std::string> literals_;
  // The literals by their first character, for find_literals: the bitset answers "none"
  // fast, then an open-addressed table (a power of two, at most half full) gives them; it
  // does not divide on every lookup as std::unordered_map does.
  std::bitset<0x10000> starts_;
  std::vector<FirstChar> by_first_;
  std::vector<Entry> entries_;
  std::string tails_;
};

}  // namespace quantex
