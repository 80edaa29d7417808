// detail::Answers: the matcher's memory of what the prefilter answered (matcher.hpp).
#include <algorithm>

#include "quantex/matcher.hpp"

namespace quantex {

std::uint64_t detail::Answers::hash(const std::vector<int>& literals) {
  std::uint64_t h = 0xcbf29ce484222325;  // FNV-1a over the literal indexes
  for (int literal : literals) h = (h ^ static_cast<std::uint32_t>(literal)) * 0x100000001b3;
  return h;
}

const std::vector<int>* detail::Answers::find(const std::vector<int>& literals) const {
  if (slots_.empty()) return nullptr;
  std::uint64_t h = hash(literals);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (!slot.used) return nullptr;
    if (slot.hash == h && slot.literals == literals) return &slot.rules;
  }
}

detail::Answers::Slot& detail::Answers::free_slot(std::uint64_t hash) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  while (slots_[i].used) i = (i + 1) & mask;
  return slots_[i];
}

const std::vector<int>& detail::Answers::remember(const std::vector<int>& literals,
                                                  std::vector<int> rules) {
  if (used_ >= slots_.size() / 2) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? kFirstSize : std::min(2 * old.size(), kMaxSize), Slot{});
    used_ = 0;
    // Growing keeps the answers; at the largest size the table starts over.
    if (old.size() < kMaxSize) {
      for (Slot& slot : old) {
        if (!slot.used) continue;
        free_slot(slot.hash) = std::move(slot);
        ++used_;
      }
    }
  }
  std::uint64_t h = hash(literals);
  Slot& slot = free_slot(h);
  slot = Slot{h, true, literals, std::move(rules)};
  ++used_;
  return slot.rules;
}

}  // namespace quantex
