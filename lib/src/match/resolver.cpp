#include "quantex/resolver.hpp"

#include <algorithm>
#include <cstdint>

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

const std::vector<std::size_t>& Resolver::resolve(
    const std::vector<Candidate>& candidates, const std::function<bool(std::size_t)>& readable) {
  ranked_.clear();
  for (std::size_t index = 0; index < candidates.size(); ++index) {
    const Candidate& c = candidates[index];
    // Higher priority first: 0 for the highest int.
    const auto lower = static_cast<std::uint64_t>(std::int64_t{INT32_MAX} - c.priority);
    ranked_.push_back({lower << 32 | (UINT32_MAX - c.text.size()),
                       std::uint64_t{c.rule_order} << 32 | c.text.begin,
                       static_cast<std::uint32_t>(index)});
  }
  std::sort(ranked_.begin(), ranked_.end(), [](const Ranked& x, const Ranked& y) {
    return x.first != y.first ? x.first < y.first : x.second < y.second;
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
  kept_by_place_.clear();
  for (const Ranked& rank : ranked_) {
    const Candidate& c = candidates[rank.index];
    bool free = true;
    for (int i = 0; i < c.claim_count && free; ++i) free = !overlaps_kept(c.claims[i]);
    if (!free || (readable && !readable(rank.index))) continue;
    for (int i = 0; i < c.claim_count; ++i) claim(c.claims[i]);
    if (c.yields_record) kept_by_place_.push_back(std::uint64_t{c.text.begin} << 32 | rank.index);
  }
  std::sort(kept_by_place_.begin(), kept_by_place_.end());
  kept_.clear();
  for (std::uint64_t place : kept_by_place_) kept_.push_back(place & UINT32_MAX);
  return kept_;
}

}  // namespace quantex
