// detail::GroupSpans: the matcher's memory of where rules' groups fell (matcher.hpp).
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

void detail::GroupSpans::fill(const RE2& regex, int rule, const re2::StringPiece& clause,
                              re2::StringPiece* groups, int count) {
  const re2::StringPiece whole = groups[0];
  const auto begin = static_cast<std::size_t>(whole.data() - clause.data());
  const std::size_t end = begin + whole.size();
  key_.assign(reinterpret_cast<const char*>(&rule), sizeof rule);
  key_.push_back(begin == 0 ? 'e' : seen_by_assertions(clause, begin - 1));
  key_.push_back(seen_by_assertions(clause, end));
  key_.append(whole.data(), whole.size());
  if (auto known = known_.find(key_); known != known_.end()) {
    const std::vector<int>& spans = known->second;
    for (int g = 1; g < count; ++g) {
      int at = spans[2 * (g - 1)];
      groups[g] = at < 0 ? re2::StringPiece()
                         : re2::StringPiece(whole.data() + at,
                                            static_cast<std::size_t>(spans[2 * (g - 1) + 1]));
    }
    return;
  }
  // What RE2 runs after its DFAs found the bounds: an anchored match of them alone, with the
  // rest of the clause as context.
  regex.Match(clause, begin, end, RE2::ANCHOR_BOTH, groups, count);
  std::vector<int> spans;
  spans.reserve(2 * static_cast<std::size_t>(count - 1));
  for (int g = 1; g < count; ++g) {
    spans.push_back(groups[g].data() ? static_cast<int>(groups[g].data() - whole.data()) : -1);
    spans.push_back(static_cast<int>(groups[g].size()));
  }
  const std::size_t cost = key_.size() + spans.size() * sizeof(int) + kEntryCost;
  if (bytes_ + cost > kMaxBytes) {
    known_.clear();
    bytes_ = 0;
  }
  bytes_ += cost;
  known_.emplace(key_, std::move(spans));
}

}  // namespace quantex
