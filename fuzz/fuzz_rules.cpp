// The rule loader and compiler on any TOML text, alone and added to the defaults: no crash,
// and an error for whatever does not load.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  for (bool with_defaults : {false, true}) {
    std::vector<quantex::RuleSource> sources;
    if (with_defaults) sources = quantex::default_rule_sources();
    sources.push_back({"fuzz.toml", text});
    std::vector<std::string> errors;
    auto rules = quantex::RuleSet::load(sources, errors);
    fuzz::check(rules.has_value() == errors.empty(), "a set loads exactly when nothing is wrong");
    if (!rules) continue;
    auto matcher = quantex::Matcher::compile(*rules, 1, errors);
    fuzz::check(matcher.has_value() == errors.empty(),
                "a set compiles exactly when nothing is wrong");
  }
  return 0;
}
