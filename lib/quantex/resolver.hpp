// Resolver: where rules overlap, one span yields one record.
//
// Each candidate claims the text it stands for: a plain record its number, unit and
// qualifiers; a change (由A压缩至B) both of its numbers, so text between them stays free for
// other rules; an exclusion (a date, an ordinal) the whole match. Candidates are taken in
// order of higher priority, then longer text, then earlier rule, then earlier position, and
// one is kept only if none of its claims overlaps a claim already kept.
//
//   std::vector<quantex::Candidate> candidates = ...;
//   quantex::Resolver resolver;
//   for (std::size_t i : resolver.resolve(candidates)) ...  // kept, in text order
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace quantex {

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;  // exclusive
  std::size_t size() const { return end - begin; }
};

struct Candidate {
  int priority = 0;
  std::size_t rule_order = 0;
  Span text;       // what the record will show
  Span claims[2];  // what it takes from other rules
  int claim_count = 1;
  bool yields_record = true;  // false for exclusions: they only claim
};

class Resolver {
 public:
  // Indexes of the candidates that yield records, sorted by text position. Reuses its
  // scratch space from call to call.
  // readable, if given, is asked of a candidate when it would be kept: one it answers false
  // for is passed over, as if it were not among the candidates (a number read only once
  // its candidate wins, and found unreadable then).
  const std::vector<std::size_t>& resolve(const std::vector<Candidate>& candidates,
                                          const std::function<bool(std::size_t)>& readable = {});

 private:
  bool overlaps_kept(Span span) const;
  void claim(Span span);

  // A candidate's place in the order above, packed into two integers that compare as the
  // four fields do: sorting indexes that each compare looked up in the candidates missed
  // the cache at every step on a table's tens of thousands of them. A span lies in one
  // line, which the reader keeps far under 4 GB (a segment, or a document of at most
  // 256 MB), and rules number fewer than 2^32: 32 bits hold each.
  struct Ranked {
    std::uint64_t first;   // the priority, then the text's size, each the larger first
    std::uint64_t second;  // the rule's order, then where the text begins
    std::uint32_t index;
  };
  std::vector<Ranked> ranked_;
  std::vector<std::uint64_t> kept_by_place_;  // where each kept text begins, then its index
  std::vector<std::size_t> kept_;
  // The bytes kept claims hold, a bit each, from base_ on. Claims are kept in the order of
  // priority, not of the text: in a sorted list each would be inserted in the middle, and a
  // line of digit soup or a table, with hundreds of thousands, moved the list each time.
  std::vector<std::uint64_t> claimed_;
  std::size_t base_ = 0;
};

}  // namespace quantex
