// Matcher: finds where the rules match a line, in two passes.
//
// The line is searched clause by clause: no rule match crosses a clause mark (。；！？：, and a
// comma that is not between two digits), and every indicator holds a numeral, so a clause
// without a digit or a Chinese numeral is skipped unread. In a clause, the rule set's
// prefilter (the literal strings each pattern needs) rules out the rules that cannot match;
// the others run with submatches, left to right, one match after another: the indicator
// rules first, then the exclusions, only if an indicator matched (an exclusion only takes
// text away from indicators). The matcher reports every match of every rule it ran;
// choosing among overlapping ones is the resolver's work. A clause longer than 4 KB (none
// in reports; a table pasted without punctuation) is searched in pieces, cut where a
// number starts, so that the rescans of a rule with an open gap stay short.
//
//   quantex::Matcher matcher(rules);
//   quantex::Matcher::Matches found;          // reuse it from line to line
//   matcher.find(line, found);
//   for (const auto& hit : found.hits) found.group(hit, hit.rule->value);
#pragma once

#include <re2/re2.h>

#include <bitset>
#include <cstdint>
#include <string_view>
#include <vector>

#include "quantex/rule_set.hpp"

namespace quantex {
namespace detail {

// What the clause scan needs to know of each character of the Basic Multilingual Plane, from
// the language: whether it is a numeral (every indicator holds one) or a clause mark (no rule
// match crosses one). Tables, because the scan looks at every character of the input;
// numeral_or_mark answers for the common character that is neither with one look.
class CharTable {
 public:
  explicit CharTable(const Language& language);
  bool numeral_or_mark(char32_t c) const { return c < kSize && either_[c]; }
  bool numeral(char32_t c) const { return c < kSize && numeral_[c]; }
  bool ends_clause(char32_t c) const { return marks_.ends_clause(c); }
  // A separator of digit groups (1,246): between two digits it is no clause mark.
  bool separator(char32_t c) const { return numerals_.is_arabic_separator(c); }
  // A point or separator, Arabic or Chinese (3.5, 1,246, 三点五).
  bool inside_number(char32_t c) const;

 private:
  static constexpr char32_t kSize = 0x10000;
  const Marks& marks_;
  const Numerals& numerals_;
  std::bitset<kSize> numeral_;
  std::bitset<kSize> either_;  // numerals and marks
};

}  // namespace detail

class Matcher {
 public:
  // The rules must outlive the matcher.
  explicit Matcher(const RuleSet& rules);

  struct Hit {
    const Rule* rule;
    std::size_t groups;  // where this hit's capture groups start in Matches::groups
  };

  // The prefilter's answers so far, by the literals found: clauses keep finding the same
  // few thousand sets, and asking the prefilter costs more than remembering. An
  // open-addressed table with a power-of-two size that doubles when half full, so that a
  // short input touches little memory; at kMaxSize it starts over instead.
  class Answers {
   public:
    // The remembered rules for these literals, or nullptr.
    const std::vector<int>* find(const std::vector<int>& literals) const;
    const std::vector<int>& remember(const std::vector<int>& literals, std::vector<int> rules);

   private:
    struct Slot {
      std::uint64_t hash = 0;
      bool used = false;
      std::vector<int> literals;
      std::vector<int> rules;
    };
    static std::uint64_t hash(const std::vector<int>& literals);
    // The slot for a new entry with this hash.
    Slot& free_slot(std::uint64_t hash);
    static constexpr std::size_t kFirstSize = 256;
    static constexpr std::size_t kMaxSize = 1 << 16;  // 32K sets, 4 MB

    std::vector<Slot> slots_;
    std::size_t used_ = 0;
  };

  // The hits of one line; the views point into the line.
  struct Matches {
    std::vector<Hit> hits;
    std::vector<re2::StringPiece> groups;
    // Scratch: the literals found in a clause, the rules the prefilter lets through, and
    // its answers so far, by the literals found.
    std::vector<int> atoms;
    std::vector<int> candidates;
    Answers answers;

    // The text a group captured; empty if the group is 0 or did not take part.
    std::string_view group(const Hit& hit, int index) const {
      if (index <= 0) return {};
      const re2::StringPiece& piece = groups[hit.groups + static_cast<std::size_t>(index)];
      return std::string_view(piece.data(), piece.size());
    }
    // The whole match.
    std::string_view whole(const Hit& hit) const {
      return std::string_view(groups[hit.groups].data(), groups[hit.groups].size());
    }
  };

  // Every match of every rule in text, clause by clause and rule by rule. Thread-safe;
  // `out` is per caller.
  void find(std::string_view text, Matches& out) const;

 private:
  // A clause [begin, end) whose last numeral starts at last_numeral; a very long one (a
  // table without punctuation) is searched in pieces.
  void find_in_clause(std::string_view line, std::size_t begin, std::size_t end,
                      std::size_t last_numeral, Matches& out) const;
  // Every rule the prefilter lets through, over one clause or piece of one.
  void find_in_piece(std::string_view line, std::size_t begin, std::size_t end,
                     std::size_t last_numeral, Matches& out) const;
  // Every match of one rule in the clause, left to right.
  void match_rule(int index, const re2::StringPiece& clause, std::size_t begin,
                  std::size_t last_numeral, Matches& out) const;

  const RuleSet& rules_;
  detail::CharTable chars_;
  std::vector<int> group_counts_;  // per rule: submatches to extract, 0 included
};

}  // namespace quantex
