// detail::Answers: the matcher's memory of what the prefilter answered (matcher.hpp).
#include <algorithm>

#include "quantex/matcher.hpp"

namespace quantex {

std::uint64_t detail::Answers::hash(const std::vector<int>& literals) {
  std::uint64_t h = 0xcbf29ce484222325;  // FNV-1a over the literal indexes
  for (int literal : literals) h = (h ^ static_cast<std::uint32_t>(literal)) * 0x100000001b3;
  return h;
}

std::optional<std::span<const int>> detail::Answers::find(const std::vector<int>& literals) const {
  if (slots_.empty()) return std::nullopt;
  std::uint64_t h = hash(literals);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.begin == kEmpty) return std::nullopt;
    if (slot.hash != h || slot.literal_count != literals.size()) continue;
    const int* set = sets_.data() + slot.begin;
    if (std::equal(literals.begin(), literals.end(), set)) {
      return std::span<const int>(set + slot.literal_count, slot.rule_count);
    }
  }
}

detail::Answers::Slot& detail::Answers::free_slot(std::uint64_t hash) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  while (slots_[i].begin != kEmpty) i = (i + 1) & mask;
  return slots_[i];
}

std::span<const int> detail::Answers::remember(const std::vector<int>& literals,
                                               const std::vector<int>& rules) {
  if (used_ >= slots_.size() / 2) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? kFirstSize : std::min(2 * old.size(), kMaxSize), Slot{});
    used_ = 0;
    // Growing keeps the answers; at the largest size the table starts over.
    if (old.size() < kMaxSize) {
      for (const Slot& slot : old) {
        if (slot.begin == kEmpty) continue;
        free_slot(slot.hash) = slot;
        ++used_;
      }
    } else {
      sets_.clear();
    }
  }
  std::uint64_t h = hash(literals);
  auto begin = static_cast<std::uint32_t>(sets_.size());
  sets_.insert(sets_.end(), literals.begin(), literals.end());
  sets_.insert(sets_.end(), rules.begin(), rules.end());
  free_slot(h) = Slot{h, begin, static_cast<std::uint32_t>(literals.size()),
                      static_cast<std::uint32_t>(rules.size())};
  ++used_;
  return std::span<const int>(sets_.data() + begin + literals.size(), rules.size());
}

}  // namespace quantex
