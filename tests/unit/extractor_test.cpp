// The extractor end to end on text: positions in code points of the text as written,
// context, kind filter, loan tags (shared by a clause's records), subjects, invisible characters
// and spaced-out numerals.
#define BOOST_TEST_MODULE extractor
#include "quantex/extractor.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "default_rules.hpp"
#include "quantex/collector.hpp"
#include "quantex/utf8.hpp"

namespace {

std::vector<quantex::OwnedRecord> extract(const std::string& text,
                                          quantex::ExtractOptions options = {}) {
  quantex::Extractor extractor(test::default_matcher(), options);
  quantex::MemorySource source(text);
  quantex::LineReader lines(source, {.marks = &test::default_language().marks});
  quantex::Collector collector;
  extractor.extract("doc", lines, collector);
  return collector.records();
}

// The code points [start, end) of text, as Python's text[start:end] would give them.
std::string slice(const std::string& text, std::uint64_t start, std::uint64_t end) {
  std::size_t pos = 0;
  std::string out;
  for (std::uint64_t i = 0; pos < text.size() && i < end; ++i) {
    std::size_t begin = pos;
    quantex::utf8::next(text, pos);
    if (i >= start) out.append(text, begin, pos - begin);
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(offsets_slice_the_text_as_written) {
  std::string text = "第一行\n审批时限由20个工作日压减至8个工作日，贷款28.6亿元。\n引进人才300余名";
  auto records = extract(text);
  BOOST_REQUIRE_EQUAL(records.size(), 3u);
  for (const auto& r : records) BOOST_TEST(slice(text, r.start, r.end) == r.text);
  BOOST_TEST(records[0].line == 2u);
  BOOST_TEST(records[0].col == 6u);
  BOOST_TEST(records[0].value.to_string() == "8");
  BOOST_TEST(records[0].from->to_string() == "20");
  BOOST_TEST(records[0].subject == "审批时限");
  BOOST_TEST(records[1].value.to_string() == "2860000000");
  BOOST_TEST(records[2].line == 3u);
  BOOST_TEST(quantex::op_symbol(records[2].op) == ">");
}

BOOST_AUTO_TEST_CASE(invisible_characters_stay_in_the_text_but_not_in_the_value) {
  std::string text = "民间投资增长4\uE0102%，新增1\u200B246家";
  auto records = extract(text);
  BOOST_REQUIRE_EQUAL(records.size(), 2u);
  BOOST_TEST(records[0].text == "4\uE0102%");
  BOOST_TEST(records[0].value.to_string() == "42");
  BOOST_TEST(records[1].value.to_string() == "1246");
  for (const auto& r : records) BOOST_TEST(slice(text, r.start, r.end) == r.text);
}

BOOST_AUTO_TEST_CASE(spaces_inside_chinese_numerals_are_read_through) {
  auto records = extract("比重提高到百 分 之 三 十 五");
  BOOST_REQUIRE_EQUAL(records.size(), 1u);
  BOOST_TEST(records[0].value.to_string() == "35");
  BOOST_TEST(records[0].text == "百 分 之 三 十 五");
}

BOOST_AUTO_TEST_CASE(a_comma_between_digits_does_not_end_the_clause) {
  auto records = extract("新增企业１，２４６家，贷款1,500万元，其中3,5家");
  BOOST_REQUIRE_EQUAL(records.size(), 3u);
  BOOST_TEST(records[0].value.to_string() == "1246");
  BOOST_TEST(records[1].value.to_string() == "15000000");
  BOOST_TEST(records[2].text == "5家");  // 3,5 is not a number: the comma parts two
}

BOOST_AUTO_TEST_CASE(context_is_the_sentence) {
  quantex::ExtractOptions options;
  options.context = true;
  auto records = extract("前一句。本句新增企业12家！后一句", options);
  BOOST_REQUIRE_EQUAL(records.size(), 1u);
  BOOST_TEST(records[0].context == "本句新增企业12家！");
}

BOOST_AUTO_TEST_CASE(kind_filter_keeps_only_those_kinds_and_claims_stay) {
  quantex::ExtractOptions options;
  options.kinds = {"count"};
  auto records = extract("5个工作日内办结，新增3家", options);
  BOOST_REQUIRE_EQUAL(records.size(), 1u);  // 5个 stays part of the time limit
  BOOST_TEST(records[0].text == "3家");
}

BOOST_AUTO_TEST_CASE(money_about_loans_is_tagged) {
  auto records = extract("为企业发放贷款3亿元，财政补助2亿元");
  BOOST_REQUIRE_EQUAL(records.size(), 2u);
  BOOST_TEST(records[0].tags == std::vector<std::string>{"loan"}, boost::test_tools::per_element());
  BOOST_TEST(records[1].tags.empty());
}

// The records of one clause share its tags; the next clause, and the same place in the next
// line, are read again.
BOOST_AUTO_TEST_CASE(records_of_one_clause_share_its_tags_and_no_other_clause_does) {
  auto records =
      extract("发放贷款3亿元和5亿元，财政补助2亿元和4亿元\n发放贷款6亿元\n财政补助6亿元");
  BOOST_REQUIRE_EQUAL(records.size(), 6u);
  const std::vector<std::string> loan{"loan"}, none;
  for (std::size_t i = 0; i < records.size(); ++i) {
    BOOST_TEST_INFO(records[i].text << " on line " << records[i].line);
    BOOST_TEST(records[i].tags == (i < 2 || i == 4 ? loan : none),
               boost::test_tools::per_element());
  }
}

// A cue inside a word that means something else tags nothing: 金融资产 holds 融资, 存贷款
// are deposits and loans together.
BOOST_AUTO_TEST_CASE(a_cue_inside_another_word_tags_nothing) {
  for (const char* text : {"金融资产规模超过9.5万亿元", "本外币存贷款余额分别达38.7万亿元",
                           "存、贷款余额分别突破1.5万亿元", "信贷保险收入12亿元"}) {
    auto records = extract(text);
    BOOST_REQUIRE_EQUAL(records.size(), 1u);
    BOOST_TEST(records[0].tags.empty(), text);
  }
  auto both = extract("盘活金融资产，发放贷款3亿元");
  BOOST_REQUIRE_EQUAL(both.size(), 1u);
  BOOST_TEST(both[0].tags == std::vector<std::string>{"loan"}, boost::test_tools::per_element());
}

// A qualifier that ends a longer word of the language is none: 签约 and 节约 hold 约 (about).
BOOST_AUTO_TEST_CASE(a_qualifier_inside_a_word_is_none) {
  for (const char* text : {"集中签约45个项目", "每年节约3000万元"}) {
    auto records = extract(text);
    BOOST_REQUIRE_EQUAL(records.size(), 1u);
    BOOST_TEST((records[0].op == quantex::Op::kEqual), text);
    BOOST_TEST(records[0].text.find("约") == std::string::npos, text);
  }
  auto about = extract("签约金额约30亿元");
  BOOST_REQUIRE_EQUAL(about.size(), 1u);
  BOOST_TEST(about[0].text == "约30亿元");
}

BOOST_AUTO_TEST_CASE(exclusions_leave_no_record) {
  BOOST_TEST(extract("2021年6月30日，第3批，7×24小时，“三项制度”，12345热线").empty());
}

// A clause far longer than any of a report (a table pasted without punctuation) is searched
// in pieces; the cuts fall where a number starts, so no number loses its digits or unit.
BOOST_AUTO_TEST_CASE(a_clause_without_punctuation_is_searched_whole_numbers_intact) {
  const std::pair<std::string, std::string> items[] = {
      {"新增企业3家", "3家"}, {"办件12345件", "12345件"}, {"增长8.5%以上", "8.5%以上"}};
  for (const auto& [item, indicator] : items) {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += item;  // 16 to 30 KB in one clause
    auto records = extract(text);
    BOOST_REQUIRE_EQUAL(records.size(), 2000u);
    for (const auto& r : records) BOOST_TEST(r.text == indicator);
  }
}

// Positions map back through every character cleaning removed before them; a line of a
// spaced-out table holds thousands of removals, invisible characters among them.
BOOST_AUTO_TEST_CASE(positions_hold_across_thousands_of_removals) {
  std::string text;
  for (int i = 0; i < 1500; ++i) text += i % 3 == 0 ? "新增企业 3 家，" : "贷款\u200B2 亿元，";
  auto records = extract(text);
  BOOST_REQUIRE_EQUAL(records.size(), 1500u);
  for (const auto& r : records) {
    BOOST_TEST(slice(text, r.start, r.end) == r.text);
    BOOST_TEST((r.text == "3 家" || r.text == "2 亿元"), r.text);
  }
}

// Tags and context look at the clause or sentence around a record, but no further than
// 4 KB each way: a line without punctuation can be megabytes long.
BOOST_AUTO_TEST_CASE(tags_and_context_look_no_further_than_4_kb_each_way) {
  std::string filler;
  for (int i = 0; i < 3000; ++i) filler += "新增企业3家";  // 51 KB, one sentence
  quantex::ExtractOptions options;
  options.context = true;
  auto records = extract(filler + "发放贷款5亿元" + filler, options);
  BOOST_REQUIRE_EQUAL(records.size(), 6001u);
  const auto& loan = records[3000];
  BOOST_TEST(loan.text == "5亿元");
  BOOST_TEST(loan.tags == std::vector<std::string>{"loan"}, boost::test_tools::per_element());
  BOOST_TEST(loan.context.find("发放贷款5亿元") != std::string::npos);
  for (const auto& r : records) BOOST_TEST(r.context.size() <= 2 * 4096 + r.text.size() + 6);
}

// A tag's cue reaches its number across a clause of any length up to 512 bytes each way,
// and no mark may stand between them: past a short walk, the line's marks decide.
BOOST_AUTO_TEST_CASE(a_tag_cue_reaches_across_a_long_clause_but_not_a_mark) {
  auto filler = [](int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += "持续优化营商环境";  // 24 bytes, no cue, no number
    return out;
  };
  auto records = extract("发放贷款" + filler(12) + "5亿元\n" +  // 288 bytes before
                         "发放贷款" + filler(25) + "6亿元\n" +  // 600 bytes before
                         "发放贷款" + filler(6) + "。" + filler(6) + "7亿元\n" + "8亿元" +
                         filler(12) + "用于贷款贴息\n");  // 288 bytes after
  BOOST_REQUIRE_EQUAL(records.size(), 4u);
  const std::vector<std::string> loan{"loan"}, none;
  BOOST_TEST(records[0].tags == loan, boost::test_tools::per_element());
  BOOST_TEST(records[1].tags == none, boost::test_tools::per_element());
  BOOST_TEST(records[2].tags == none, boost::test_tools::per_element());
  BOOST_TEST(records[3].tags == loan, boost::test_tools::per_element());
}

// Once a record of a line has needed the line's marks (its clause reached past the short
// walk), the marks answer for the line's later records: each gets the tags it gets on a
// line of its own, where it walks.
BOOST_AUTO_TEST_CASE(records_after_the_line_marks_are_found_are_tagged_as_alone) {
  auto filler = [](int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += "持续优化营商环境";  // 24 bytes, no cue, no number
    return out;
  };
  const std::vector<std::string> pieces = {
      filler(12) + "4亿元" + filler(12),    // no mark within the walk: marks found
      "，发放贷款" + filler(12) + "5亿元",  // cue 288 bytes before
      "，发放贷款" + filler(25) + "6亿元",  // cue 600 bytes before
      "，发放贷款" + filler(6) + "，" + filler(6) + "7亿元",  // a mark between
      "，贷款9亿元",                                          // cue within the walk
      "，8亿元" + filler(12) + "用于贷款贴息",                // cue 288 bytes after
      "，3亿元" + filler(25) + "用于贷款贴息",                // cue 600 bytes after
  };
  std::string one_line, own_lines;
  for (const std::string& piece : pieces) {
    one_line += piece;
    own_lines += piece + "\n";
  }
  auto together = extract(one_line + "\n");
  auto alone = extract(own_lines);
  BOOST_REQUIRE_EQUAL(together.size(), pieces.size());
  BOOST_REQUIRE_EQUAL(alone.size(), pieces.size());
  const std::vector<std::string> loan{"loan"}, none;
  const std::vector<std::vector<std::string>> expected = {none, loan, none, none, loan, loan, none};
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    BOOST_TEST(together[i].tags == expected[i], "record " << i << " on one line");
    BOOST_TEST(alone[i].tags == expected[i], "record " << i << " alone");
  }
}
