// Rule tests: every rule's examples and counter-examples, run through the whole pipeline
// (all rules, the resolver included), as `quantex rules test` and CI do.
//
// An example passes when its text yields a record from its rule with the expected kind,
// value, unit and op, and from, min, max, subject and tags where the example gives them. A
// counter-example passes when its text yields no record from its rule. For an exclusion,
// which never yields records, an example is a record some other rule must still yield next
// to what it excludes, and a counter-example must yield no record at all.
#pragma once

#include <string>
#include <vector>

#include "quantex/matcher.hpp"

namespace quantex {

struct RuleTestFailure {
  std::string rule;
  std::string where;  // FILE:LINE:COL of the example
  std::string what;
};

struct RuleTestReport {
  std::size_t examples = 0;
  std::size_t counter_examples = 0;
  std::vector<RuleTestFailure> failures;
};

RuleTestReport run_rule_tests(const Matcher& matcher);

}  // namespace quantex
