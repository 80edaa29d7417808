// The number reader and the decimal type on any text: no crash, no unbounded output, and a
// value that prints reads back to itself.
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "quantex/decimal.hpp"
#include "quantex/numeral.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const quantex::Language& language = fuzz::default_matcher().rules().language();
  if (auto numeral = quantex::read_numeral(text, language)) {
    std::string printed = numeral->value.to_string();
    fuzz::check(printed.size() < 200, "a numeral prints in under 200 characters");
    auto again = quantex::Decimal::parse(printed);
    fuzz::check(again && *again == numeral->value, "a printed value reads back");
  }
  if (auto decimal = quantex::Decimal::parse(text)) {
    std::string printed = decimal->to_string();
    fuzz::check(printed.size() < 200, "a decimal prints in under 200 characters");
    auto again = quantex::Decimal::parse(printed);
    fuzz::check(again && *again == *decimal, "a printed decimal reads back");
  }
  return 0;
}
