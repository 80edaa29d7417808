// The default rules pass their own examples and counter-examples, as `quantex rules test`
// runs them, and the answers the build worked out for their skeletons are the prefilter's.
#define BOOST_TEST_MODULE default_rules
#include <boost/test/unit_test.hpp>

#include "quantex/known_pieces.hpp"
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

// Loading the defaults asks nothing the build has not answered, and each answer is what the
// prefilter says when asked now.
BOOST_AUTO_TEST_CASE(known_pieces_are_the_prefilters_answers) {
  std::vector<std::string> errors;
  auto rules = quantex::RuleSet::load(quantex::default_rule_sources(), errors);
  BOOST_REQUIRE(rules.has_value());
  BOOST_TEST(rules->skeleton_pieces().size() >= 20u);
  RE2::Options options;
  options.set_log_errors(false);
  std::size_t ignorable = 0;
  for (const auto& [piece, answer] : rules->skeleton_pieces()) {
    std::optional<bool> known = quantex::known_ignorable(piece);
    BOOST_TEST((known.has_value() && *known == answer), piece);
    BOOST_TEST(quantex::Prefilter::ignorable(piece, options) == answer, piece);
    ignorable += answer;
  }
  // Both answers occur: {number} is left out, a list of units is not.
  BOOST_TEST(ignorable > 0u);
  BOOST_TEST(ignorable < rules->skeleton_pieces().size());
  BOOST_TEST(!quantex::known_ignorable("(?:x{2}y)").has_value());
}
