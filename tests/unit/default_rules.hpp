// The default rules, loaded and compiled once per test program: most suites read text as
// quantex does by default.
#pragma once

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "quantex/matcher.hpp"
#include "quantex/rule_set.hpp"

namespace test {

inline const quantex::RuleSet& default_rules() {
  static const quantex::RuleSet rules = [] {
    std::vector<std::string> errors;
    auto set = quantex::RuleSet::load(quantex::default_rule_sources(), errors);
    BOOST_REQUIRE_MESSAGE(set.has_value(), (errors.empty() ? std::string() : errors.front()));
    return *std::move(set);
  }();
  return rules;
}

// The defaults' language: its marks and numerals.
inline const quantex::Language& default_language() { return default_rules().language(); }

inline const quantex::Matcher& default_matcher() {
  static const quantex::Matcher matcher = [] {
    std::vector<std::string> errors;
    auto compiled = quantex::Matcher::compile(default_rules(), 2, errors);
    BOOST_REQUIRE_MESSAGE(compiled.has_value(), (errors.empty() ? std::string() : errors.front()));
    return *std::move(compiled);
  }();
  return matcher;
}

}  // namespace test
