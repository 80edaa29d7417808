#include "quantex/prefilter.hpp"

#include <algorithm>
#include <map>
#include <thread>

namespace quantex {

std::vector<const RE2*> Prefilter::compile(const std::vector<std::string>& patterns,
                                           const RE2::Options& options, unsigned threads) {
  std::vector<const RE2*> compiled(patterns.size(), nullptr);
  std::size_t count = std::max<std::size_t>(1, std::min<std::size_t>(threads, patterns.size()));
  std::vector<std::vector<std::string>> shard_atoms(count);
  for (std::size_t s = 0; s < count; ++s) shards_.push_back(std::make_unique<Shard>());

  // Pattern i goes to shard i % count: neighbours in a file are alike in size.
  auto build = [&](std::size_t s) {
    Shard& shard = *shards_[s];
    for (std::size_t i = s; i < patterns.size(); i += count) {
      int id = 0;
      if (shard.filter.Add(patterns[i], options, &id) != RE2::NoError) continue;
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
  for (std::size_t s = 0; s < count; ++s) {
    shards_[s]->atoms.assign(literals_.size(), -1);
    for (std::size_t a = 0; a < shard_atoms[s].size(); ++a) {
      shards_[s]->atoms[static_cast<std::size_t>(index[shard_atoms[s][a]])] = static_cast<int>(a);
    }
  }
  return compiled;
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
