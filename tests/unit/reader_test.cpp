// The line reader: whole lines with exact numbers, columns and offsets, whatever the block
// size (a 3-byte 汉 split across reads must change nothing), CRLF and a last line without a
// line end, and long lines cut into segments without losing an indicator at a cut, where a
// mark stands (found by the last byte of its character).
#define BOOST_TEST_MODULE reader
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "default_rules.hpp"
#include "quantex/collector.hpp"
#include "quantex/extractor.hpp"
#include "quantex/line_reader.hpp"
#include "quantex/utf8.hpp"

namespace {

struct Seen {
  std::string text;
  std::uint64_t number, column, offset;
  bool operator==(const Seen&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Seen& s) {
  return out << s.number << ":" << s.column << "@" << s.offset << " " << s.text;
}

// The default language's marks decide where a long line is cut.
std::vector<Seen> read_all(const std::string& input, quantex::ReaderOptions options,
                           std::size_t chunk = 1 << 20) {
  options.marks = &test::default_language().marks;
  quantex::MemorySource memory(input);
  quantex::ChunkedSource source(memory, chunk);
  quantex::LineReader lines(source, options);
  std::vector<Seen> out;
  quantex::Line line;
  while (lines.next(line)) {
    out.push_back({std::string(line.text), line.number, line.column, line.offset});
  }
  return out;
}

const std::string kText =
    "营商环境报告\r\n\r\n审批时限由20个工作日压减至8个工作日。新增企业1246家；贷款28.6亿元！"
    "\n最后一行没有换行，办结率99.9％";

std::vector<std::string> records(const std::string& input, quantex::ReaderOptions options,
                                 std::size_t chunk) {
  options.marks = &test::default_language().marks;
  quantex::Extractor extractor(test::default_matcher(), {});
  quantex::MemorySource memory(input);
  quantex::ChunkedSource source(memory, chunk);
  quantex::LineReader lines(source, options);
  quantex::Collector collector;
  extractor.extract("doc", lines, collector);
  std::vector<std::string> out;
  for (const auto& r : collector.records()) {
    out.push_back(std::to_string(r.line) + ":" + std::to_string(r.col) + ":" +
                  std::to_string(r.start) + "-" + std::to_string(r.end) + " " + r.text + " " +
                  r.value.to_string() + r.unit);
  }
  return out;
}

}  // namespace

// Columns and offsets count code points; the count goes by runs of 255 bytes, so lengths
// around the runs' ends must count the same as one character at a time, in ASCII (every
// byte a character) and in mixed text.
BOOST_AUTO_TEST_CASE(code_points_are_counted_across_runs) {
  const std::vector<std::vector<std::string>> alphabets = {{"a"}, {"a", "率", "𠀋", "é", "9"}};
  for (const auto& pieces : alphabets) {
    std::string text;
    for (std::size_t expected = 1; text.size() < 1100; ++expected) {
      text += pieces[(expected * 7) % pieces.size()];
      BOOST_TEST(quantex::utf8::count(text) == expected, "after " << text.size() << " bytes");
    }
  }
}

// Walking back one code point at a time gives the characters next() gives walking forward,
// in reverse, whatever their length (one to four bytes).
BOOST_AUTO_TEST_CASE(code_points_read_backwards_as_forwards) {
  const std::string text = "a率𠀋é9率";
  std::vector<std::uint32_t> forwards;  // code points as numbers, which Boost can print
  for (std::size_t pos = 0; pos < text.size();) forwards.push_back(quantex::utf8::next(text, pos));
  std::vector<std::uint32_t> backwards;
  for (std::size_t pos = text.size(); pos > 0;) {
    backwards.insert(backwards.begin(), quantex::utf8::previous(text, pos));
  }
  BOOST_TEST(backwards == forwards, boost::test_tools::per_element());
  BOOST_TEST(forwards.size() == 6u);
}

BOOST_AUTO_TEST_CASE(reads_lines_with_crlf_and_no_final_newline) {
  auto lines = read_all(kText, {});
  BOOST_REQUIRE_EQUAL(lines.size(), 4u);
  BOOST_TEST(lines[0] == (Seen{"营商环境报告", 1, 0, 0}));
  BOOST_TEST(lines[1] == (Seen{"", 2, 0, 7}));
  BOOST_TEST(lines[2].number == 3u);
  BOOST_TEST(lines[2].offset == 8u);  // CRLF counts as one character
  BOOST_TEST(lines[3].text == "最后一行没有换行，办结率99.9％");
  BOOST_TEST(lines[3].number == 4u);
}

// At the end of the input the reader may have moved or grown its buffer while finding
// there is nothing more to read; the last line (here without a line end, its CR dropped)
// must be read from where the data is now, whatever the block size and the line's length.
BOOST_AUTO_TEST_CASE(a_last_line_is_read_after_the_buffer_moves) {
  for (std::size_t block = 1; block <= 16; ++block) {
    for (std::size_t length = 1; length <= 40; ++length) {
      std::string last(length, 'x');
      for (std::size_t i = 0; i < length; ++i) last[i] = static_cast<char>('a' + i % 26);
      auto lines = read_all("first\n" + last + "\r", {.block_size = block}, block);
      BOOST_REQUIRE_EQUAL(lines.size(), 2u);
      BOOST_TEST(lines[1].text == last, "block " << block << ", length " << length);
    }
  }
}

BOOST_AUTO_TEST_CASE(any_block_size_gives_the_same_lines) {
  auto expected = read_all(kText, {});
  for (std::size_t block : {1, 2, 3, 4, 5, 7, 11, 64}) {
    quantex::ReaderOptions options;
    options.block_size = block;
    BOOST_TEST(read_all(kText, options) == expected, boost::test_tools::per_element());
    BOOST_TEST(read_all(kText, {}, block) == expected, boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_CASE(long_lines_are_cut_after_a_sentence_end) {
  quantex::ReaderOptions options;
  options.max_line_bytes = 40;
  auto segments = read_all("第一句话很短。第二句话也不长。第三句。\n下一行", options);
  BOOST_REQUIRE_EQUAL(segments.size(), 3u);
  BOOST_TEST(segments[0].text == "第一句话很短。");
  BOOST_TEST(segments[1].text == "第二句话也不长。第三句。");
  BOOST_TEST(segments[1].number == 1u);
  BOOST_TEST(segments[1].column == 7u);
  BOOST_TEST(segments[1].offset == 7u);
  BOOST_TEST(segments[2].text == "下一行");
  BOOST_TEST(segments[2].number == 2u);
  BOOST_TEST(segments[2].offset == 20u);
}

// A sentence's end is taken over a clause mark that stands after it in the window; a clause
// mark only where no sentence ends there.
BOOST_AUTO_TEST_CASE(a_sentence_end_wins_over_a_later_clause_mark) {
  quantex::ReaderOptions options;
  options.max_line_bytes = 40;  // thirteen Chinese characters
  auto segments = read_all("甲乙。丙丁，戊己，庚辛壬癸子丑寅卯辰巳午未\n", options);
  BOOST_REQUIRE_EQUAL(segments.size(), 3u);
  BOOST_TEST(segments[0].text == "甲乙。");
  BOOST_TEST(segments[1].text == "丙丁，戊己，");
  BOOST_TEST(segments[2].text == "庚辛壬癸子丑寅卯辰巳午未");
}

// The walk back for a cut reads only the characters that end in a byte some mark ends in:
// the byte of a clause mark or a space, not of an invisible character, which no walk looks
// for. 一 and 十 end as 　 and 、 do (80, 81): read, they are still no marks.
BOOST_AUTO_TEST_CASE(a_cut_reads_only_characters_that_end_as_a_mark_does) {
  quantex::Marks marks;
  marks.add_clause_end(U'，');     // EF BC 8C
  marks.add_space(U'　');          // E3 80 80
  marks.add_invisible(U'\u200B');  // E2 80 8B
  BOOST_TEST(marks.may_end_mark(0x8C));
  BOOST_TEST(marks.may_end_mark(0x80));
  BOOST_TEST(!marks.may_end_mark(0x8B));
  BOOST_TEST(!marks.may_end_mark('x'));
  quantex::ReaderOptions options;
  options.max_line_bytes = 40;
  auto segments = read_all("甲乙，一十一十一十一十一十一十\n", options);
  BOOST_REQUIRE_EQUAL(segments.size(), 2u);
  BOOST_TEST(segments[0].text == "甲乙，");
}

BOOST_AUTO_TEST_CASE(a_line_without_breaks_is_cut_on_character_boundaries) {
  std::string input(300, 'x');
  input += "汉字汉字";
  quantex::ReaderOptions options;
  options.max_line_bytes = 7;
  std::string joined;
  std::uint64_t column = 0;
  for (const Seen& s : read_all(input, options, 3)) {
    BOOST_TEST(s.column == column);
    BOOST_TEST(s.text.size() <= 7u);
    column += quantex::utf8::count(s.text);
    joined += s.text;
  }
  BOOST_TEST(joined == input);
}

BOOST_AUTO_TEST_CASE(records_do_not_depend_on_blocks_or_cuts) {
  std::string input;
  for (int i = 0; i < 20; ++i) {
    input += "截至目前，全市新增企业" + std::to_string(100 + i) +
             "家，贷款28.6亿元，办理时限由20个工作日压减至8个工作日；";
  }
  input += "\n结尾一行：满意度达到99.9％";
  auto expected = records(input, {}, 1 << 20);
  BOOST_REQUIRE_EQUAL(expected.size(), 20u * 3 + 1);
  for (std::size_t max_line : {64u, 100u, 257u}) {
    for (std::size_t chunk : {1u, 2u, 3u, 7u}) {
      quantex::ReaderOptions options;
      options.max_line_bytes = max_line;
      options.block_size = chunk * 5;
      BOOST_TEST(records(input, options, chunk) == expected, boost::test_tools::per_element());
    }
  }
}
