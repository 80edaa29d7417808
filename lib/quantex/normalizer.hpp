// Normalizer: what a rule captured, turned into value, unit, op, from, min and max.
//
// Pure functions over text and the rule set's tables: the number reader reads the numbers,
// the kind's unit table gives the canonical unit and its scale, the qualifier table the op.
// Anything that does not read cleanly (a malformed numeral, a unit missing from the table, a
// change between two different units) is rejected rather than guessed, so a more modest rule
// may take the span instead.
//
//   quantex::Captures c;
//   c.value = "28.6"; c.unit = "亿元"; c.op_before = quantex::Op::kAbout;   // 约28.6亿元
//   auto n = quantex::normalize(rule, c, rules);   // 2860000000 CNY, op ~
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "quantex/decimal.hpp"
#include "quantex/record.hpp"
#include "quantex/rule_set.hpp"

namespace quantex {

// The text of each group a rule captured (empty where the group did not take part), and the
// ops of the qualifiers found right before the number and right after the unit.
struct Captures {
  std::string_view value{}, unit{}, from{}, from_unit{}, min{}, max{}, subject{};
  std::optional<Op> op_before{};
  std::optional<Op> op_after{};
};

struct Normalized {
  Decimal value;
  std::string_view unit;  // canonical, owned by the rule set
  Op op = Op::kEqual;
  std::optional<Decimal> from;
  std::optional<Decimal> min;
  std::optional<Decimal> max;
};

std::optional<Normalized> normalize(const Rule& rule, const Captures& captures,
                                    const RuleSet& rules);

// How explain and view show a value to a reader: "= 8 workday, from 20",
// "~ 2860000000 CNY", "= 20 percent, range 10..20".
std::string describe(const Normalized& n);

}  // namespace quantex
