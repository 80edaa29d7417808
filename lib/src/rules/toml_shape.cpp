#include "toml_shape.hpp"

#include <fmt/format.h>

namespace quantex {
namespace {

// The line and column (in code points) of byte `offset`.
TomlProblem at(std::string_view text, std::size_t offset, std::string what) {
  TomlProblem problem;
  problem.what = std::move(what);
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++problem.line;
      problem.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++problem.column;
    }
  }
  return problem;
}

// Where the string that opens at text[open] ends (one past its closing quote); a basic
// string ("…", """…""") has escapes. An unclosed one ends at its line's end, or the text's:
// the parser says what is wrong with it.
std::size_t string_end(std::string_view text, std::size_t open) {
  char quote = text[open];
  std::string_view triple = quote == '"' ? "\"\"\"" : "'''";
  bool multiline = text.substr(open, 3) == triple;
  std::size_t pos = open + (multiline ? 3 : 1);
  while (pos < text.size()) {
    if (quote == '"' && text[pos] == '\\') {
      pos += 2;
    } else if (multiline ? text.substr(pos, 3) == triple : text[pos] == quote) {
      return pos + (multiline ? 3 : 1);
    } else if (!multiline && text[pos] == '\n') {
      return pos;
    } else {
      ++pos;
    }
  }
  return text.size();
}

}  // namespace

std::optional<TomlProblem> toml_shape_problem(std::string_view text) {
  int open = 0;  // brackets and braces open here
  int dots = 0;  // dots since the last separator: the levels of a dotted key
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"' || c == '\'') {
      i = string_end(text, i) - 1;
    } else if (c == '#') {
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
    } else if (c == '[' || c == '{') {
      dots = 0;
      if (++open > kDeepestToml) {
        return at(text, i, fmt::format("nested more than {} levels deep", kDeepestToml));
      }
    } else if (c == ']' || c == '}') {
      dots = 0;
      --open;
    } else if (c == '=' || c == ',' || c == '\n') {
      dots = 0;
    } else if (c == '.' && ++dots > kDeepestToml) {
      return at(text, i, fmt::format("a key nested more than {} levels deep", kDeepestToml));
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      return at(text, i, "a character that is not ASCII outside quotes (TOML allows none there)");
    }
  }
  return std::nullopt;
}

}  // namespace quantex
