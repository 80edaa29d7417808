// Output formats: JSON strings escaped per RFC 8259 (and parsed back by simdjson), plain
// numbers, TSV escapes, CSV quoting, field selection.
#define BOOST_TEST_MODULE format
#include "quantex/format.hpp"

#include <simdjson.h>

#include <boost/test/unit_test.hpp>
#include <string>

using quantex::Field;
using quantex::Format;
using quantex::FormatKind;

namespace {

const std::string kNasty = "a\"b\\c\td\ne\rf\x01g\x1fh/数字";

quantex::Record nasty_record() {
  quantex::Record r;
  r.doc = "dir/re\"port.txt";
  r.line = 3;
  r.col = 7;
  r.start = 100;
  r.end = 104;
  r.rule = "count.measure";
  r.kind = "count";
  r.text = kNasty;
  r.value = *quantex::Decimal::parse("28.6e8");
  r.unit = "家";
  r.op = quantex::Op::kAtLeast;
  r.from = quantex::Decimal(5, -1);
  r.tags = {"loan", "x"};
  r.context = kNasty;
  return r;
}

std::string format(FormatKind kind, std::vector<Field> fields, bool header = true) {
  Format format(kind, std::move(fields), header);
  std::string out;
  format.header(out);
  format.record(nasty_record(), out);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(json_round_trips_through_a_parser) {
  auto fields = quantex::default_fields();
  fields.push_back(Field::kContext);
  std::string line = format(FormatKind::kJsonLines, fields);
  BOOST_TEST(line.back() == '\n');
  BOOST_TEST(line.find('\n') == line.size() - 1);  // one record, one line

  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(line);
  BOOST_TEST(std::string(doc["text"].get_string().value()) == kNasty);
  BOOST_TEST(std::string(doc["context"].get_string().value()) == kNasty);
  BOOST_TEST(std::string(doc["doc"].get_string().value()) == "dir/re\"port.txt");
  BOOST_TEST(doc["value"].get_uint64().value() == 2860000000u);
  BOOST_TEST(doc["from"].get_double().value() == 0.5);
  BOOST_TEST(doc["line"].get_int64().value() == 3);
  BOOST_TEST(std::string(doc["op"].get_string().value()) == ">=");
  BOOST_TEST(doc["tags"].get_array().size() == 2u);
  BOOST_TEST(doc["min"].error() == simdjson::NO_SUCH_FIELD);  // absent, not null
  BOOST_TEST(doc["subject"].error() == simdjson::NO_SUCH_FIELD);
}

BOOST_AUTO_TEST_CASE(json_numbers_are_plain) {
  std::string line = format(FormatKind::kJsonLines, {Field::kValue, Field::kFrom});
  BOOST_TEST(line == "{\"value\":2860000000,\"from\":0.5}\n");
}

BOOST_AUTO_TEST_CASE(json_escapes_control_characters) {
  std::string line = format(FormatKind::kJsonLines, {Field::kText});
  BOOST_TEST(line == "{\"text\":\"a\\\"b\\\\c\\td\\ne\\rf\\u0001g\\u001fh/数字\"}\n");
}

// Text is copied eight bytes at a time until a word holds a byte to escape: each of those
// bytes, at each place of a word and of the tail, must still be escaped, and bytes of
// 0x80 and above (UTF-8) never.
BOOST_AUTO_TEST_CASE(json_escapes_at_every_place_of_a_word) {
  const std::string clean = "abcdefg营商ijk";  // 16 bytes: two words, split inside a character
  for (char special : {'"', '\\', '\x01', '\x1f', '\x7f'}) {
    for (std::size_t at = 0; at <= clean.size(); ++at) {
      if (at < clean.size() && (static_cast<unsigned char>(clean[at]) & 0xC0) == 0x80) continue;
      std::string text = clean;
      text.insert(at, 1, special);
      quantex::Record r;
      r.text = text;
      Format format(FormatKind::kJsonLines, {Field::kText, Field::kText}, false);
      std::string line;
      format.record(r, line);
      simdjson::dom::parser parser;
      simdjson::dom::object doc = parser.parse(line).get_object();
      BOOST_TEST(std::string(doc["text"].get_string().value()) == text);
      if (special != '"' && special != '\\') BOOST_TEST(line.find(special) == std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(json_writes_a_field_as_often_as_asked) {
  std::string line = format(FormatKind::kJsonLines, {Field::kLine, Field::kLine, Field::kUnit});
  BOOST_TEST(line == "{\"line\":3,\"line\":3,\"unit\":\"家\"}\n");
}

BOOST_AUTO_TEST_CASE(tsv_has_a_header_and_escapes) {
  std::string out =
      format(FormatKind::kTsv, {Field::kLine, Field::kText, Field::kMin, Field::kTags});
  BOOST_TEST(out == "line\ttext\tmin\ttags\n3\ta\"b\\\\c\\td\\ne\\rf\x01g\x1fh/数字\t\tloan,x\n");
}

BOOST_AUTO_TEST_CASE(tsv_header_can_be_left_out) {
  BOOST_TEST(format(FormatKind::kTsv, {Field::kLine}, false) == "3\n");
}

BOOST_AUTO_TEST_CASE(csv_quotes_per_rfc_4180) {
  std::string out = format(FormatKind::kCsv, {Field::kDoc, Field::kUnit, Field::kText});
  BOOST_TEST(
      out ==
      "doc,unit,text\r\n\"dir/re\"\"port.txt\",家,\"a\"\"b\\c\td\ne\rf\x01g\x1fh/数字\"\r\n");
}

BOOST_AUTO_TEST_CASE(csv_byte_order_mark_comes_first) {
  Format format(FormatKind::kCsv, {Field::kLine}, true, true);
  std::string out;
  format.header(out);
  BOOST_TEST(out == "\xEF\xBB\xBFline\r\n");
}

BOOST_AUTO_TEST_CASE(field_names_round_trip) {
  for (Field f : quantex::default_fields()) {
    BOOST_TEST((quantex::parse_field(quantex::field_name(f)) == f));
  }
  BOOST_TEST(!quantex::parse_field("values").has_value());
}
