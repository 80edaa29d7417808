// How deep a TOML text nests, found before the TOML parser sees it: the parser recurses once
// for each level of a dotted key ([a.a.a…], a.a.a = 1) and of nested arrays and inline
// tables, so 300,000 levels overflow the stack. Rule files need a handful.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace quantex {

// The most levels a rule file may nest: dotted keys, arrays, inline tables.
inline constexpr int kDeepestToml = 64;

struct TomlPlace {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

// Where the text first nests deeper than kDeepestToml, or nullopt. Strings and comments are
// skipped; the count is of dots in one key (between separators) and of open brackets.
std::optional<TomlPlace> too_deep(std::string_view text);

}  // namespace quantex
