// Matcher: the rules compiled, and where they match a line.
//
// Compiling makes the prefilter from every rule's skeleton, numbers each rule's groups, and
// compiles the tags' clause patterns; a rule from a file the user gave compiles now, so that
// a pattern RE2 cannot take is reported before any input is read. A built-in rule compiles
// when a clause first needs it (see LazyRegex): the build compiled every one of them.
//
// Matching is in two passes.
// The line is searched clause by clause: no rule match crosses a clause mark (。；！？：, and a
// comma that is not between two digits), and every indicator holds a numeral, so a clause
// without a digit or a Chinese numeral is skipped unread. In a clause, the rule set's
// prefilter (the literal strings each pattern needs) rules out the rules that cannot match;
// the others run left to right, one match after another, whose groups are remembered by
// the text matched (GroupSpans): the indicator rules first, then the exclusions, only if an
// indicator matched (an exclusion only takes text away from indicators). The matcher
// reports every match of every rule it ran; choosing among overlapping ones is the
// resolver's work. A clause longer than 4 KB (none in reports; a table pasted without
// punctuation) is searched in pieces, cut where a number starts, so that the rescans of a
// rule with an open gap stay short.
//
//   std::vector<std::string> errors;
//   auto matcher = quantex::Matcher::compile(rules, threads, errors);  // nullopt: see errors
//   quantex::Matcher::Matches found;          // reuse it from line to line
//   matcher->find(line, found);
//   for (const auto& hit : found.hits) found.group(hit, hit.numbers->value);
#pragma once

#include <re2/re2.h>

#include <bitset>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "quantex/lazy_regex.hpp"
#include "quantex/prefilter.hpp"
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

// The prefilter's answers so far, by the literals found: clauses keep finding the same
// few thousand sets, and asking the prefilter costs more than remembering. An
// open-addressed table with a power-of-two size that doubles when half full, so that a
// short input touches little memory; at kMaxSize it starts over instead. The slots are
// small and the sets sit in one array: a lookup comes at every clause, and slots that held
// vectors of their own missed the cache twice or three times on each.
class Answers {
 public:
  // The remembered rules for these literals, or nullopt.
  std::optional<std::span<const int>> find(const std::vector<int>& literals) const;
  // Remembers the rules for these literals; the view holds until the next call.
  std::span<const int> remember(const std::vector<int>& literals, const std::vector<int>& rules);

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t begin = kEmpty;  // where the literals start in sets_, the rules after them
    std::uint32_t literal_count = 0;
    std::uint32_t rule_count = 0;
  };
  static constexpr std::uint32_t kEmpty = static_cast<std::uint32_t>(-1);
  static std::uint64_t hash(const std::vector<int>& literals);
  // The slot for a new entry with this hash.
  Slot& free_slot(std::uint64_t hash);
  static constexpr std::size_t kFirstSize = 256;
  static constexpr std::size_t kMaxSize = 1 << 16;  // 32K sets

  std::vector<Slot> slots_;
  std::vector<int> sets_;
  std::size_t used_ = 0;
};

// Whether a pattern cannot tell one ASCII digit from another: no digit of the text stands in
// it but in a class that holds all ten or none ([0-9], \d, [^0-9]). RE2 then runs alike on
// texts that differ only in their digits, and finds their groups in the same places. False
// where it is not sure (\x31, \061, \Q...\E).
bool digits_alike(std::string_view pattern);

// Where a rule's groups fell in the matches it made before, by the text matched. RE2 finds a
// match's bounds with its DFAs, then its groups by running a slower engine (BitState, or the
// NFA for a program of over 512 instructions) over the match again; on the short matches of
// reports that second run is most of a match's cost, and the same texts keep coming (5个工作日,
// 由1个增加到2个 down a table). The groups depend on the text matched and, outside it, only
// on what RE2's empty-width assertions see on either side (an edge of the clause, a line
// break, a word character), so that is the key. An open-addressed table as Answers is, its
// keys and spans in two arrays: text that never repeats makes an entry at each match, which
// must cost no allocation. Past kMaxBytes it starts over. For a rule whose pattern has its
// digits alike, the key has every digit as 0: 28.6亿元 and 35.2亿元 are one case, and digit
// soup, whose numbers never repeat, mostly finds its groups remembered.
class GroupSpans {
 public:
  // Fills groups[1, count) of a match of rule `rule` whose whole match, groups[0], lies in
  // `clause`, as regex.Match over the clause would have. `digits_alike`: that of its pattern.
  void fill(const RE2& regex, int rule, bool digits_alike, const re2::StringPiece& clause,
            re2::StringPiece* groups, int count);

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t key = kEmpty;  // where the key starts in keys_
    std::uint32_t key_size = 0;
    std::uint32_t spans = 0;  // where its spans start in spans_
  };
  static constexpr std::uint32_t kEmpty = static_cast<std::uint32_t>(-1);
  static constexpr std::size_t kFirstSize = 256;
  static constexpr std::size_t kMaxBytes = 2 << 20;
  // The slot of this key, or the empty slot where it would go.
  Slot& slot(std::uint64_t hash, std::string_view key);
  // Makes room for one more entry: doubles the slots when half full, or starts over.
  void make_room();

  std::vector<Slot> slots_;
  std::string keys_;
  // Per group of an entry: where it begins, from the start of the match (-1: it took no
  // part), and its size.
  std::vector<int> spans_;
  std::size_t used_ = 0;
  std::string key_;  // scratch
};

}  // namespace detail

// The numbers of a rule's named capture groups in its pattern; 0 where it has none.
struct GroupNumbers {
  int value = 0, unit = 0, from = 0, from_unit = 0, min = 0, max = 0, subject = 0;
};

class Matcher {
 public:
  // Compiles the rules on up to `threads` threads (RE2 compiles one pattern on one). Returns
  // nullopt, with one "FILE:LINE:COL: rule ID: WHAT" message per problem appended to errors,
  // when a pattern does not compile or names groups wrongly. The rules must outlive the
  // matcher.
  static std::optional<Matcher> compile(const RuleSet& rules, unsigned threads,
                                        std::vector<std::string>& errors);

  const RuleSet& rules() const { return rules_; }

  struct Hit {
    const Rule* rule;
    const GroupNumbers* numbers;
    std::size_t groups;  // where this hit's capture groups start in Matches::groups
  };

  // The hits of one line; the views point into the line. What it remembers (the
  // prefilter's answers, the groups) is by rule number: use it with one matcher only.
  struct Matches {
    std::vector<Hit> hits;
    std::vector<re2::StringPiece> groups;
    // Scratch: the literals found in a clause, the rules the prefilter lets through, its
    // answers so far, by the literals found, and the groups of the matches so far.
    std::vector<int> atoms;
    std::vector<int> candidates;
    detail::Answers answers;
    detail::GroupSpans group_spans;

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

  // Whether the clause pattern of rules().tag_rules()[tag] finds a cue in words (the clause
  // around a record) that lies outside every one of its except words.
  bool tags(std::size_t tag, std::string_view words) const;

 private:
  explicit Matcher(const RuleSet& rules);
  struct Compiled {
    GroupNumbers numbers;
    int group_count = 1;        // submatches to extract, the whole match included
    bool digits_alike = false;  // see detail::digits_alike
    std::unique_ptr<LazyRegex> regex;
  };

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
  // Built from the rules' skeletons, whose RE2 objects it keeps: they number each rule's
  // groups as its pattern does.
  Prefilter prefilter_;
  std::vector<Compiled> compiled_;                 // by rule
  std::vector<std::unique_ptr<RE2>> tag_clauses_;  // by tag rule
};

}  // namespace quantex
