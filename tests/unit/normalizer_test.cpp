// The normalizer on captures made by hand: units and their scales, a rule's own scale, the
// ops of 多, of a range and of qualifiers in the language's order, a change's first number in
// its own unit or sharing the second's, and everything that must be rejected, not guessed.
#define BOOST_TEST_MODULE normalizer
#include "quantex/normalizer.hpp"

#include <boost/test/unit_test.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace quantex {
std::ostream& operator<<(std::ostream& out, Op op) { return out << op_symbol(op); }
}  // namespace quantex

namespace {

const char* const kRules = R"(
[language.ops]
more = ">"
range = "<="
order = ["more", "range", "before", "after"]

[language.numerals]
more = ["多"]
points = ["点"]
arabic_points = "."
arabic_separators = ","

[language.numerals.digits]
"三" = 3
"五" = 5

[language.numerals.scales]
"万" = 4
"亿" = 8

[language.kinds]
money = ["CNY"]
percentage = ["percent"]

[units.money]
"元" = "CNY"
"万元" = { unit = "CNY", scale = "1e4" }
"亿元" = { unit = "CNY", scale = "1e8" }
"美元" = "CNY"

[units.percentage]
"成" = "percent"

[units.count]
"家" = "家"

[[rule]]
id = "money"
kind = "money"
pattern = '(?P<value>x)(?P<unit>y)'

[[rule]]
id = "tenths"
kind = "percentage"
scale = 10
pattern = '(?P<value>x)(?P<unit>y)'
)";

const quantex::RuleSet& rules() {
  static const quantex::RuleSet set = [] {
    std::vector<std::string> errors;
    auto loaded = quantex::RuleSet::load({{"rules.toml", kRules}}, errors);
    BOOST_REQUIRE_MESSAGE(loaded.has_value(), (errors.empty() ? std::string() : errors.front()));
    return *std::move(loaded);
  }();
  return set;
}

const quantex::Rule& rule(std::string_view id) {
  for (const quantex::Rule& r : rules().rules()) {
    if (r.id == id) return r;
  }
  BOOST_FAIL("no rule " << id);
  return rules().rules().front();
}

std::optional<quantex::Normalized> normalize(const quantex::Captures& captures,
                                             std::string_view id = "money") {
  return quantex::normalize(rule(id), captures, rules());
}

std::string value(const std::optional<quantex::Decimal>& d) { return d ? d->to_string() : "-"; }

}  // namespace

BOOST_AUTO_TEST_CASE(units_and_scales_make_the_value) {
  auto n = normalize({.value = "28.6", .unit = "亿元"});
  BOOST_REQUIRE(n);
  BOOST_TEST(n->value.to_string() == "2860000000");
  BOOST_TEST(n->unit == "CNY");
  BOOST_TEST(n->op == quantex::Op::kEqual);
  // A scale word in the number and one in the unit multiply.
  BOOST_TEST(normalize({.value = "3万", .unit = "万元"})->value.to_string() == "300000000");
  // A rule's scale: 三成 is 30 percent.
  BOOST_TEST(normalize({.value = "三", .unit = "成"}, "tenths")->value.to_string() == "30");
}

BOOST_AUTO_TEST_CASE(ops_follow_the_language_order) {
  using quantex::Op;
  BOOST_TEST(normalize({.value = "3300多", .unit = "亿元"})->op == Op::kMore);
  BOOST_TEST(normalize({.value = "5", .unit = "元", .min = "3"})->op == Op::kAtMost);
  BOOST_TEST(normalize({.value = "5", .unit = "元", .op_before = Op::kAbout})->op == Op::kAbout);
  // Later in the order wins: the qualifier after the unit has the last word...
  BOOST_TEST(
      normalize({.value = "3多", .unit = "元", .op_before = Op::kAbout, .op_after = Op::kAtLeast})
          ->op == Op::kAtLeast);
  // ...and a plain = never overrides anything.
  BOOST_TEST(normalize({.value = "3多", .unit = "元", .op_after = Op::kEqual})->op == Op::kMore);
}

BOOST_AUTO_TEST_CASE(ranges_and_changes_share_units_and_scales) {
  auto range = normalize({.unit = "元", .min = "3", .max = "5万"});
  BOOST_REQUIRE(range);
  BOOST_TEST(value(range->min) == "30000");  // 3至5万元: 3 is 3万
  BOOST_TEST(value(range->max) == "50000");
  BOOST_TEST(range->value.to_string() == "50000");
  auto shared = normalize({.value = "5", .unit = "亿元", .from = "三"});
  BOOST_TEST(value(shared->from) == "300000000");
  auto own = normalize({.value = "5", .unit = "亿元", .from = "3000", .from_unit = "万元"});
  BOOST_TEST(value(own->from) == "30000000");
}

BOOST_AUTO_TEST_CASE(what_does_not_read_is_rejected) {
  BOOST_TEST(!normalize({.value = "3", .unit = "镑"}));              // no such unit
  BOOST_TEST(!normalize({.value = "三点", .unit = "元"}));           // a dangling point
  BOOST_TEST(!normalize({.value = "3", .unit = "家"}));              // a unit of another kind
  BOOST_TEST(!normalize({.value = "5", .unit = "元", .min = "x"}));  // a range's bad end
  // A change between units of different canonical units is no change.
  BOOST_TEST(!normalize({.value = "5", .unit = "亿元", .from = "3", .from_unit = "成"}));
}
