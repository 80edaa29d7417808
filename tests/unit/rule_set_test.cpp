// Loading rule files: fragment expansion, unit and qualifier tables, and every error a rule
// file can hold, whether loading or compiling finds it, each reported as FILE:LINE:COL: rule
// ID: WHAT.
#define BOOST_TEST_MODULE rule_set
#include "quantex/rule_set.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "quantex/matcher.hpp"

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

// The base and the text loaded and, if that went well, compiled: what quantex does before
// reading any input.
Loaded load(const std::string& text) {
  Loaded out;
  out.rules = quantex::RuleSet::load({{"base.toml", kBase}, {"user.toml", text}}, out.errors);
  if (out.rules && !quantex::Matcher::compile(*out.rules, 1, out.errors)) out.rules.reset();
  return out;
}

// The set the text loads into; the test stops at the first error if it does not load.
quantex::RuleSet load_ok(const std::string& text) {
  Loaded loaded = load(text);
  BOOST_REQUIRE_MESSAGE(loaded.rules.has_value(),
                        (loaded.errors.empty() ? std::string() : loaded.errors.front()));
  return std::move(*loaded.rules);
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
  BOOST_REQUIRE(rule.qualifiers_before.size() == 1u);
  BOOST_TEST(rule.qualifiers_before.front()->name == "before");
  BOOST_TEST(!rule.built_in);
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

// A piece the pattern makes optional requires nothing of a text: the skeleton the prefilter
// reads shows it as \C, whatever literals it holds, unless it holds a group.
BOOST_AUTO_TEST_CASE(skeleton_hides_optional_pieces) {
  quantex::RuleSet rules = load_ok(R"(
[fragments]
tail = '.{0,12}?的|目前'
named = '(?P<subject>企业)'

[[rule]]
id = "optional"
kind = "count"
pattern = '由(?:{tail})?(?P<value>{num})(?P<unit>个)(?:{named})?{tail}*'

[[rule]]
id = "required"
kind = "count"
pattern = '由{tail}(?P<value>{num})(?P<unit>个)'
)");
  const std::string& optional = rules.rules()[0].skeleton;
  BOOST_TEST(optional.find("(?:\\C)?") != std::string::npos);
  BOOST_TEST(optional.find("\\C*") != std::string::npos);
  BOOST_TEST(optional.find("(?P<subject>企业)") != std::string::npos);
  BOOST_TEST(optional.find("目前") == std::string::npos);
  BOOST_TEST(rules.rules()[1].skeleton.find("目前") != std::string::npos);
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

BOOST_AUTO_TEST_CASE(default_rules_load) {
  std::vector<std::string> errors;
  auto rules = quantex::RuleSet::load(quantex::default_rule_sources(), errors);
  BOOST_TEST(errors.empty());
  BOOST_REQUIRE(rules.has_value());
  BOOST_TEST(rules->rules().size() > 20u);
}

// A rule file with one problem, and the messages it must give: whole, or (with a trailing
// "...") the start of each.
struct BadFile {
  const char* name;
  const char* text;
  std::vector<std::string> errors;
};

std::ostream& operator<<(std::ostream& out, const BadFile& bad) { return out << bad.name; }

const std::vector<BadFile> kBadFiles = {
    {"bad TOML", "[[rule]]\nid = \"x\"\nkind = \n", {"user.toml:3:..."}},
    {"invalid pattern",
     "[[rule]]\nid = \"broken\"\nkind = \"count\"\npattern = '(?P<value>[0-9]+(?P<unit>个)'\n",
     {"user.toml:4:11: rule broken: invalid pattern: missing )..."}},
    // Repetitions that multiply past RE2's limit of 1000 only once the fragment is expanded
    // parse in the skeleton; compiling the pattern finds them, before any input is read.
    {"repetitions too deep once expanded",
     "[fragments]\ngap = '.{0,100}'\n\n[[rule]]\nid = \"wide\"\nkind = \"count\"\n"
     "pattern = '(?:{gap}){0,20}(?P<value>{num})(?P<unit>个)'\n",
     {"user.toml:7:11: rule wide: invalid pattern: invalid repetition size..."}},
    // A pattern that parses but is too large for RE2's memory budget.
    {"pattern too large",
     "[fragments]\nletters = '\\p{L}{1000}'\n\n[[rule]]\nid = \"huge\"\nkind = \"count\"\n"
     "pattern = '{letters}{letters}{letters}{letters}(?P<value>{num})(?P<unit>个)'\n",
     {"user.toml:7:11: rule huge: invalid pattern: pattern too large..."}},
    {"unknown group",
     "[[rule]]\nid = \"g\"\nkind = \"count\"\npattern = "
     "'(?P<value>[0-9]+)(?P<unit>个)(?P<amount>元)'\n",
     {"user.toml:4:11: rule g: unknown group (?P<amount>)"}},
    {"no value and no unit group",
     "[[rule]]\nid = \"m\"\nkind = \"count\"\npattern = '[0-9]+个'\n",
     {"user.toml:4:11: rule m: pattern has no (?P<value>) or (?P<max>) group",
      "user.toml:4:11: rule m: pattern has no (?P<unit>) group"}},
    {"half a range",
     "[[rule]]\nid = \"r\"\nkind = \"count\"\npattern = "
     "'(?P<min>[0-9]+)-(?P<value>[0-9]+)(?P<unit>个)'\n",
     {"user.toml:4:11: rule r: a range needs both (?P<min>) and (?P<max>)"}},
    {"unknown field",
     "[[rule]]\nid = \"f\"\nkind = \"count\"\npattern = '(?P<value>[0-9]+)(?P<unit>个)'\nprio = "
     "3\n",
     {"user.toml:5:1: rule f: unknown field 'prio'"}},
    {"unknown canonical unit",
     "[units.time_limit]\n\"天\" = \"days\"\n",
     {"user.toml:2:7: unknown unit 'days' for kind time_limit"}},
    {"unknown currency",
     "[units.money]\n\"镑\" = \"pound\"\n",
     {"user.toml:2:7: unknown unit 'pound' for kind money"}},
    {"unknown unit in an example",
     "[[rule]]\nid = \"e\"\nkind = \"count\"\npattern = '(?P<value>[0-9]+)(?P<unit>个)'\n"
     "examples = [{ text = \"3个\", value = 3, unit = \"份\" }]\n",
     {"user.toml:5:13: rule e: unknown unit '份' in example"}},
    {"duplicate id",
     "[[rule]]\nid = \"d\"\nkind = \"count\"\npattern = '(?P<value>[0-9]+)(?P<unit>个)'\n\n"
     "[[rule]]\nid = \"d\"\nkind = \"count\"\npattern = '(?P<value>[0-9]+)(?P<unit>家)'\n",
     {"user.toml:6:1: rule d: duplicate id, first defined at user.toml:1:1"}},
    {"unknown fragment",
     "[[rule]]\nid = \"u\"\nkind = \"count\"\npattern = '(?P<value>{digits})(?P<unit>个)'\n",
     {"user.toml:4:11: rule u: unknown fragment {digits}"}},
    {"cyclic fragment",
     "[fragments]\na = 'x{b}'\nb = 'y{a}'\n\n[[rule]]\nid = \"cycle\"\nkind = \"count\"\n"
     "pattern = '(?P<value>{a})(?P<unit>个)'\n",
     {"user.toml:2:5: rule cycle: fragment {a} refers to itself"}},
    {"unknown qualifier table",
     "[[rule]]\nid = \"q\"\nkind = \"count\"\npattern = '(?P<value>[0-9]+)(?P<unit>个)'\n"
     "qualifiers_after = [\"after\"]\n",
     {"user.toml:5:21: rule q: unknown qualifier table 'after'"}},
    {"unknown unit table",
     "[[rule]]\nid = \"t\"\nkind = \"area\"\npattern = '(?P<value>[0-9]+)(?P<unit>平方米)'\n",
     {"user.toml:1:1: rule t: unknown unit table for kind area"}},
    {"no id", "[[rule]]\nkind = \"count\"\npattern = 'x'\n", {"user.toml:1:1: rule has no id"}},
    {"conflicting qualifier",
     "[qualifiers.after]\n\"约\" = \"<=\"\n",
     {"user.toml:2:7: qualifier 约 already means ~"}},
    {"unknown table", "[unit.count]\n\"个\" = \"个\"\n", {"user.toml:1:2: unknown table [unit]"}},
    {"invalid tag clause",
     "[[tag]]\nname = \"loan\"\nkinds = [\"money\"]\nclause = '贷款('\n",
     {"user.toml:4:10: invalid pattern: missing )..."}},
    {"bad invisible range",
     "[language]\ninvisible_ranges = [[\"\\uF8FF\", \"\\uE000\"]]\n",
     {"user.toml:2:1: language.invisible_ranges must be a list of [first, last] characters"}},
    // Keys are read in name order: half, then zeros.
    {"deep dotted key",
     "[a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a."
     "a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a]\n",
     {"user.toml:1:131: a key nested more than 64 levels deep"}},
    {"deep arrays",
     "x = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]",
     {"user.toml:1:69: nested more than 64 levels deep"}},
    // toml++ 3.3 meets undefined behaviour asking whether such a character is whitespace.
    {"a letter outside quotes",
     "[units.count]\n\"个\" = \"个\" \u00e4\n",
     {"user.toml:2:11: a character that is not ASCII outside quotes (TOML allows none there)"}},
    {"numeral glyph given two roles",
     "[language.numerals]\nzeros = [\"零\"]\nhalf = [\"零\"]\n",
     {"user.toml:2:1: language.numerals.zeros: '零' already has a role"}},
};

BOOST_DATA_TEST_CASE(reports_each_problem_where_it_is, boost::unit_test::data::make(kBadFiles),
                     bad) {
  Loaded loaded = load(bad.text);
  BOOST_TEST(!loaded.rules.has_value());
  BOOST_REQUIRE_EQUAL(loaded.errors.size(), bad.errors.size());
  for (std::size_t i = 0; i < bad.errors.size(); ++i) {
    const std::string& want = bad.errors[i];
    const std::string& got = loaded.errors[i];
    if (want.ends_with("...")) {
      BOOST_TEST(got.starts_with(want.substr(0, want.size() - 3)), got);
    } else {
      BOOST_TEST(got == want);
    }
  }
}

}  // namespace
