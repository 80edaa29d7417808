#include "quantex/resolver.hpp"

#include <algorithm>
#include <iterator>
#include <numeric>

namespace quantex {

bool Resolver::overlaps_kept(Span span) const {
  // Kept claims never overlap each other, so only the nearest one starting before the
  // span's end can reach into it.
  auto next = std::lower_bound(claimed_.begin(), claimed_.end(), span.end,
                               [](const Span& s, std::size_t end) { return s.begin < end; });
  if (next == claimed_.begin()) return false;
  return std::prev(next)->end > span.begin;
}

void Resolver::claim(Span span) {
  auto at = std::lower_bound(claimed_.begin(), claimed_.end(), span.begin,
                             [](const Span& s, std::size_t begin) { return s.begin < begin; });
  claimed_.insert(at, span);
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
  claimed_.clear();
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
