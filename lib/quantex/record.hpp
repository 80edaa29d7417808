// Record: one normalized indicator, the unit of output (fields as in INDICATORS.md).
//
// A record only borrows: its strings view the rule set (rule id, kind, unit, tags) and the
// line being searched (text, subject, context), so building one allocates nothing. A sink
// must format it before the next line is read.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "quantex/decimal.hpp"

namespace quantex {

// The qualifier of a value: 约 is about, 以上 at least, 不超过 at most...
enum class Op { kEqual, kAbout, kMore, kAtLeast, kLess, kAtMost };

// "=", "~", ">", ">=", "<", "<="
std::string_view op_symbol(Op op);
std::optional<Op> parse_op(std::string_view symbol);

// Whether a number is the size of an increase or a decrease, or neither (a level).
enum class Change { kNone, kUp, kDown };

// "up", "down", or "" for none; parse_change also reads "none".
std::string_view change_name(Change change);
std::optional<Change> parse_change(std::string_view name);

struct Record {
  std::string_view doc;
  std::uint64_t line = 0;   // 1-based
  std::uint64_t col = 0;    // 1-based, in code points
  std::uint64_t start = 0;  // code-point offsets in the document, end exclusive
  std::uint64_t end = 0;
  std::string_view rule;
  std::string_view kind;
  std::string_view text;
  Decimal value;
  std::string_view unit;
  Op op = Op::kEqual;
  std::optional<Decimal> from;
  std::optional<Decimal> min;
  std::optional<Decimal> max;
  std::string_view subject;
  Change change = Change::kNone;
  bool target = false;  // a goal, plan or requirement rather than a result
  std::vector<std::string_view> tags;
  std::string_view context;  // empty unless asked for
};

}  // namespace quantex
