#include "quantex/normalizer.hpp"

#include <fmt/format.h>

#include "quantex/numeral.hpp"

namespace quantex {
namespace {

// A number in the unit's base: 28.6 亿元 is 28.6 × 10^8 CNY.
std::optional<Decimal> in_base_unit(const Numeral& numeral, const UnitEntry& unit,
                                    const Rule& rule) {
  auto scaled = numeral.value.times(unit.scale);
  if (!scaled) return std::nullopt;
  return scaled->times(rule.scale);
}

// A number written without a unit of its own shares the other number's unit, and its scale
// word when it has none: in 由3至5万元 the 3 is 3万元.
std::optional<Decimal> read_sharing(std::string_view text, const Numeral& other,
                                    const UnitEntry& unit, const Rule& rule,
                                    const Language& language) {
  auto numeral = read_numeral(text, language);
  if (!numeral) return std::nullopt;
  if (numeral->scale == 0) numeral->value = numeral->value.scaled(other.scale);
  return in_base_unit(*numeral, unit, rule);
}

}  // namespace

std::optional<Normalized> normalize(const Rule& rule, const Captures& captures,
                                    const RuleSet& rules) {
  const UnitEntry* unit = rules.unit(rule.kind, captures.unit);
  if (unit == nullptr) return std::nullopt;
  std::string_view value_text = captures.value.empty() ? captures.max : captures.value;
  auto numeral = read_numeral(value_text, rules.language());
  if (!numeral) return std::nullopt;
  auto value = in_base_unit(*numeral, *unit, rule);
  if (!value) return std::nullopt;

  Normalized out;
  out.value = *value;
  out.unit = unit->canonical;

  if (!captures.min.empty()) {
    out.min = read_sharing(captures.min, *numeral, *unit, rule, rules.language());
    out.max = value;
    if (!out.min) return std::nullopt;
  }

  if (!captures.from.empty()) {
    const UnitEntry* from_unit = unit;
    if (!captures.from_unit.empty()) {
      from_unit = rules.unit(rule.kind, captures.from_unit);
      if (from_unit == nullptr || from_unit->canonical != unit->canonical) return std::nullopt;
      auto from_numeral = read_numeral(captures.from, rules.language());
      if (!from_numeral) return std::nullopt;
      out.from = in_base_unit(*from_numeral, *from_unit, rule);
    } else {
      out.from = read_sharing(captures.from, *numeral, *unit, rule, rules.language());
    }
    if (!out.from) return std::nullopt;
  }

  // Where several ops apply, the language's order decides; a plain one never overrides
  // (达到90%以上 is >=, 3300多亿元 is >).
  const Language& language = rules.language();
  for (Language::OpSource source : language.op_order) {
    std::optional<Op> op;
    switch (source) {
      case Language::OpSource::kMore:
        if (numeral->more) op = language.more_op;
        break;
      case Language::OpSource::kRange:
        if (!captures.min.empty()) op = language.range_op;
        break;
      case Language::OpSource::kBefore: op = captures.op_before; break;
      case Language::OpSource::kAfter: op = captures.op_after; break;
    }
    if (op && *op != Op::kEqual) out.op = *op;
  }
  return out;
}

std::string describe(const Normalized& n) {
  std::string out = fmt::format("{} {} {}", op_symbol(n.op), n.value.to_string(), n.unit);
  if (n.from) out += fmt::format(", from {}", n.from->to_string());
  if (n.min) out += fmt::format(", range {}..{}", n.min->to_string(), n.max->to_string());
  return out;
}

}  // namespace quantex
