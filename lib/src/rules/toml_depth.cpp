#include "toml_depth.hpp"

namespace quantex {

std::optional<TomlPlace> too_deep(std::string_view text) {
  TomlPlace at;
  int open = 0;  // brackets and braces open here
  int dots = 0;  // dots since the last separator: the levels of a dotted key
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"' || c == '\'') {
      // A string, single or triple quoted: skip to its end (a basic one has escapes).
      bool triple = text.substr(i, 3) == std::string_view(c == '"' ? "\"\"\"" : "'''");
      std::size_t end = i + (triple ? 3 : 1);
      while (end < text.size()) {
        if (c == '"' && text[end] == '\\') {
          end += 2;
          continue;
        }
        if (text[end] == '\n') {
          if (!triple) break;  // an unclosed string: the parser says so
          ++at.line;
          at.column = 0;
        }
        if (text[end] == c && (!triple || text.substr(end, 3) == text.substr(i, 3))) {
          end += triple ? 3 : 1;
          break;
        }
        ++end;
        ++at.column;
      }
      at.column += static_cast<std::uint32_t>(triple ? 3 : 1);
      i = end - 1;
      continue;
    }
    if (c == '#') {
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
      continue;
    }
    if (c == '\n') {
      ++at.line;
      at.column = 1;
      dots = 0;
      continue;
    }
    if (c == '[' || c == '{') {
      if (++open > kDeepestToml) return at;
      dots = 0;
    } else if (c == ']' || c == '}') {
      --open;
      dots = 0;
    } else if (c == '=' || c == ',') {
      dots = 0;
    } else if (c == '.' && ++dots > kDeepestToml) {
      return at;
    }
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++at.column;
  }
  return std::nullopt;
}

}  // namespace quantex
