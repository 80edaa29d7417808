// The number reader, table-driven: every written form INDICATORS.md lists, and malformed
// numerals that must be rejected rather than guessed.
#define BOOST_TEST_MODULE numeral
#include "quantex/numeral.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <ostream>
#include <string>

#include "default_rules.hpp"

namespace {

// The default rules' language: its [language.numerals] glyphs and its marks.
const quantex::Language& language() { return test::default_language(); }

struct Case {
  const char* text;
  const char* value;  // nullptr: not a numeral
  bool more = false;
  int scale = 0;
};

std::ostream& operator<<(std::ostream& out, const Case& c) { return out << c.text; }

const Case kReadable[] = {
    // Arabic digits, separators, decimals, full-width forms.
    {"0", "0"},
    {"7", "7"},
    {"2019", "2019"},
    {"1,246", "1246"},
    {"12,345,678", "12345678"},
    {"33.5", "33.5"},
    {"0.3", "0.3"},
    {"4.800", "4.8"},
    {".5", "0.5"},
    {"１２３", "123"},
    {"３３．５", "33.5"},
    {"１，２４６", "1246"},
    {"99.9", "99.9"},
    // Scale words after digits, multiplied exactly.
    {"3.5万", "35000", false, 4},
    {"28.6亿", "2860000000", false, 8},
    {"1.2万亿", "1200000000000", false, 12},
    {"4.78萬億", "4780000000000", false, 12},
    {"3千万", "30000000", false, 7},
    {"5百", "500", false, 2},
    {"2千", "2000", false, 3},
    {"1929.79亿", "192979000000", false, 8},
    {"433.5万", "4335000", false, 4},
    {"1,100.9亿", "110090000000", false, 8},
    {"0.5万", "5000", false, 4},
    {"40k", "40000", false, 3},
    // 多, 余, 几 inside a number.
    {"3300多亿", "330000000000", true, 8},
    {"10余万", "100000", true, 4},
    {"4万余", "40000", true, 4},
    {"70余", "70", true},
    {"500余万", "5000000", true, 4},
    {"二十多", "20", true},
    {"十几万", "100000", true, 4},
    {"一百零几万", "1000000", true, 4},
    {"三十余万", "300000", true, 4},
    // Chinese numerals.
    {"一", "1"},
    {"两", "2"},
    {"十", "10"},
    {"十二", "12"},
    {"二十", "20"},
    {"二十三", "23"},
    {"一百零五", "105"},
    {"一百五十", "150"},
    {"一百五", "150"},
    {"两千四百五", "2450"},
    {"一千零一", "1001"},
    {"三千零五十", "3050"},
    {"一万三", "13000"},
    {"九十二万四", "924000"},
    {"四千零五万", "40050000"},
    {"三千五百万", "35000000", false, 6},
    {"一亿二千万", "120000000", false, 7},
    {"一万五千亿", "1500000000000", false, 11},
    {"五亿零六", "500000006"},
    {"七十八万五佰零六", "780506"},
    {"四万万", "400000000", false, 8},
    {"五兆六十二亿四万五千二", "5006200045200"},
    {"十万柒仟捌佰伍拾肆", "107854"},
    {"二〇二一", "2021"},
    {"九九", "99"},
    {"〇", "0"},
    {"零", "0"},
    {"零点五", "0.5"},
    {"十七点八", "17.8"},
    {"三点五万", "35000", false, 4},
    {"两千万点五", "20000000.5"},
    {"一百零十万", "1100000", false, 4},
    {"二十万", "200000", false, 4},
    {"百三", "130"},
    // Financial and traditional forms.
    {"壹佰伍拾", "150"},
    {"肆佰陸拾", "460"},
    {"贰拾萬", "200000", false, 4},
    {"兩千", "2000", false, 3},
    {"倆千两百贰拾二", "2222"},
    {"拾亿零六万零五百零六", "1000060506"},
    // A scale word alone is one of it.
    {"万", "10000", false, 4},
    {"万亿", "1000000000000", false, 12},
    {"千亿", "100000000000", false, 11},
    // Halves, dozens, signs, spaces.
    {"半", "0.5"},
    {"一个半", "1.5"},
    {"两个半", "2.5"},
    {"半百", "50", false, 2},
    {"一打", "12"},
    {"五十打", "600"},
    {"-3.9", "-3.9"},
    {"负三十二", "-32"},
    {"－122", "-122"},
    {"7 万 5 千", "75000", false, 3},
    {"一 百 五 十", "150"},
    // Invisible characters left by scraped pages.
    {"4\uE0102", "42"},
    {"1\u200B246", "1246"},
};

const char* const kMalformed[] = {
    "",       "多",     "十十",   "一千二三", "三万五万", "百千",
    "点五",   "五点",   "1.2.3",  "1,24",     "1,2345",   "12,34,567",
    "abc",    "3-5",    "--3",    "半半",     "一半",     "两三",
    "三五",   "七八",   "个",     "k",        "3.5.",     "万万万万万万",
    "五打打", "十二个", "分之一", "1e",       ",246",     "一二三四五六七八九十",
};

BOOST_DATA_TEST_CASE(reads_written_forms, boost::unit_test::data::make(kReadable), c) {
  auto numeral = quantex::read_numeral(c.text, language());
  BOOST_REQUIRE_MESSAGE(numeral.has_value(), "not read: " << c.text);
  BOOST_TEST(numeral->value.to_string() == std::string(c.value));
  BOOST_TEST(numeral->more == c.more);
  if (c.scale != 0) {
    BOOST_TEST(numeral->scale == c.scale);
  }
}

BOOST_DATA_TEST_CASE(rejects_malformed, boost::unit_test::data::make(kMalformed), text) {
  auto numeral = quantex::read_numeral(text, language());
  BOOST_TEST(!numeral.has_value(),
             "read " << text << " as " << (numeral ? numeral->value.to_string() : ""));
}

// Scale words that multiply past 10^64 (a fuzzer's find): 万零亿万零亿… read as 10^72,
// which prints and does not read back.
BOOST_AUTO_TEST_CASE(rejects_a_value_beyond_the_decimal_range) {
  std::string text = "万";
  for (int i = 0; i < 15; ++i) text += "零亿万";
  BOOST_TEST(!quantex::read_numeral(text, language()).has_value());
  text.resize(text.size() - 12 * std::string("零亿万").size());
  auto smaller = quantex::read_numeral(text, language());
  BOOST_REQUIRE(smaller.has_value());
  BOOST_TEST(smaller->value.to_string() == "1" + std::string(24, '0'));
}

BOOST_AUTO_TEST_CASE(counts_at_least_eighty_cases) {
  BOOST_TEST(std::size(kReadable) + std::size(kMalformed) >= 80u);
}

}  // namespace
