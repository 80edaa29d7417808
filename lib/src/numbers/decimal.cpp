#include "quantex/decimal.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>

namespace quantex {
namespace {

using Wide = __int128;
constexpr Wide kMax = std::numeric_limits<std::int64_t>::max();

bool fits(Wide v) { return v <= kMax && v >= -kMax; }

// Multiplies by 10^n in 128 bits; nullopt once the result cannot fit 64 bits.
std::optional<Wide> times_power_of_ten(Wide v, int n) {
  for (int i = 0; i < n; ++i) {
    v *= 10;
    if (!fits(v)) return std::nullopt;
  }
  return v;
}

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && text[i] == '-') {
    negative = true;
    ++i;
  }
  // Zeros are held back until a digit that is not one follows: trailing zeros then never
  // overflow the mantissa (1 followed by 52 zeros reads as 1e52, as it prints).
  Wide mantissa = 0;
  std::int64_t fraction_digits = 0;  // in the mantissa, after the point
  std::int64_t zeros = 0;            // held back: before the point, then after it
  std::int64_t fraction_zeros = 0;   // of those, the ones after the point
  int digits = 0;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '0') {
      ++zeros;
      fraction_zeros += seen_point;
      ++digits;
    } else if (c >= '1' && c <= '9') {
      if (mantissa != 0) {
        auto shifted =
            times_power_of_ten(mantissa, static_cast<int>(std::min<std::int64_t>(zeros, 40)));
        if (!shifted || zeros > 40) return std::nullopt;
        mantissa = *shifted;
      }
      mantissa = mantissa * 10 + (c - '0');
      if (!fits(mantissa)) return std::nullopt;
      fraction_digits += fraction_zeros + seen_point;
      zeros = fraction_zeros = 0;
      ++digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (digits == 0) return std::nullopt;
  std::int64_t exponent = (zeros - fraction_zeros) - fraction_digits;
  if (i < text.size()) {
    if (text[i] != 'e' && text[i] != 'E') return std::nullopt;
    int power = 0;
    const char* first = text.data() + i + 1;
    const char* last = text.data() + text.size();
    if (first < last && *first == '+') ++first;
    auto [end, ec] = std::from_chars(first, last, power);
    if (ec != std::errc() || end != last || first == last) return std::nullopt;
    if (power > kMaxExponent || power < -kMaxExponent) return std::nullopt;
    exponent += power;
  }
  if (mantissa == 0) return Decimal(0, 0);
  // Digits after the point count too: 0.000…1 with a thousand zeros is refused.
  if (exponent > kMaxExponent || exponent < -kMaxExponent) return std::nullopt;
  auto m = static_cast<std::int64_t>(mantissa);
  return Decimal(negative ? -m : m, static_cast<int>(exponent)).normalized();
}

bool Decimal::is_integer() const {
  Decimal n = normalized();
  return n.exponent_ >= 0;
}

bool Decimal::in_range() const {
  Decimal n = normalized();
  return n.exponent_ <= kMaxExponent && n.exponent_ >= -kMaxExponent;
}

Decimal Decimal::normalized() const {
  if (mantissa_ == 0) return Decimal(0, 0);
  std::int64_t m = mantissa_;
  int e = exponent_;
  while (m % 10 == 0) {
    m /= 10;
    ++e;
  }
  return Decimal(m, e);
}

std::optional<Decimal> Decimal::plus(Decimal other) const {
  Decimal a = normalized();
  Decimal b = other.normalized();
  if (a.is_zero()) return b;
  if (b.is_zero()) return a;
  int e = std::min(a.exponent_, b.exponent_);
  auto ma = times_power_of_ten(a.mantissa_, a.exponent_ - e);
  auto mb = times_power_of_ten(b.mantissa_, b.exponent_ - e);
  if (!ma || !mb) return std::nullopt;
  Wide sum = *ma + *mb;
  if (!fits(sum)) return std::nullopt;
  return Decimal(static_cast<std::int64_t>(sum), e).normalized();
}

std::optional<Decimal> Decimal::times(Decimal other) const {
  Decimal a = normalized();
  Decimal b = other.normalized();
  Wide product = static_cast<Wide>(a.mantissa_) * b.mantissa_;
  if (!fits(product)) return std::nullopt;
  Decimal result = Decimal(static_cast<std::int64_t>(product), a.exponent_ + b.exponent_);
  if (!result.in_range()) return std::nullopt;
  return result.normalized();
}

std::string Decimal::to_string() const {
  std::string out;
  append_to(out);
  return out;
}

void Decimal::append_to(std::string& out) const {
  const std::size_t at = out.size();
  out.resize(at + plain_size_bound());
  out.resize(static_cast<std::size_t>(write_plain(out.data() + at) - out.data()));
}

std::size_t Decimal::plain_size_bound() const {
  return 22 + static_cast<std::size_t>(exponent_ < 0 ? -exponent_ : exponent_);
}

char* Decimal::write_plain(char* out) const {
  Decimal n = normalized();
  char buffer[24];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, n.mantissa_ < 0 ? -n.mantissa_ : n.mantissa_);
  const auto digits = static_cast<std::size_t>(end - buffer);
  auto copy = [&](std::size_t from, std::size_t count) {
    std::memcpy(out, buffer + from, count);
    out += count;
  };
  if (n.mantissa_ < 0) *out++ = '-';
  if (n.exponent_ >= 0) {
    copy(0, digits);
    if (n.mantissa_ != 0) out = std::fill_n(out, n.exponent_, '0');
    return out;
  }
  auto fraction = static_cast<std::size_t>(-n.exponent_);
  if (digits <= fraction) {
    *out++ = '0';
    *out++ = '.';
    out = std::fill_n(out, fraction - digits, '0');
    copy(0, digits);
  } else {
    copy(0, digits - fraction);
    *out++ = '.';
    copy(digits - fraction, fraction);
  }
  return out;
}

bool operator==(Decimal a, Decimal b) {
  Decimal x = a.normalized();
  Decimal y = b.normalized();
  return x.mantissa_ == y.mantissa_ && x.exponent_ == y.exponent_;
}

}  // namespace quantex
