// What the fuzz targets share: the default rules, loaded and compiled once, and a check that
// stops the fuzzer with a message when an invariant breaks.
#pragma once

#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "quantex/matcher.hpp"
#include "quantex/rule_set.hpp"

namespace fuzz {

inline const quantex::Matcher& default_matcher() {
  static const quantex::RuleSet rules = [] {
    std::vector<std::string> errors;
    return *quantex::RuleSet::load(quantex::default_rule_sources(), errors);
  }();
  static const quantex::Matcher matcher = [] {
    std::vector<std::string> errors;
    return *quantex::Matcher::compile(rules, 1, errors);
  }();
  return matcher;
}

// Ends the run, as a crash would, when an invariant does not hold.
inline void check(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "invariant broken: %s\n", what);
  std::abort();
}

inline bool valid_utf8(std::string_view text) {
  return simdjson::validate_utf8(text.data(), text.size());
}

}  // namespace fuzz
