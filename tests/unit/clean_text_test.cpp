// Cleaning: every character it removes goes wherever it stands in a line, and the characters
// that share its first bytes (quotes, dashes, 。，) stay. The scan tests blocks of bytes at
// once, so each is tried at every character position of a line several blocks long.
#define BOOST_TEST_MODULE clean_text
#include "quantex/clean_text.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "default_rules.hpp"

namespace {

// The marks of the default rules: which characters are spaces and which invisible.
const quantex::Marks& default_marks() { return test::default_language().marks; }

// 33 Chinese characters, 99 bytes: three blocks of the scan and a bit.
const std::string kLine = "全省营商环境持续优化审批时限压缩至五个工作日以内办结率达到九成以上";

// kLine with `inserted` before its character at byte `at`.
std::string with(const std::string& inserted, std::size_t at) {
  return kLine.substr(0, at) + inserted + kLine.substr(at);
}

std::string cleaned(const std::string& line, const quantex::Marks& marks = default_marks()) {
  quantex::CleanText clean(marks);
  clean.assign(line);
  return std::string(clean.text());
}

}  // namespace

BOOST_AUTO_TEST_CASE(invisible_characters_go_wherever_they_stand) {
  // Zero-width space and joiners, byte-order mark, soft hyphen, private use at both ends.
  for (const std::string invisible :
       {"\u200B", "\u200C", "\u200D", "\uFEFF", "\u00AD", "\uE000", "\uE010", "\uF8FF"}) {
    for (std::size_t at = 0; at <= kLine.size(); at += 3) {
      BOOST_TEST(cleaned(with(invisible, at)) == kLine, "inserted at byte " << at);
    }
  }
}

BOOST_AUTO_TEST_CASE(spaces_between_chinese_characters_go_wherever_they_stand) {
  for (const std::string space : {" ", "\t", "\u3000", "\u00A0", "  ", " \u3000"}) {
    for (std::size_t at = 3; at < kLine.size(); at += 3) {
      BOOST_TEST(cleaned(with(space, at)) == kLine, "inserted at byte " << at);
    }
  }
}

BOOST_AUTO_TEST_CASE(characters_that_share_their_first_bytes_stay) {
  // “ — … and U+200E share E2 80 with the zero-width ones; 。、 share E3 80 with U+3000;
  // ，（ U+FEFE and U+F900 share EF with U+FEFF and private use; © shares C2 with U+00A0.
  for (const std::string kept : {"\u201C", "\u2014", "\u2026", "\u200E", "\u3002", "\u3001",
                                 "\uFF0C", "\uFF08", "\uFEFE", "\uF900", "\u00A9"}) {
    for (std::size_t at = 0; at <= kLine.size(); at += 3) {
      std::string line = with(kept, at);
      BOOST_TEST(cleaned(line) == line, "inserted at byte " << at);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_space_stays_where_it_does_not_join_two_chinese_characters) {
  const std::string line = "Business environment 营商环境 report";
  BOOST_TEST(cleaned(line) == line);
}

// A number spaced out a digit at a time is one number; numbers that are several digits long
// stay apart.
BOOST_AUTO_TEST_CASE(spaces_inside_a_number_spaced_out_digit_by_digit_go) {
  BOOST_TEST(cleaned("法律草案6 6 个") == "法律草案66个");
  BOOST_TEST(cleaned("1 2 月2 0 日") == "12月20日");
  BOOST_TEST(cleaned("１ ２ ３项") == "１２３项");
  BOOST_TEST(cleaned("2019 2020年") == "2019 2020年");
  BOOST_TEST(cleaned("收入12 34元") == "收入12 34元");
}

BOOST_AUTO_TEST_CASE(positions_map_back_through_removals_in_every_block) {
  std::string line;
  std::vector<std::size_t> starts;  // where each 家 starts in the cleaned text
  std::string expected;
  for (int i = 0; i < 40; ++i) {
    line += "新增\u200B3 家";
    expected += "新增3家";
    starts.push_back(expected.size() - 3);
  }
  quantex::CleanText clean(default_marks());
  clean.assign(line);
  BOOST_REQUIRE(clean.text() == expected);
  for (std::size_t i = 0; i < starts.size(); ++i) {
    // Each item is 4 characters cleaned, 6 as written; 家 is the last of each.
    BOOST_TEST(clean.original_start(starts[i]) == 6 * i + 5);
    BOOST_TEST(clean.original(starts[i] - 1, starts[i] + 3) == "3 家");
  }
}

// Positions are asked mostly in text order, and the search for the removals before one
// starts from the last answer: asked in any order, near and far, backwards and forwards,
// each must map as it does when asked alone.
BOOST_AUTO_TEST_CASE(positions_map_back_in_any_order) {
  std::string line;
  std::vector<std::size_t> starts;  // where each 家 starts in the cleaned text
  for (int i = 0; i < 300; ++i) {
    line += "新增\u200B3 家";
    starts.push_back(10 * static_cast<std::size_t>(i) + 7);  // 新增3家 is 10 bytes
  }
  quantex::CleanText clean(default_marks());
  clean.assign(line);
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < starts.size(); i += 7) order.push_back(i);  // forwards
  for (std::size_t i = starts.size(); i-- > 0;) order.push_back(i);       // backwards
  for (std::size_t i = 0; i < starts.size(); ++i) order.push_back(i * 131 % starts.size());
  for (std::size_t i : order) {
    BOOST_TEST(clean.original_start(starts[i]) == 6 * i + 5);
    BOOST_TEST(clean.original_end(starts[i] + 3) == 6 * i + 6);
    BOOST_TEST(clean.original(starts[i] - 1, starts[i] + 3) == "3 家");
  }
}

// What is removed is the language's to say: characters a user declares, one at a time or as
// ranges of any length of UTF-8, go; their neighbours stay.
BOOST_AUTO_TEST_CASE(declared_characters_go_and_their_neighbours_stay) {
  quantex::Marks marks;
  marks.add_space(U' ');
  marks.add_invisible(U'\u2060');  // word joiner, E2 81 A0
  for (char32_t c = U'\uFE00'; c <= U'\uFE0F'; ++c) marks.add_invisible(c);  // selectors
  for (char32_t c = U'\u0300'; c <= U'\u036F'; ++c) marks.add_invisible(c);  // two bytes
  for (const std::string gone : {"\u2060", "\uFE00", "\uFE0F", "\u0300", "\u0345"}) {
    for (std::size_t at = 0; at <= kLine.size(); at += 3) {
      BOOST_TEST(cleaned(with(gone, at), marks) == kLine, "inserted at byte " << at);
    }
  }
  for (const std::string kept :
       {"\u2061", "\u205F", "\uFE10", "\uFDFF", "\u0370", "\u02FF", "\u200B", "\u3000"}) {
    for (std::size_t at = 0; at <= kLine.size(); at += 3) {
      std::string line = with(kept, at);
      BOOST_TEST(cleaned(line, marks) == line, "inserted at byte " << at);
    }
  }
}
