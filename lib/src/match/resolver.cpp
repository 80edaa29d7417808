#include "quantex/resolver.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>

namespace quantex {

namespace {

// The bits of word `word` that stand for bytes of [begin, end), counted from 0.
std::uint64_t bits_in(std::size_t word, std::size_t begin, std::size_t end) {
  const std::size_t first = word * 64;
  std::uint64_t mask = ~std::uint64_t{0};
  if (begin > first) mask &= ~std::uint64_t{0} << (begin - first);
  if (end < first + 64) mask &= ~(~std::uint64_t{0} << (end - first));
  return mask;
}

}  // namespace

// Claims are never empty (each holds a numeral, or a whole match), so a claim overlaps a
// kept one exactly when they share a byte.
bool Resolver::overlaps_kept(Span span) const {
  const std::size_t begin = span.begin - base_, end = span.end - base_;
  for (std::size_t word = begin / 64; word * 64 < end; ++word) {
    if (claimed_[word] & bits_in(word, begin, end)) return true;
  }
  return false;
}

void Resolver::claim(Span span) {
  const std::size_t begin = span.begin - base_, end = span.end - base_;
  for (std::size_t word = begin / 64; word * 64 < end; ++word) {
    claimed_[word] |= bits_in(word, begin, end);
  }
}

const std::vector<std::size_t>& Resolver::resolve(const std::vector<Candidate>& candidates) {
  order_.resize(candidates.size());
  std::iota(order_.begin(), order_.end(), 0);
  std::sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
    const Candidate& x = candidates[a];
    const Candidate& y = candidates[b];
    if (x.priority != y.priority) return x.priority > y.priority;
    if (x.text.size() != y.text.size()) return x.text.size() > y.text.size();
    if (x.rule_order != y.rule_order) return x.rule_order < y.rule_order;
    return x.text.begin < y.text.begin;
  });
  base_ = SIZE_MAX;
  std::size_t end = 0;
  for (const Candidate& c : candidates) {
    for (int i = 0; i < c.claim_count; ++i) {
      base_ = std::min(base_, c.claims[i].begin);
      end = std::max(end, c.claims[i].end);
    }
  }
  claimed_.assign(base_ < end ? (end - base_ + 63) / 64 : 0, 0);
  kept_.clear();
  for (std::size_t index : order_) {
    const Candidate& c = candidates[index];
    bool free = true;
    for (int i = 0; i < c.claim_count && free; ++i) free = !overlaps_kept(c.claims[i]);
    if (!free) continue;
    for (int i = 0; i < c.claim_count; ++i) claim(c.claims[i]);
    if (c.yields_record) kept_.push_back(index);
  }
  std::sort(kept_.begin(), kept_.end(), [&](std::size_t a, std::size_t b) {
    return candidates[a].text.begin < candidates[b].text.begin;
  });
  return kept_;
}

}  // namespace quantex
