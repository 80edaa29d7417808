// Decimal: an exact number written as mantissa × 10^exponent.
//
// Indicator values are read from decimal text and scaled by powers of ten (28.6亿 is
// 286 × 10^7), so binary floating point would print 2860000000.0000005 where the text says
// 2860000000. Every operation here is exact or reports overflow.
//
//   auto v = quantex::Decimal::parse("28.6");      // 286 × 10^-1
//   auto b = v->scaled(8);                          // 286 × 10^7
//   b->to_string();                                 // "2860000000"
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace quantex {

class Decimal {
 public:
  constexpr Decimal() = default;
  constexpr Decimal(std::int64_t mantissa, int exponent)
      : mantissa_(mantissa), exponent_(exponent) {}

  // The largest power of ten a parsed number may carry, either way: 1e64 is more than any
  // indicator, and a number's plain notation stays under a hundred characters.
  static constexpr int kMaxExponent = 64;

  // Reads a plain decimal: optional '-', digits, optional '.' and digits, optional
  // exponent "e8" / "e-3". Returns nullopt on anything else, on a mantissa beyond 64 bits,
  // or on a power of ten beyond kMaxExponent.
  static std::optional<Decimal> parse(std::string_view text);

  std::int64_t mantissa() const { return mantissa_; }
  int exponent() const { return exponent_; }
  bool is_zero() const { return mantissa_ == 0; }
  bool is_integer() const;
  // Whether its power of ten is within kMaxExponent either way, as parse requires: only
  // such a value prints as text that reads back. Sums and products of scale words (万亿,
  // repeated) can leave it; what reads numerals and units asks.
  bool in_range() const;

  // Exact arithmetic; nullopt when the mantissa would leave 64 bits, and for times, when
  // the product leaves the range.
  std::optional<Decimal> plus(Decimal other) const;
  std::optional<Decimal> times(Decimal other) const;
  Decimal scaled(int power_of_ten) const { return Decimal(mantissa_, exponent_ + power_of_ten); }
  Decimal negated() const { return Decimal(-mantissa_, exponent_); }

  // Plain notation, never an exponent: "2860000000", "0.5", "-3.25".
  std::string to_string() const;
  // The same, appended to out.
  void append_to(std::string& out) const;
  // The most bytes its plain notation takes: a sign, 19 digits, "0." and the zeros its power
  // of ten adds.
  std::size_t plain_size_bound() const;
  // Writes the plain notation at out, which has room for plain_size_bound() bytes; returns
  // where it ends. What the record printer writes with.
  char* write_plain(char* out) const;

  friend bool operator==(Decimal a, Decimal b);

 private:
  Decimal normalized() const;

  std::int64_t mantissa_ = 0;
  int exponent_ = 0;
};

}  // namespace quantex
