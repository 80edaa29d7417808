// Record: one normalized indicator, the unit of output (fields as in INDICATORS.md).
//
// One shape, two ways of holding its strings. A Record only borrows: its strings view the
// rule set (rule id, kind, unit, tags) and the line being searched (text, subject, context),
// so building one allocates nothing, and a sink must format it before the next line is read.
// An OwnedRecord holds copies, for code that looks at records afterwards (tests, a rule's
// examples, which state the record they expect).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
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

template <class Text>
struct BasicRecord {
  Text doc;
  std::uint64_t line = 0;   // 1-based
  std::uint64_t col = 0;    // 1-based, in code points
  std::uint64_t start = 0;  // code-point offsets in the document, end exclusive
  std::uint64_t end = 0;
  Text rule;
  Text kind;
  Text text;
  Decimal value;
  Text unit;
  Op op = Op::kEqual;
  std::optional<Decimal> from;
  std::optional<Decimal> min;
  std::optional<Decimal> max;
  Text subject;
  Change change = Change::kNone;
  bool target = false;  // a goal, plan or requirement rather than a result
  std::vector<Text> tags;
  Text context;  // empty unless asked for

  BasicRecord() = default;
  // The same record held the other way: an owned copy of a borrowed one.
  template <class Other>
  explicit BasicRecord(const BasicRecord<Other>& other)
      : doc(other.doc),
        line(other.line),
        col(other.col),
        start(other.start),
        end(other.end),
        rule(other.rule),
        kind(other.kind),
        text(other.text),
        value(other.value),
        unit(other.unit),
        op(other.op),
        from(other.from),
        min(other.min),
        max(other.max),
        subject(other.subject),
        change(other.change),
        target(other.target),
        tags(other.tags.begin(), other.tags.end()),
        context(other.context) {}
};

using Record = BasicRecord<std::string_view>;
using OwnedRecord = BasicRecord<std::string>;

}  // namespace quantex
