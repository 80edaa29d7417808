// The matcher on text in memory: each rule's groups numbered as its pattern numbers them, a
// user's pattern compiled before any input while a built-in one waits for its first use, no
// match across a clause mark, clauses without a numeral left unread, the prefilter letting
// through only rules whose literals occur, exclusions run only where an indicator matched,
// tags that see their clause outside their except words, and groups remembered as RE2 finds
// them, also where a pattern's digits are alike and numbers share what is remembered.
#define BOOST_TEST_MODULE matcher
#include "quantex/matcher.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace {

const char* const kBase = R"(
[language]
clause_marks = "，。,"
sentence_marks = "。"

[language.numerals]
arabic_separators = ","

[fragments]
num = '[0-9][0-9,]*'

[units.count]
"个" = "个"
"家" = "家"
)";

struct Compiled {
  std::optional<quantex::RuleSet> rules;
  std::optional<quantex::Matcher> matcher;
  std::vector<std::string> errors;
};

// Rules is kept on the heap: the matcher refers to it.
std::unique_ptr<Compiled> compile(const std::string& text, bool built_in = false) {
  auto out = std::make_unique<Compiled>();
  out->rules =
      quantex::RuleSet::load({{"base.toml", kBase}, {"user.toml", text, built_in}}, out->errors);
  if (!out->rules) return out;
  // A matcher refers to its rules, so it is moved into place, not assigned.
  if (auto matcher = quantex::Matcher::compile(*out->rules, 2, out->errors)) {
    out->matcher.emplace(std::move(*matcher));
  }
  return out;
}

// What each hit's value group captured, as "rule=value".
std::vector<std::string> values(const quantex::Matcher& matcher, const std::string& line) {
  quantex::Matcher::Matches found;
  matcher.find(line, found);
  std::vector<std::string> out;
  for (const auto& hit : found.hits) {
    out.push_back(hit.rule->id + "=" + std::string(found.group(hit, hit.numbers->value)));
  }
  return out;
}

const char* const kCount = R"(
[[rule]]
id = "count"
kind = "count"
pattern = '(?P<value>{num})(?P<unit>{units.count})'
)";

BOOST_AUTO_TEST_CASE(numbers_groups_as_the_pattern_does) {
  // The fragment's own group comes first: value is 1, its inner group 2, unit 3.
  auto c = compile(R"(
[fragments]
digits = '([0-9]+)'

[[rule]]
id = "c"
kind = "count"
pattern = '(?P<value>{digits})(?P<unit>{units.count})'
)");
  BOOST_REQUIRE(c->matcher);
  quantex::Matcher::Matches found;
  c->matcher->find("新增企业12家", found);
  BOOST_REQUIRE_EQUAL(found.hits.size(), 1u);
  const auto& hit = found.hits.front();
  BOOST_TEST(hit.numbers->value == 1);
  BOOST_TEST(hit.numbers->unit == 3);
  BOOST_TEST(found.group(hit, hit.numbers->value) == "12");
  BOOST_TEST(found.group(hit, hit.numbers->unit) == "家");
  BOOST_TEST(found.whole(hit) == "12家");
}

// \p{L}{1000} parses and compiles; four of them in a row exceed RE2's memory budget. A
// user's file says so before any input is read; a built-in file was compiled by the build,
// so its patterns wait for their first use.
BOOST_AUTO_TEST_CASE(a_users_pattern_compiles_before_any_input) {
  const std::string huge = R"(
[fragments]
letters = '\p{L}{1000}'

[[rule]]
id = "huge"
kind = "count"
pattern = '{letters}{letters}{letters}{letters}(?P<value>{num})(?P<unit>个)'
)";
  auto user = compile(huge);
  BOOST_TEST(!user->matcher.has_value());
  BOOST_REQUIRE_EQUAL(user->errors.size(), 1u);
  BOOST_TEST(user->errors.front().starts_with(
                 "user.toml:8:11: rule huge: invalid pattern: pattern too large"),
             user->errors.front());
  auto built_in = compile(huge, true);
  BOOST_TEST(built_in->matcher.has_value());
}

BOOST_AUTO_TEST_CASE(no_match_crosses_a_clause_mark) {
  auto c = compile(R"(
[[rule]]
id = "gap"
kind = "count"
pattern = '(?P<value>{num})[^0-9]*?(?P<unit>家)'
)");
  BOOST_REQUIRE(c->matcher);
  BOOST_TEST(values(*c->matcher, "共3户企业家") == std::vector<std::string>{"gap=3"});
  BOOST_TEST(values(*c->matcher, "共3户，企业家").empty());
  // A comma between two digits belongs to the number.
  BOOST_TEST(values(*c->matcher, "共1,246家") == std::vector<std::string>{"gap=1,246"});
}

BOOST_AUTO_TEST_CASE(a_clause_without_a_numeral_is_not_read) {
  auto c = compile(R"(
[[rule]]
id = "words"
kind = "count"
pattern = '(?P<value>若干)(?P<unit>家)'
)");
  BOOST_REQUIRE(c->matcher);
  BOOST_TEST(values(*c->matcher, "新增若干家").empty());
  BOOST_TEST(values(*c->matcher, "新增若干家3") == std::vector<std::string>{"words=若干"});
}

BOOST_AUTO_TEST_CASE(the_prefilter_lets_through_rules_whose_literals_occur) {
  quantex::Prefilter prefilter;
  std::vector<const RE2*> compiled = prefilter.compile({"(?P<value>[0-9]+)家", "[0-9]+亿元"}, 2);
  BOOST_REQUIRE(compiled[0] != nullptr && compiled[1] != nullptr);
  std::vector<int> literals, rules;
  prefilter.find_literals("新增企业12家", literals);
  prefilter.candidates(literals, rules);
  BOOST_TEST(rules == std::vector<int>{0});
  prefilter.find_literals("贷款28.6亿元，新增12家", literals);
  prefilter.candidates(literals, rules);
  BOOST_TEST(rules == (std::vector<int>{0, 1}));
  prefilter.find_literals("无", literals);
  prefilter.candidates(literals, rules);
  BOOST_TEST(rules.empty());
}

BOOST_AUTO_TEST_CASE(exclusions_run_only_where_an_indicator_matched) {
  auto c = compile(std::string(kCount) + R"(
[[rule]]
id = "year"
kind = "exclude"
pattern = '[0-9]{4}年'
)");
  BOOST_REQUIRE(c->matcher);
  quantex::Matcher::Matches found;
  c->matcher->find("2024年，2023年新增3家", found);
  std::vector<std::string> ids;
  for (const auto& hit : found.hits) ids.push_back(hit.rule->id);
  BOOST_TEST(ids == (std::vector<std::string>{"count", "year"}));
}

BOOST_AUTO_TEST_CASE(tags_see_their_clause_outside_their_except_words) {
  auto c = compile(std::string(kCount) + R"(
[[tag]]
name = "loan"
kinds = ["count"]
clause = '贷款|融资'
except = ["金融资产"]
)");
  BOOST_REQUIRE(c->matcher);
  BOOST_TEST(c->matcher->tags(0, "向3家企业发放贷款"));
  BOOST_TEST(!c->matcher->tags(0, "金融资产规模3家"));
  BOOST_TEST(c->matcher->tags(0, "金融资产和融资3家"));
  BOOST_TEST(!c->matcher->tags(0, "新增3家"));
}

}  // namespace

// The groups a match is given from memory are those RE2 finds: the same text matched after
// another character (here ^ decides which group takes the a) or before one (\b) is another
// case, and a group that took no part stays null while an empty one points into the text.
BOOST_AUTO_TEST_CASE(remembered_groups_are_those_re2_finds) {
  RE2 regex(R"((?:^(a)|(a))(b?)(c)?\b)");
  BOOST_REQUIRE(regex.ok());
  const int count = 1 + regex.NumberOfCapturingGroups();
  quantex::detail::GroupSpans spans;
  int checked = 0;
  for (int round = 0; round < 2; ++round) {  // the second round is answered from memory
    for (std::string text : {"abc", "-abc", "-ac", "ab", "-ab", "-ac-", "-acx", "abc"}) {
      const re2::StringPiece clause(text);
      std::vector<re2::StringPiece> expected(count), actual(count);
      bool matched = regex.Match(clause, 0, clause.size(), RE2::UNANCHORED, expected.data(), count);
      BOOST_REQUIRE_EQUAL(matched,
                          regex.Match(clause, 0, clause.size(), RE2::UNANCHORED, actual.data(), 1));
      if (!matched) continue;
      spans.fill(regex, 0, false, clause, actual.data(), count);
      for (int g = 0; g < count; ++g) {
        BOOST_TEST_INFO(text << " group " << g);
        BOOST_CHECK(actual[g].data() == expected[g].data());
        BOOST_CHECK_EQUAL(actual[g].size(), expected[g].size());
      }
      ++checked;
    }
  }
  BOOST_CHECK_EQUAL(checked, 14);
}

// A pattern has its digits alike only where no class or literal of it names some digits and
// not others; where it cannot be sure, it says no.
BOOST_AUTO_TEST_CASE(digits_alike_only_where_no_digit_stands_apart) {
  for (const char* alike :
       {R"((?P<value>[0-9]+(?:\.[0-9]+)?)(?P<unit>个|家))", R"(\d{1,3}(?:,\d{3})+)",
        R"([^0-9０-９]{0,7}的)", R"([[:digit:]]+%)", R"(\p{Nd}+|\pN)", R"([!-~]+)", R"([0-45-9]+)",
        R"((?P<v1>\d)(?<u2>个))", R"(\b[0-9]?\B)", R"(a{2,}b{3}\C)", R"([\-\]x]+)"}) {
    BOOST_TEST_INFO(alike);
    BOOST_CHECK(quantex::detail::digits_alike(alike));
  }
  for (const char* apart :
       {R"(19\d\d年)", R"([1-9][0-9]*)", R"(\x35)", R"(a{x5})", R"(a{,5})", R"(\Q2023\E)", R"([5])",
        R"(\061)", R"([\x30-\x39])", R"([^5])", R"([5\D])", R"([+-5])", R"([0-9)",
        R"([\d5])"}) {  // all digits, but not sure: \d is not read
    BOOST_TEST_INFO(apart);
    BOOST_CHECK(!quantex::detail::digits_alike(apart));
  }
}

// Remembered by their shape (every digit as 0), the groups of numbers that differ only in
// their digits are still those RE2 finds, where the pattern has its digits alike; a pattern
// that tells a 1 from a 2 keeps each text its own.
BOOST_AUTO_TEST_CASE(numbers_of_one_shape_share_their_groups_only_where_digits_are_alike) {
  const std::vector<std::string> texts = {"21个", "22个", "12个", "3.5个", "7.0个", "11个", "10个"};
  for (const char* pattern :
       {R"((?P<a>[0-9]*?)(?:\.[0-9])?(?P<b>[0-9]?)个)", R"((?P<a>[0-9]*?)(?:1)?(?P<b>[0-9]?)个)",
        R"((?P<a>[0-9]*?)(?:[0-1]\.)?(?P<b>[0-9.]*)个)"}) {
    RE2 regex(pattern);
    BOOST_REQUIRE(regex.ok());
    const int count = 1 + regex.NumberOfCapturingGroups();
    const bool alike = quantex::detail::digits_alike(pattern);
    quantex::detail::GroupSpans spans;
    for (int round = 0; round < 2; ++round) {
      for (const std::string& text : texts) {
        const re2::StringPiece clause(text);
        std::vector<re2::StringPiece> expected(count), actual(count);
        BOOST_REQUIRE(
            regex.Match(clause, 0, clause.size(), RE2::UNANCHORED, expected.data(), count));
        BOOST_REQUIRE(regex.Match(clause, 0, clause.size(), RE2::UNANCHORED, actual.data(), 1));
        spans.fill(regex, 0, alike, clause, actual.data(), count);
        for (int g = 1; g < count; ++g) {
          BOOST_TEST_INFO(pattern << " on " << text << " group " << g);
          BOOST_CHECK_EQUAL(std::string(actual[g].data(), actual[g].size()),
                            std::string(expected[g].data(), expected[g].size()));
        }
      }
    }
  }
}
