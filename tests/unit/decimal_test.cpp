// Exact decimal arithmetic: values print as the text says, never as binary floats would.
#define BOOST_TEST_MODULE decimal
#include "quantex/decimal.hpp"

#include <boost/test/unit_test.hpp>

using quantex::Decimal;

BOOST_AUTO_TEST_CASE(prints_plain_numbers) {
  BOOST_TEST(Decimal::parse("28.6")->scaled(8).to_string() == "2860000000");
  BOOST_TEST(Decimal::parse("0.5")->to_string() == "0.5");
  BOOST_TEST(Decimal::parse("1e21")->to_string() == "1000000000000000000000");
  BOOST_TEST(Decimal::parse("-0.05")->to_string() == "-0.05");
  BOOST_TEST(Decimal::parse("100.00")->to_string() == "100");
  BOOST_TEST(Decimal(0, 5).to_string() == "0");
}

BOOST_AUTO_TEST_CASE(adds_and_multiplies_exactly) {
  BOOST_TEST(Decimal::parse("0.1")->plus(*Decimal::parse("0.2"))->to_string() == "0.3");
  BOOST_TEST(Decimal::parse("1.2")->times(*Decimal::parse("1e12"))->to_string() == "1200000000000");
  BOOST_TEST(Decimal::parse("1929.79")->times(Decimal(1, 8))->to_string() == "192979000000");
  BOOST_TEST((*Decimal::parse("2.50") == *Decimal::parse("2.5")));
}

BOOST_AUTO_TEST_CASE(rejects_malformed_and_overflow) {
  BOOST_TEST(!Decimal::parse("").has_value());
  BOOST_TEST(!Decimal::parse("1.2.3").has_value());
  BOOST_TEST(!Decimal::parse("12a").has_value());
  BOOST_TEST(!Decimal::parse("99999999999999999999").has_value());
  BOOST_TEST(!Decimal(4000000000000000001, 0).times(Decimal(3, 0)).has_value());
  // A power of ten is only an exponent: 4 × 10^18 × 4 is exact.
  BOOST_TEST(Decimal(4000000000000000000, 0).times(Decimal(4, 0))->to_string() ==
             "16000000000000000000");
}

// What prints reads back, trailing zeros included, and powers of ten stay within ±64: a
// rule file's 1e2147483647 would print two billion zeros.
BOOST_AUTO_TEST_CASE(reads_what_it_prints_and_bounds_the_power_of_ten) {
  const std::string big = "1" + std::string(52, '0');
  auto parsed = quantex::Decimal::parse(big);
  BOOST_REQUIRE(parsed);
  BOOST_TEST(parsed->to_string() == big);
  BOOST_TEST((*quantex::Decimal::parse("10e51") == *parsed));
  BOOST_TEST(quantex::Decimal::parse("0.5000")->to_string() == "0.5");
  BOOST_TEST(quantex::Decimal::parse("100.00")->to_string() == "100");
  BOOST_TEST(quantex::Decimal::parse("-0.00")->to_string() == "0");
  BOOST_TEST(quantex::Decimal::parse("1e64").has_value());
  BOOST_TEST(quantex::Decimal(1, 64).in_range());
  BOOST_TEST(quantex::Decimal(10, 64).in_range() == false);
  BOOST_TEST(quantex::Decimal(1, 60).times(quantex::Decimal(1, 5)).has_value() == false);
  for (const std::string& refused :
       {std::string("1e65"), std::string("1e-65"), std::string("1e2147483647"),
        std::string("1e-2147483648"), "0." + std::string(200, '0') + "1",
        std::string("12345678901234567891"), "1" + std::string(70, '0')}) {
    BOOST_TEST(!quantex::Decimal::parse(refused).has_value(), refused);
  }
}
