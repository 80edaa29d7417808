#include "quantex/record.hpp"

#include <array>
#include <utility>

namespace quantex {
namespace {

constexpr std::array<std::pair<Op, std::string_view>, 6> kOpSymbols = {{
    {Op::kEqual, "="},
    {Op::kAbout, "~"},
    {Op::kMore, ">"},
    {Op::kAtLeast, ">="},
    {Op::kLess, "<"},
    {Op::kAtMost, "<="},
}};

}  // namespace

std::string_view op_symbol(Op op) {
  for (const auto& [o, symbol] : kOpSymbols) {
    if (o == op) return symbol;
  }
  return "=";
}

std::optional<Op> parse_op(std::string_view symbol) {
  for (const auto& [o, s] : kOpSymbols) {
    if (s == symbol) return o;
  }
  return std::nullopt;
}

std::string_view change_name(Change change) {
  switch (change) {
    case Change::kUp: return "up";
    case Change::kDown: return "down";
    case Change::kNone: break;
  }
  return "";
}

std::optional<Change> parse_change(std::string_view name) {
  if (name == "none") return Change::kNone;
  for (Change change : {Change::kUp, Change::kDown}) {
    if (change_name(change) == name) return change;
  }
  return std::nullopt;
}

}  // namespace quantex
