// detail::GroupSpans: the matcher's memory of where rules' groups fell (matcher.hpp).
#include <cstring>
#include <functional>

#include "quantex/matcher.hpp"

namespace quantex {

namespace {

// What RE2's empty-width assertions (^ $ \A \z \b \B) can tell of the byte at `at`.
char seen_by_assertions(const re2::StringPiece& clause, std::size_t at) {
  if (at >= clause.size()) return 'e';  // the clause's edge
  auto byte = static_cast<unsigned char>(clause[at]);
  if (byte == '\n') return 'n';
  bool word = (byte >= '0' && byte <= '9') || (byte >= 'A' && byte <= 'Z') ||
              (byte >= 'a' && byte <= 'z') || byte == '_';
  return word ? 'w' : 'o';
}

}  // namespace

detail::GroupSpans::Slot& detail::GroupSpans::slot(std::uint64_t hash, std::string_view key) {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.key == kEmpty) return slot;
    if (slot.hash == hash && slot.key_size == key.size() &&
        std::memcmp(keys_.data() + slot.key, key.data(), key.size()) == 0) {
      return slot;
    }
  }
}

void detail::GroupSpans::make_room() {
  const std::size_t bytes =
      keys_.size() + spans_.size() * sizeof(int) + slots_.size() * sizeof(Slot);
  if (slots_.empty() || bytes > kMaxBytes) {
    slots_.assign(kFirstSize, Slot{});
    keys_.clear();
    spans_.clear();
    used_ = 0;
    return;
  }
  if (used_ < slots_.size() / 2) return;
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(2 * old.size(), Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& kept : old) {
    if (kept.key == kEmpty) continue;
    std::size_t i = kept.hash & mask;
    while (slots_[i].key != kEmpty) i = (i + 1) & mask;
    slots_[i] = kept;
  }
}

void detail::GroupSpans::fill(const RE2& regex, int rule, bool digits_alike,
                              const re2::StringPiece& clause, re2::StringPiece* groups, int count) {
  const re2::StringPiece whole = groups[0];
  const auto begin = static_cast<std::size_t>(whole.data() - clause.data());
  const std::size_t end = begin + whole.size();
  key_.assign(reinterpret_cast<const char*>(&rule), sizeof rule);
  key_.push_back(begin == 0 ? 'e' : seen_by_assertions(clause, begin - 1));
  key_.push_back(seen_by_assertions(clause, end));
  key_.append(whole.data(), whole.size());
  if (digits_alike) {
    for (std::size_t i = key_.size() - whole.size(); i < key_.size(); ++i) {
      if (key_[i] > '0' && key_[i] <= '9') key_[i] = '0';
    }
  }
  const std::uint64_t hash = std::hash<std::string_view>{}(key_);
  if (!slots_.empty()) {
    if (const Slot& known = slot(hash, key_); known.key != kEmpty) {
      const int* spans = spans_.data() + known.spans;
      for (int g = 1; g < count; ++g, spans += 2) {
        groups[g] = spans[0] < 0 ? re2::StringPiece()
                                 : re2::StringPiece(whole.data() + spans[0],
                                                    static_cast<std::size_t>(spans[1]));
      }
      return;
    }
  }
  // What RE2 runs after its DFAs found the bounds: an anchored match of them alone, with the
  // rest of the clause as context.
  regex.Match(clause, begin, end, RE2::ANCHOR_BOTH, groups, count);
  make_room();
  Slot& entry = slot(hash, key_);
  entry = Slot{hash, static_cast<std::uint32_t>(keys_.size()),
               static_cast<std::uint32_t>(key_.size()), static_cast<std::uint32_t>(spans_.size())};
  keys_ += key_;
  for (int g = 1; g < count; ++g) {
    spans_.push_back(groups[g].data() ? static_cast<int>(groups[g].data() - whole.data()) : -1);
    spans_.push_back(static_cast<int>(groups[g].size()));
  }
  ++used_;
}

}  // namespace quantex
