// What a rule file's TOML must not be, found before the TOML parser sees it.
//
// The parser recurses once for each level of a dotted key ([a.a.a…], a.a.a = 1) and of
// nested arrays and inline tables, so 300,000 levels overflow the stack; rule files need a
// handful. And toml++ 3.3 reaches an unreachable point (undefined behaviour) when it asks
// whether some non-ASCII characters outside quotes are whitespace; TOML allows none there
// (keys outside quotes are ASCII), so such a character is refused here, by its place.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace quantex {

// The most levels a rule file may nest: dotted keys, arrays, inline tables.
inline constexpr int kDeepestToml = 64;

struct TomlProblem {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  std::string what;
};

// The first place where the text nests deeper than kDeepestToml or holds a character
// outside quotes and comments that is not ASCII, or nullopt.
std::optional<TomlProblem> toml_shape_problem(std::string_view text);

}  // namespace quantex
