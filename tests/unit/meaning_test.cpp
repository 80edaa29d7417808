// The meaning stage over whole sentences and documents: the hand-written cases of
// tests/data/meaning_cases.jsonl (one construction each), a report whose review and plan parts
// decide target, the document kinds that set targets, the word lists a user may extend, and
// the lexicon's longest match.
#define BOOST_TEST_MODULE meaning
#include <simdjson.h>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "default_rules.hpp"
#include "quantex/collector.hpp"
#include "quantex/extractor.hpp"
#include "quantex/language.hpp"

namespace {

// The default rules and `extra`, with their matcher.
struct Loaded {
  std::optional<quantex::RuleSet> rules;
  std::optional<quantex::Matcher> matcher;
};

std::unique_ptr<Loaded> load(std::vector<quantex::RuleSource> extra) {
  std::vector<quantex::RuleSource> sources = quantex::default_rule_sources();
  sources.insert(sources.end(), extra.begin(), extra.end());
  std::vector<std::string> errors;
  auto loaded = std::make_unique<Loaded>();
  loaded->rules = quantex::RuleSet::load(sources, errors);
  if (loaded->rules) {
    if (auto matcher = quantex::Matcher::compile(*loaded->rules, 1, errors)) {
      loaded->matcher.emplace(std::move(*matcher));
    }
  }
  for (const std::string& error : errors) BOOST_TEST_MESSAGE(error);
  BOOST_REQUIRE(loaded->matcher);
  return loaded;
}

std::vector<quantex::OwnedRecord> extract(const quantex::Matcher& matcher,
                                          const std::string& text) {
  quantex::Extractor extractor(matcher, {});
  quantex::MemorySource source(text);
  quantex::LineReader lines(source, {.marks = &matcher.rules().language().marks});
  quantex::Collector collector;
  extractor.extract("doc", lines, collector);
  return collector.records();
}

// The first record whose text holds `text` (a record's text has its qualifiers, and a
// change's both numbers).
const quantex::OwnedRecord* find(const std::vector<quantex::OwnedRecord>& records,
                                 const std::string& text) {
  for (const auto& r : records) {
    if (r.text.find(text) != std::string::npos) return &r;
  }
  return nullptr;
}

struct Case {
  std::string name, text, record, subject, change;
  bool target = false;
};

std::ostream& operator<<(std::ostream& out, const Case& c) { return out << c.name; }

std::vector<Case> cases() {
  std::ifstream in(QUANTEX_TEST_DATA "/meaning_cases.jsonl");
  std::vector<Case> out;
  simdjson::dom::parser parser;
  for (std::string line; std::getline(in, line);) {
    simdjson::dom::element e = parser.parse(line);
    Case c;
    c.name = std::string(std::string_view(e["case"]));
    c.text = std::string(std::string_view(e["text"]));
    c.record = std::string(std::string_view(e["record"]));
    c.subject = std::string(std::string_view(e["subject"]));
    std::string_view change;
    if (e["change"].get(change) == simdjson::SUCCESS) c.change = change;
    bool target = false;
    if (e["target"].get(target) == simdjson::SUCCESS) c.target = target;
    out.push_back(c);
  }
  return out;
}

// The report's records, as many as expected, are goals on the lines goal() names and
// results on the others.
void expect_goals(const std::string& report, std::size_t expected,
                  const std::function<bool(std::uint64_t line)>& goal) {
  auto records = extract(test::default_matcher(), report);
  BOOST_REQUIRE_EQUAL(records.size(), expected);
  for (const auto& r : records) {
    BOOST_TEST(r.target == goal(r.line), "line " << r.line << " " << r.text);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(there_are_enough_cases) { BOOST_TEST(cases().size() >= 60u); }

BOOST_DATA_TEST_CASE(each_construction, boost::unit_test::data::make(cases()), c) {
  auto records = extract(test::default_matcher(), c.text + "\n");
  const quantex::OwnedRecord* r = find(records, c.record);
  BOOST_REQUIRE_MESSAGE(r != nullptr, "no record " << c.record << " in " << c.text);
  BOOST_TEST(r->subject == c.subject);
  BOOST_TEST(std::string(quantex::change_name(r->change)) == c.change);
  BOOST_TEST(r->target == c.target);
}

// A work report: its numbers are results in the review part and goals in the plan part,
// whatever its sentences say; a heading inside a part names a topic and changes nothing.
BOOST_AUTO_TEST_CASE(the_part_a_sentence_sits_in_decides_target) {
  std::string report =
      "2026年某某省政府工作报告\n"
      "各位代表：\n"
      "一、2025年工作回顾\n"
      "全省生产总值增长5.4%，新增城镇就业62万人。\n"
      "（一）扎实推进项目建设\n"
      "新开工重大项目320个。\n"
      "二、2026年工作安排\n"
      "全省生产总值增长5%左右，新增城镇就业60万人以上。\n"
      "（一）扎实推进项目建设\n"
      "新开工重大项目300个。\n"
      "今年以来已开工重大项目85个。\n"
      "全省财政收入比上年增长3.2%。\n";
  // Lines 11 and 12 say they are done: 已, and a base of comparison no goal word reaches.
  expect_goals(report, 8, [](std::uint64_t line) { return line >= 8 && line < 11; });
}

// A report reviews first and plans after: a part headed by its task alone, after a review,
// is a part of the plan; before any part said which, the document decides.
BOOST_AUTO_TEST_CASE(a_part_headed_by_its_task_after_a_review_is_a_plan) {
  std::string report =
      "2001年某某市政府工作报告\n"
      "二○○一年是实施第十个五年计划的第一年。\n"
      "一、2000年工作回顾\n"
      "全市生产总值增长9.1%。\n"
      "二、坚持扩大内需的方针\n"
      "全市生产总值增长8%左右。\n"
      "三、大力推进经济结构调整\n"
      "新建高新技术企业50家。\n";
  expect_goals(report, 3, [](std::uint64_t line) { return line >= 6; });
  auto headed_by_a_task_first = extract(
      test::default_matcher(), "某市政府工作报告\n一、坚持扩大内需的方针\n新建学校12所。\n");
  BOOST_REQUIRE_EQUAL(headed_by_a_task_first.size(), 1u);
  BOOST_TEST(!headed_by_a_task_first[0].target);
}

// A page saved in GBK writes each no-break space it cannot hold as <U+00A0>: an indent of
// them, among spaces or not, before a heading leaves it a heading (four of them make a line
// too long to be read as a heading otherwise).
BOOST_AUTO_TEST_CASE(an_indent_written_as_escapes_leaves_a_heading) {
  std::string report =
      "2011年某某市政府工作报告\n"
      "<U+00A0><U+00A0><U+00A0><U+00A0>一、2010年工作回顾\n"
      "全市生产总值增长9.1%。\n"
      "<U+00A0><U+00A0>　<U+00A0><U+00A0>二、坚持扩大内需的方针\n"
      "全市生产总值增长8%左右。\n";
  expect_goals(report, 2, [](std::uint64_t line) { return line >= 5; });
}

// In a part that reviews, a word of effort (努力, 力争) tells of an effort made and reaches
// its own clause only; an expectation (预计) and any goal word in a part that plans reach
// the sentence. 主要工作 names no part by itself.
BOOST_AUTO_TEST_CASE(a_goal_word_in_a_review_reaches_its_clause) {
  std::string report =
      "2026年某某省政府工作报告\n"
      "一、2025年工作回顾\n"
      "我们努力稳住经济大盘，全省生产总值增长5.1%，力争全年出口增长3%的目标顺利实现。\n"
      "预计全年进口增长2%。\n"
      "二、2026年主要工作\n"
      "我们努力稳住经济大盘，全省生产总值增长5%左右。\n";
  auto records = extract(test::default_matcher(), report);
  BOOST_REQUIRE_EQUAL(records.size(), 4u);
  BOOST_TEST(records[0].text == "5.1%");
  BOOST_TEST(!records[0].target);  // after 努力…, in a clause of its own: a result
  BOOST_TEST(records[1].text == "3%");
  BOOST_TEST(records[1].target);  // 力争 in its own clause: the goal it was
  BOOST_TEST(records[2].text == "2%");
  BOOST_TEST(records[2].target);  // an expectation, even in a review
  BOOST_TEST(records[3].text == "5%左右");
  BOOST_TEST(records[3].target);  // in the plan
}

// A plan or a regulation sets goals and requirements throughout; a report reports.
BOOST_AUTO_TEST_CASE(the_title_says_what_a_document_is) {
  auto plan =
      extract(test::default_matcher(), "某区优化营商环境实施方案\n审批时限压缩至5个工作日。\n");
  BOOST_REQUIRE_EQUAL(plan.size(), 1u);
  BOOST_TEST(plan[0].target);
  auto regulation = extract(test::default_matcher(), "# 某市优化营商环境条例\n公示期为二十日。\n");
  BOOST_REQUIRE_EQUAL(regulation.size(), 1u);
  BOOST_TEST(regulation[0].target);
  auto report =
      extract(test::default_matcher(), "关于落实审议意见情况的报告\n审批时限压缩至5个工作日。\n");
  BOOST_REQUIRE_EQUAL(report.size(), 1u);
  BOOST_TEST(!report[0].target);
}

// JSON Lines documents each start fresh: a plan document does not make the next one a plan.
BOOST_AUTO_TEST_CASE(each_document_starts_fresh) {
  quantex::Extractor extractor(test::default_matcher(), {});
  quantex::Collector collector;
  for (std::string text : {"某市工作方案\n新建学校12所。\n", "新建学校12所。\n"}) {
    quantex::MemorySource source(text);
    quantex::LineReader lines(source, {.marks = &test::default_language().marks});
    extractor.extract("doc", lines, collector);
  }
  BOOST_REQUIRE_EQUAL(collector.records().size(), 2u);
  BOOST_TEST(collector.records()[0].target);
  BOOST_TEST(!collector.records()[1].target);
}

// A user teaches quantex a verb and a heading with -a, without touching C++.
BOOST_AUTO_TEST_CASE(users_extend_the_word_lists) {
  std::string text = "十、来年打算\n投运储能电站9座。\n";
  auto before = extract(test::default_matcher(), text);
  BOOST_REQUIRE_EQUAL(before.size(), 1u);
  BOOST_TEST(before[0].subject == "投运储能电站");
  BOOST_TEST(before[0].target);  // 打算 is a plan heading already

  auto extended = load({{"mine.toml",
                         "[meaning.words]\n"
                         "verbs = [\"投运\"]\n"
                         "review_headings = [\"来年打算\"]\n"}});
  auto after = extract(*extended->matcher, text);
  BOOST_REQUIRE_EQUAL(after.size(), 1u);
  BOOST_TEST(after[0].subject == "储能电站");
  BOOST_TEST(!after[0].target);  // the longer heading word wins
}

BOOST_AUTO_TEST_CASE(a_rule_that_names_its_subject_keeps_it) {
  auto set = load({{"mine.toml",
                    "[[rule]]\n"
                    "id = \"mine.branches\"\n"
                    "kind = \"count\"\n"
                    "priority = 22\n"
                    "pattern = '(?P<subject>银行网点)(?P<value>{count_value})(?P<unit>家)'\n"}});
  auto records = extract(*set->matcher, "全年新设银行网点3家。\n");
  BOOST_REQUIRE_EQUAL(records.size(), 1u);
  BOOST_TEST(records[0].subject == "银行网点");
}

// In 由3个部门审批的30天压缩至10天 the change's 由 stands before the count read before it,
// so the pass over the line goes back for it: to where it stood after the last clause mark,
// with the cues it had (力争 before the comma makes both numbers a goal). A line of many
// such sentences reads each as it reads alone.
BOOST_AUTO_TEST_CASE(a_change_around_another_record_reads_as_alone_in_a_long_line) {
  auto set = load({});
  const std::vector<std::string> sentences = {"力争，将审批由3个部门审批的30天压缩至10天。",
                                              "去年，已将审批由2个部门审批的20天压缩至5天。"};
  std::vector<std::vector<quantex::OwnedRecord>> alone;
  std::string line;
  for (const std::string& sentence : sentences) {
    alone.push_back(extract(*set->matcher, sentence + "\n"));
    BOOST_REQUIRE_EQUAL(alone.back().size(), 2u);
  }
  BOOST_TEST(alone[0][1].target);
  BOOST_TEST(!alone[1][1].target);
  for (int i = 0; i < 40; ++i) line += sentences[0] + sentences[1];
  auto records = extract(*set->matcher, line + "\n");
  BOOST_REQUIRE_EQUAL(records.size(), 40u * 4u);
  for (std::size_t r = 0; r < records.size(); ++r) {
    const quantex::OwnedRecord& expected = alone[r / 2 % 2][r % 2];
    BOOST_TEST(records[r].text == expected.text);
    BOOST_TEST(records[r].subject == expected.subject);
    BOOST_TEST((records[r].change == expected.change));
    BOOST_TEST(records[r].target == expected.target);
  }
}

// Without a mark the pass goes back to where it stood some bytes before (a table pasted as
// one line). The records of such a line repeat every two changes (five records, one a
// change that runs on into the next), and so must what they mean.
BOOST_AUTO_TEST_CASE(a_line_without_marks_reads_alike_where_it_repeats) {
  auto set = load({});
  std::string line;
  for (int i = 0; i < 200; ++i) line += "由3个部门审批的30天压缩至10天";
  auto records = extract(*set->matcher, line + "\n");
  BOOST_REQUIRE_EQUAL(records.size(), 500u);
  for (std::size_t r = 0; r + 10 < records.size(); ++r) {
    const quantex::OwnedRecord& later = records[r + 5];
    BOOST_TEST(records[r].text == later.text);
    BOOST_TEST(records[r].subject == later.subject);
    BOOST_TEST(records[r].target == later.target);
    BOOST_TEST(records[r].col + 34 == later.col);  // two changes are 34 characters
  }
}

// Growth rates after 比上年, one sentence of them: each is said to be done by its own base,
// and a goal cue before the first reaches them all; the bases are kept apart from the other
// cues, which must not change what either says.
BOOST_AUTO_TEST_CASE(bases_of_comparison_in_one_long_sentence) {
  auto set = load({});
  std::string done, goal = "力争";
  for (int i = 0; i < 300; ++i) done += "税收比上年增长5.6%，";
  goal += done;
  auto as_done = extract(*set->matcher, done + "\n");
  auto as_goal = extract(*set->matcher, goal + "\n");
  BOOST_REQUIRE_EQUAL(as_done.size(), 300u);
  BOOST_REQUIRE_EQUAL(as_goal.size(), 300u);
  for (std::size_t r = 0; r < 300; ++r) {
    BOOST_TEST(!as_done[r].target);
    BOOST_TEST(as_goal[r].target);
  }
}

BOOST_AUTO_TEST_CASE(rule_files_check_the_meaning_tables) {
  for (const char* bad :
       {"[meaning.words]\nnouns = [\"企业\"]\n", "[meaning.words]\nverbs = \"发放\"\n",
        "[meaning.words]\nverbs = [\"\"]\n", "[meaning.subject_places]\ncount = [\"nearby\"]\n",
        "[meaning.shapes]\n", "[language]\nclause_marks = 3\n"}) {
    std::vector<std::string> errors;
    std::vector<quantex::RuleSource> sources = quantex::default_rule_sources();
    sources.push_back({"bad.toml", bad});
    BOOST_TEST(!quantex::RuleSet::load(sources, errors), bad);
    BOOST_TEST(!errors.empty());
  }
}

BOOST_AUTO_TEST_CASE(the_lexicon_takes_the_longest_word_either_way) {
  quantex::Lexicon words;
  words.add("应", 1);
  words.add("相应", 2);
  words.add("应用", 4);
  std::string text = "相应应用";
  BOOST_TEST(words.ending_at(text, 6, 0).size == 6u);
  BOOST_TEST(words.ending_at(text, 6, 0).classes == 2u);
  BOOST_TEST(words.starting_at(text, 6, text.size()).classes == 4u);
  BOOST_TEST(words.ending_at(text, 6, 3).classes == 1u);  // the floor cuts 相应 to 应
  BOOST_TEST(words.classes_of("相应") == 2u);
  BOOST_TEST(words.classes_of("相") == 0u);
  BOOST_TEST(words.starting_classes(U'相') == 2u);
  BOOST_TEST(words.ending_classes(U'应') == 3u);
}
