// The default rules pass their own examples and counter-examples, as `quantex rules test`
// runs them; the answers the build worked out for their skeletons are the prefilter's; and
// every built-in pattern, left to compile when first used, compiles.
#define BOOST_TEST_MODULE default_rules
#include "default_rules.hpp"

#include <boost/test/unit_test.hpp>

#include "quantex/known_pieces.hpp"
#include "quantex/rule_tests.hpp"

BOOST_AUTO_TEST_CASE(every_example_and_counter_example_passes) {
  quantex::RuleTestReport report = quantex::run_rule_tests(test::default_matcher());
  for (const auto& failure : report.failures) {
    BOOST_ERROR(failure.where << ": rule " << failure.rule << ": " << failure.what);
  }
  BOOST_TEST(report.examples >= 50u);
  BOOST_TEST(report.counter_examples >= 50u);
  for (const quantex::Rule& rule : test::default_rules().rules()) {
    BOOST_TEST(!(rule.examples.empty() && rule.counter_examples.empty()),
               "rule " << rule.id << " has neither examples nor counter-examples");
  }
}

// Loading the defaults asks nothing the build has not answered, and each answer is what the
// prefilter says when asked now.
BOOST_AUTO_TEST_CASE(known_pieces_are_the_prefilters_answers) {
  const quantex::RuleSet& rules = test::default_rules();
  BOOST_TEST(rules.skeleton_pieces().size() >= 20u);
  std::size_t ignorable = 0;
  for (const auto& [piece, answer] : rules.skeleton_pieces()) {
    std::optional<quantex::PieceAnswer> known = quantex::known_piece(piece);
    BOOST_REQUIRE_MESSAGE(known.has_value(), piece);
    BOOST_TEST(known->ignorable == answer.ignorable, piece);
    BOOST_TEST(known->program_size == answer.program_size, piece);
    BOOST_TEST((answer.program_size > 0u) == answer.ignorable, piece);
    ignorable += answer.ignorable;
  }
  // Asked now, the prefilter answers as the build did: {number} hides a program of its own.
  quantex::PieceAnswer number = quantex::Prefilter::examine("(?:\\C|\\C)", "(?:[0-9]+|[一二三]+)");
  BOOST_TEST(number.ignorable);
  BOOST_TEST(number.program_size > 5u);
  BOOST_TEST(!quantex::Prefilter::examine("(?:个|家)", "(?:个|家)").ignorable);
  // Both answers occur: {number} is left out, a list of units is not.
  BOOST_TEST(ignorable > 0u);
  BOOST_TEST(ignorable < rules.skeleton_pieces().size());
  BOOST_TEST(!quantex::known_piece("(?:x{2}y)").has_value());
}

// The same files, not marked built in, compile every pattern at once, as the build does.
BOOST_AUTO_TEST_CASE(every_built_in_pattern_compiles) {
  std::vector<quantex::RuleSource> sources = quantex::default_rule_sources();
  for (quantex::RuleSource& source : sources) source.built_in = false;
  std::vector<std::string> errors;
  auto rules = quantex::RuleSet::load(sources, errors);
  BOOST_REQUIRE(rules.has_value());
  auto matcher = quantex::Matcher::compile(*rules, 2, errors);
  for (const std::string& error : errors) BOOST_ERROR(error);
  BOOST_TEST(matcher.has_value());
  BOOST_TEST(std::all_of(test::default_rules().rules().begin(), test::default_rules().rules().end(),
                         [](const quantex::Rule& rule) { return rule.built_in; }));
}
