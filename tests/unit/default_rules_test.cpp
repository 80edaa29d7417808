// The default rules pass their own examples and counter-examples, as `quantex rules test`
// runs them.
#define BOOST_TEST_MODULE default_rules
#include <boost/test/unit_test.hpp>

#include "quantex/rule_tests.hpp"

BOOST_AUTO_TEST_CASE(every_example_and_counter_example_passes) {
  std::vector<std::string> errors;
  auto rules = quantex::RuleSet::load(quantex::default_rule_sources(), errors);
  BOOST_REQUIRE(rules.has_value());
  quantex::Matcher matcher(*rules);
  quantex::RuleTestReport report = quantex::run_rule_tests(*rules, matcher);
  for (const auto& failure : report.failures) {
    BOOST_ERROR(failure.where << ": rule " << failure.rule << ": " << failure.what);
  }
  BOOST_TEST(report.examples >= 50u);
  BOOST_TEST(report.counter_examples >= 50u);
  for (const quantex::Rule& rule : rules->rules()) {
    BOOST_TEST(!(rule.examples.empty() && rule.counter_examples.empty()),
               "rule " << rule.id << " has neither examples nor counter-examples");
  }
}
