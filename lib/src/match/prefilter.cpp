#include "quantex/prefilter.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <numeric>
#include <thread>

#include "quantex/utf8.hpp"

namespace quantex {

const RE2::Options& rule_pattern_options() {
  static const RE2::Options options = [] {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(64 << 20);
    return o;
  }();
  return options;
}

std::vector<const RE2*> Prefilter::compile(const std::vector<std::string>& patterns,
                                           unsigned threads) {
  std::vector<const RE2*> compiled(patterns.size(), nullptr);
  std::size_t count = std::max<std::size_t>(1, std::min<std::size_t>(threads, patterns.size()));
  std::vector<std::vector<std::string>> shard_atoms(count);
  for (std::size_t s = 0; s < count; ++s) shards_.push_back(std::make_unique<Shard>());

  // Each thread takes the next pattern not yet taken, longest first: a thread that starts
  // late (starting one can take a millisecond or two) does less, and none is left with a
  // long pattern at the end.
  std::vector<std::size_t> order(patterns.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return patterns[a].size() > patterns[b].size();
  });
  std::atomic<std::size_t> next{0};
  auto build = [&](std::size_t s) {
    Shard& shard = *shards_[s];
    for (std::size_t taken = next++; taken < order.size(); taken = next++) {
      std::size_t i = order[taken];
      int id = 0;
      if (shard.filter.Add(patterns[i], rule_pattern_options(), &id) != RE2::NoError) continue;
      shard.rules.push_back(static_cast<int>(i));
      compiled[i] = &shard.filter.GetRE2(id);
    }
    if (!shard.rules.empty()) shard.filter.Compile(&shard_atoms[s]);
  };
  std::vector<std::thread> workers;
  for (std::size_t s = 1; s < count; ++s) workers.emplace_back(build, s);
  build(0);
  for (std::thread& worker : workers) worker.join();

  // One list of literals for all shards, and where each sits in each shard.
  std::map<std::string, int> index;
  for (const auto& atoms : shard_atoms) {
    for (const std::string& atom : atoms) {
      if (index.emplace(atom, static_cast<int>(literals_.size())).second) {
        literals_.push_back(atom);
      }
    }
  }
  index_literals();
  for (std::size_t s = 0; s < count; ++s) {
    shards_[s]->atoms.assign(literals_.size(), -1);
    for (std::size_t a = 0; a < shard_atoms[s].size(); ++a) {
      shards_[s]->atoms[static_cast<std::size_t>(index[shard_atoms[s][a]])] = static_cast<int>(a);
    }
  }
  return compiled;
}

PieceAnswer Prefilter::examine(const std::string& skeleton, const std::string& full) {
  re2::FilteredRE2 filter(1);
  int id = 0;
  if (filter.Add(skeleton, rule_pattern_options(), &id) != RE2::NoError) return {};
  if (filter.GetRE2(id).NumberOfCapturingGroups() > 0) return {};
  std::vector<std::string> atoms;
  filter.Compile(&atoms);
  std::vector<int> passing;
  filter.AllPotentials({}, &passing);
  if (passing.empty()) return {};
  RE2 whole(full, rule_pattern_options());
  return PieceAnswer{true, whole.ok() ? static_cast<std::size_t>(whole.ProgramSize()) : 0};
}

namespace {

char32_t lower(char32_t c) { return c >= U'A' && c <= U'Z' ? c - U'A' + U'a' : c; }

char lower_byte(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Whether text at pos goes on with tail (never empty), ASCII letters in either case. The
// literals tried at a position share its first character and mostly differ in their last
// byte: looking there first rules most of them out at once.
bool goes_on_with(std::string_view text, std::size_t pos, std::string_view tail) {
  if (text.size() - pos < tail.size()) return false;
  if (lower_byte(text[pos + tail.size() - 1]) != tail.back()) return false;
  for (std::size_t i = 0; i < tail.size(); ++i) {
    if (lower_byte(text[pos + i]) != tail[i]) return false;
  }
  return true;
}

}  // namespace

std::size_t Prefilter::first_char_slot(char32_t c) const {
  const std::size_t mask = by_first_.size() - 1;
  std::size_t i = (static_cast<std::uint32_t>(c) * 2654435761u >> 12) & mask;  // Knuth's hash
  while (by_first_[i].begin != by_first_[i].end && by_first_[i].c != c) i = (i + 1) & mask;
  return i;
}

void Prefilter::index_literals() {
  std::size_t size = 16;
  while (size < 2 * literals_.size()) size *= 2;
  by_first_.assign(size, FirstChar{});
  // The literals in order of their first character, so that those of one are adjacent.
  std::vector<std::pair<char32_t, int>> order;
  for (std::size_t i = 0; i < literals_.size(); ++i) {
    std::size_t pos = 0;
    order.emplace_back(utf8::next(literals_[i], pos), static_cast<int>(i));
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [first, literal] : order) {
    const std::string& text = literals_[static_cast<std::size_t>(literal)];
    std::size_t first_size = 0;
    utf8::next(text, first_size);
    if (first < 0x10000) starts_.set(first);
    FirstChar& slot = by_first_[first_char_slot(first)];
    if (slot.begin == slot.end) {
      slot.c = first;
      slot.begin = slot.end = static_cast<std::uint32_t>(entries_.size());
      slot.first_size = static_cast<std::uint32_t>(first_size);
    }
    entries_.push_back(Entry{literal, static_cast<std::uint32_t>(tails_.size()),
                             static_cast<std::uint32_t>(text.size() - first_size)});
    tails_.append(text, first_size);
    ++slot.end;
  }
}

void Prefilter::find_literals(std::string_view text, std::vector<int>& found) const {
  found.clear();
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t at = pos;
    auto byte = static_cast<unsigned char>(text[pos]);
    char32_t c;
    if (byte < 0x80) {
      c = lower(byte);
      ++pos;
    } else {
      c = utf8::next_valid(text, pos);
    }
    if (c < 0x10000 && !starts_[c]) continue;
    const FirstChar& first = by_first_[first_char_slot(c)];
    // Compared as bytes, as the literals are: a malformed sequence read as U+FFFD is none.
    if (first.begin == first.end || pos - at != first.first_size) continue;
    for (std::uint32_t e = first.begin; e < first.end; ++e) {
      const Entry& entry = entries_[e];
      if (entry.tail_size == 0 ||
          goes_on_with(text, pos, std::string_view(tails_).substr(entry.tail, entry.tail_size))) {
        found.push_back(entry.literal);
      }
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
}

void Prefilter::candidates(const std::vector<int>& found, std::vector<int>& rules) const {
  rules.clear();
  std::vector<int> atoms;
  std::vector<int> matched;
  for (const auto& shard : shards_) {
    if (shard->rules.empty()) continue;
    atoms.clear();
    for (int literal : found) {
      int atom = shard->atoms[static_cast<std::size_t>(literal)];
      if (atom >= 0) atoms.push_back(atom);
    }
    shard->filter.AllPotentials(atoms, &matched);
    for (int id : matched) rules.push_back(shard->rules[static_cast<std::size_t>(id)]);
  }
  std::sort(rules.begin(), rules.end());
}

}  // namespace quantex
