// Loading rule files: fragment expansion, unit and qualifier tables, and every error a rule
// file can hold, each reported as FILE:LINE:COL: rule ID: WHAT.
#define BOOST_TEST_MODULE rule_set
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "quantex/rule_set.hpp"

namespace {

const char* const kBase = R"(
[fragments]
num = '[0-9]+'
num_unit = '{num}(?:个|家)'

[language.kinds]
time_limit = ["day"]
money = ["CNY"]

[units.count]
"个" = "个"
"家" = "家"

[units.money]
"元" = "CNY"
"万元" = { unit = "CNY", scale = "1e4" }

[qualifiers.before]
"约" = "~"
"超过" = ">"
)";

struct Loaded {
  std::optional<quantex::RuleSet> rules;
  std::vector<std::string> errors;
};

Loaded load(const std::string& text) {
  Loaded out;
  out.rules = quantex::RuleSet::load({{"base.toml", kBase}, {"user.toml", text}}, out.errors);
  return out;
}

// The set the text loads into; the test stops at the first error if it does not load.
quantex::RuleSet load_ok(const std::string& text) {
  Loaded loaded = load(text);
  BOOST_REQUIRE_MESSAGE(loaded.rules.has_value(),
                        (loaded.errors.empty() ? std::string() : loaded.errors.front()));
  return std::move(*loaded.rules);
}

std::string only_error(const Loaded& loaded) {
  BOOST_REQUIRE(!loaded.rules.has_value());
  BOOST_REQUIRE_EQUAL(loaded.errors.size(), 1u);
  return loaded.errors.front();
}

BOOST_AUTO_TEST_CASE(expands_fragments_across_files) {
  quantex::RuleSet rules = load_ok(R"(
[[rule]]
id = "c"
kind = "count"
pattern = '(?:{qualifiers.before})?(?P<value>{num})(?P<unit>{units.count})'
qualifiers_before = ["before"]
)");
  const quantex::Rule& rule = rules.rules().front();
  BOOST_TEST(rule.pattern == "(?:(?:超过|约))?(?P<value>(?:[0-9]+))(?P<unit>(?:个|家))");
  BOOST_TEST(rule.value > 0);
  BOOST_TEST(rule.unit > 0);
  BOOST_REQUIRE(rule.qualifiers_before.size() == 1u);
  BOOST_TEST(rule.qualifiers_before.front()->name == "before");
}

BOOST_AUTO_TEST_CASE(keeps_repetitions_and_unicode_classes) {
  quantex::RuleSet rules = load_ok(R"(
[[rule]]
id = "c"
kind = "count"
pattern = '\p{Han}{2}(?P<value>[0-9]{1,3})(?P<unit>{units.count})\{x}'
)");
  BOOST_TEST(rules.rules().front().pattern ==
             "\\p{Han}{2}(?P<value>[0-9]{1,3})(?P<unit>(?:个|家))\\{x}");
}

BOOST_AUTO_TEST_CASE(units_carry_their_scale) {
  quantex::RuleSet rules = load_ok("");
  const quantex::UnitEntry* unit = rules.unit("money", "万元");
  BOOST_REQUIRE(unit != nullptr);
  BOOST_TEST(unit->canonical == "CNY");
  BOOST_TEST(unit->scale.to_string() == "10000");
  BOOST_TEST(rules.unit("money", "镑") == nullptr);
  BOOST_TEST(rules.qualifiers("before")->ending("不超过")->first == "超过");
}

BOOST_AUTO_TEST_CASE(reports_bad_toml_with_position) {
  BOOST_TEST(only_error(load("[[rule]]\nid = \"x\"\nkind = \n")).rfind("user.toml:3:", 0) == 0);
}

BOOST_AUTO_TEST_CASE(reports_invalid_pattern) {
  std::string error = only_error(load(R"([[rule]]
id = "broken"
kind = "count"
pattern = '(?P<value>[0-9]+(?P<unit>个)'
)"));
  BOOST_TEST(error.rfind("user.toml:4:11: rule broken: invalid pattern:", 0) == 0, error);
}

BOOST_AUTO_TEST_CASE(compiles_a_pattern_when_first_used) {
  quantex::RuleSet rules = load_ok(R"([[rule]]
id = "c"
kind = "count"
pattern = '(?P<value>{num})(?P<unit>{units.count})'
)");
  const quantex::Rule& rule = rules.rules().front();
  BOOST_TEST(rule.compiled->compiled() == nullptr);
  BOOST_TEST(rule.regex().ok());
  BOOST_TEST(rule.compiled->compiled() == &rule.regex());
}

// A skeleton leaves out a fragment with no literal, but never one with a capturing group:
// the groups after it would be numbered differently in the pattern the matcher runs.
BOOST_AUTO_TEST_CASE(keeps_group_numbers_of_the_pattern) {
  quantex::RuleSet rules = load_ok(R"(
[fragments]
digits = '([0-9]+)'

[[rule]]
id = "c"
kind = "count"
pattern = '(?P<value>{digits})(?P<unit>{units.count})'
)");
  const quantex::Rule& rule = rules.rules().front();
  BOOST_TEST(rule.value == 1);
  BOOST_TEST(rule.unit == 3);
  BOOST_TEST(rule.unit == rule.regex().NamedCapturingGroups().at("unit"));
}

// Repetitions that multiply past RE2's limit of 1000 only once the fragment is expanded
// parse in the skeleton; the pattern fails when compiled, and says so then.
BOOST_AUTO_TEST_CASE(reports_a_pattern_that_fails_when_compiled) {
  quantex::RuleSet rules = load_ok(R"(
[fragments]
gap = '.{0,100}'

[[rule]]
id = "wide"
kind = "count"
pattern = '(?:{gap}){0,20}(?P<value>{num})(?P<unit>个)'
)");
  BOOST_TEST(rules.compile_errors().empty());
  rules.compile_all();
  std::vector<std::string> errors = rules.compile_errors();
  BOOST_REQUIRE_EQUAL(errors.size(), 1u);
  BOOST_TEST(errors.front().rfind(
                 "user.toml:5:1: rule wide: invalid pattern: invalid repetition size", 0) == 0,
             errors.front());
}

BOOST_AUTO_TEST_CASE(reports_unknown_group) {
  std::string error = only_error(load(R"([[rule]]
id = "g"
kind = "count"
pattern = '(?P<value>[0-9]+)(?P<unit>个)(?P<amount>元)'
)"));
  BOOST_TEST(error == "user.toml:4:11: rule g: unknown group (?P<amount>)");
}

BOOST_AUTO_TEST_CASE(reports_unknown_field) {
  std::string error = only_error(load(R"([[rule]]
id = "f"
kind = "count"
pattern = '(?P<value>[0-9]+)(?P<unit>个)'
prio = 3
)"));
  BOOST_TEST(error == "user.toml:5:1: rule f: unknown field 'prio'");
}

BOOST_AUTO_TEST_CASE(reports_unknown_unit) {
  std::string error = only_error(load(R"([units.time_limit]
"天" = "days"
)"));
  BOOST_TEST(error == "user.toml:2:7: unknown unit 'days' for kind time_limit");
  BOOST_TEST(only_error(load("[units.money]\n\"镑\" = \"pound\"\n")).find("unknown unit 'pound'") !=
             std::string::npos);
}

// A kind's canonical units are data: another file may add one, and units may name it.
BOOST_AUTO_TEST_CASE(a_file_adds_a_canonical_unit) {
  quantex::RuleSet rules = load_ok(R"([language.kinds]
time_limit = ["quarter"]

[units.time_limit]
"个季度" = "quarter"
)");
  BOOST_REQUIRE(rules.unit("time_limit", "个季度") != nullptr);
  BOOST_TEST(rules.unit("time_limit", "个季度")->canonical == "quarter");
}

BOOST_AUTO_TEST_CASE(reports_unknown_unit_in_example) {
  std::string error = only_error(load(R"([[rule]]
id = "e"
kind = "count"
pattern = '(?P<value>[0-9]+)(?P<unit>个)'
examples = [{ text = "3个", value = 3, unit = "份" }]
)"));
  BOOST_TEST(error == "user.toml:5:13: rule e: unknown unit '份' in example");
}

BOOST_AUTO_TEST_CASE(reports_duplicate_id) {
  std::string error = only_error(load(R"([[rule]]
id = "d"
kind = "count"
pattern = '(?P<value>[0-9]+)(?P<unit>个)'

[[rule]]
id = "d"
kind = "count"
pattern = '(?P<value>[0-9]+)(?P<unit>家)'
)"));
  BOOST_TEST(error == "user.toml:6:1: rule d: duplicate id, first defined at user.toml:1:1");
}

BOOST_AUTO_TEST_CASE(reports_unknown_fragment) {
  std::string error = only_error(load(R"([[rule]]
id = "u"
kind = "count"
pattern = '(?P<value>{digits})(?P<unit>个)'
)"));
  BOOST_TEST(error == "user.toml:4:11: rule u: unknown fragment {digits}");
}

BOOST_AUTO_TEST_CASE(reports_cyclic_fragment) {
  std::string error = only_error(load(R"([fragments]
a = 'x{b}'
b = 'y{a}'

[[rule]]
id = "cycle"
kind = "count"
pattern = '(?P<value>{a})(?P<unit>个)'
)"));
  BOOST_TEST(error.find("rule cycle: fragment {a} refers to itself") != std::string::npos, error);
}

BOOST_AUTO_TEST_CASE(reports_unknown_qualifier_table) {
  std::string error = only_error(load(R"([[rule]]
id = "q"
kind = "count"
pattern = '(?P<value>[0-9]+)(?P<unit>个)'
qualifiers_after = ["after"]
)"));
  BOOST_TEST(error == "user.toml:5:21: rule q: unknown qualifier table 'after'");
}

BOOST_AUTO_TEST_CASE(reports_unknown_unit_table) {
  std::string error = only_error(load(R"([[rule]]
id = "t"
kind = "area"
pattern = '(?P<value>[0-9]+)(?P<unit>平方米)'
)"));
  BOOST_TEST(error == "user.toml:1:1: rule t: unknown unit table for kind area");
}

BOOST_AUTO_TEST_CASE(reports_missing_groups_and_fields) {
  auto loaded = load(R"([[rule]]
id = "m"
kind = "count"
pattern = '[0-9]+个'
)");
  BOOST_REQUIRE(!loaded.rules.has_value());
  BOOST_TEST(loaded.errors.size() == 2u);  // no value group, no unit group
  BOOST_TEST(only_error(load("[[rule]]\nkind = \"count\"\npattern = 'x'\n")) ==
             "user.toml:1:1: rule has no id");
}

BOOST_AUTO_TEST_CASE(reports_conflicting_qualifier) {
  std::string error = only_error(load("[qualifiers.after]\n\"约\" = \"<=\"\n"));
  BOOST_TEST(error == "user.toml:2:7: qualifier 约 already means ~");
}

BOOST_AUTO_TEST_CASE(reports_unknown_table) {
  BOOST_TEST(only_error(load("[unit.count]\n\"个\" = \"个\"\n")) ==
             "user.toml:1:2: unknown table [unit]");
}

BOOST_AUTO_TEST_CASE(default_rules_load) {
  std::vector<std::string> errors;
  auto rules = quantex::RuleSet::load(quantex::default_rule_sources(), errors);
  BOOST_TEST(errors.empty());
  BOOST_REQUIRE(rules.has_value());
  BOOST_TEST(rules->rules().size() > 20u);
}

}  // namespace
