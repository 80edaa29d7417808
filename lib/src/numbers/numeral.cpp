#include "quantex/numeral.hpp"

#include <new>
#include <string>
#include <type_traits>

#include "quantex/utf8.hpp"

namespace quantex {
namespace {

enum class Kind {
  kNone,
  kDigit,
  kZero,
  kArabic,
  kSmallUnit,
  kBigUnit,
  kPoint,
  kMore,
  kHalf,
  kGe,
  kDozen,
  kKilo
};

struct Token {
  Kind kind;
  Decimal value;  // digit value, Arabic value
  int power = 0;  // units: the power of ten
};

// A short text held in place: numerals are read once per match, so they must not allocate,
// nor construct the slots they do not fill (48 tokens are 1.5 KB).
template <class T, std::size_t N>
class Small {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  Small() {}  // the slots stay unconstructed until filled
  // false once full: nothing that long is a numeral.
  bool push_back(const T& item) {
    if (size_ == N) return false;
    new (&slots_.items[size_++]) T(item);
    return true;
  }
  void clear() { size_ = 0; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](std::size_t i) const { return slots_.items[i]; }
  const T* begin() const { return slots_.items; }
  const T* end() const { return slots_.items + size_; }

 private:
  union Slots {
    Slots() {}
    T items[N];
  } slots_;
  std::size_t size_ = 0;
};

using Tokens = Small<Token, 48>;
using Chars = Small<char, 48>;

// The reader's kind of a glyph's role.
Kind kind_of(Numerals::Role role) {
  using Role = Numerals::Role;
  switch (role) {
    case Role::kDigit: return Kind::kDigit;
    case Role::kZero: return Kind::kZero;
    case Role::kPlace: return Kind::kSmallUnit;
    case Role::kScale: return Kind::kBigUnit;
    case Role::kPoint: return Kind::kPoint;
    case Role::kMore: return Kind::kMore;
    case Role::kHalf: return Kind::kHalf;
    case Role::kGe: return Kind::kGe;
    case Role::kDozen: return Kind::kDozen;
    case Role::kKilo: return Kind::kKilo;
    case Role::kMinus:
    case Role::kNone: break;
  }
  return Kind::kNone;
}

// Folds a full-width digit, and an Arabic point or separator, to ASCII; 0 for any other
// character.
char arabic_char(char32_t c, const Numerals& numerals) {
  if (c >= U'0' && c <= U'9') return static_cast<char>(c);
  if (is_arabic_digit(c)) return static_cast<char>('0' + (c - U'０'));
  if (numerals.is_arabic_point(c)) return '.';
  if (numerals.is_arabic_separator(c)) return ',';
  return 0;
}

// "1,050,000.5" -> Decimal; separators must group exactly three digits, before the point.
std::optional<Decimal> parse_arabic(const Chars& run) {
  Chars plain;
  if (!run.empty() && run[0] == '.') plain.push_back('0');
  std::size_t digits_since_comma = 0;
  bool seen_comma = false;
  bool seen_point = false;
  for (char c : run) {
    if (c == ',') {
      if (seen_point || plain.empty() || (seen_comma && digits_since_comma != 3)) {
        return std::nullopt;
      }
      if (!seen_comma && digits_since_comma > 3) return std::nullopt;
      seen_comma = true;
      digits_since_comma = 0;
      continue;
    }
    if (c == '.') {
      if (seen_comma && digits_since_comma != 3) return std::nullopt;
      seen_point = true;
    } else if (!seen_point) {
      ++digits_since_comma;
    }
    if (!plain.push_back(c)) return std::nullopt;
  }
  if (seen_comma && !seen_point && digits_since_comma != 3) return std::nullopt;
  if (plain[plain.size() - 1] == '.') return std::nullopt;
  return Decimal::parse(std::string_view(plain.begin(), plain.size()));
}

// Splits text into tokens; false on a character that is not part of a numeral.
bool tokenize(std::string_view text, const Language& language, bool& negative, Tokens& tokens) {
  const Numerals& numerals = language.numerals;
  std::size_t pos = 0;
  Chars arabic;
  auto flush_arabic = [&]() {
    if (arabic.empty()) return true;
    auto value = parse_arabic(arabic);
    arabic.clear();
    return value && tokens.push_back({Kind::kArabic, *value});
  };
  bool first = true;
  while (pos < text.size()) {
    char32_t c = utf8::next(text, pos);
    if (language.marks.is_space(c) || language.marks.is_invisible(c)) continue;
    if (first && numerals.glyph(c).role == Numerals::Role::kMinus) {
      negative = true;
      first = false;
      continue;
    }
    first = false;
    if (char a = arabic_char(c, numerals)) {
      // A point right after Chinese digits is not Arabic: 三.5 is not a numeral.
      if (a == ',' && arabic.empty()) return false;
      if (!arabic.push_back(a)) return false;
      continue;
    }
    if (!flush_arabic()) return false;
    Numerals::Glyph glyph = numerals.glyph(c);
    Kind kind = kind_of(glyph.role);
    if (kind == Kind::kNone) return false;
    if (!tokens.push_back({kind, Decimal(glyph.number, 0), glyph.number})) return false;
  }
  return flush_arabic();
}

// 两三, 三五, 七八: neighbouring digits name an approximate range, not one number.
bool is_approximate_pair(const Tokens& tokens) {
  if (tokens.size() != 2 || tokens[0].kind != Kind::kDigit || tokens[1].kind != Kind::kDigit) {
    return false;
  }
  auto a = tokens[0].power;
  auto b = tokens[1].power;
  return b > a && b - a <= 2;
}

// 二〇二一, 九九: Chinese digits with no unit read positionally.
std::optional<Decimal> read_positional(const Tokens& tokens) {
  if (tokens.size() < 2 || is_approximate_pair(tokens)) return std::nullopt;
  std::int64_t value = 0;
  for (const Token& t : tokens) {
    if (t.kind != Kind::kDigit && t.kind != Kind::kZero) return std::nullopt;
    if (value > 100000000000000000) return std::nullopt;
    value = value * 10 + t.power;
  }
  return Decimal(value, 0);
}

bool is_digit_like(Kind k) { return k == Kind::kDigit || k == Kind::kZero; }

// The grammar of Chinese numerals, with Arabic numbers allowed wherever a digit is.
class Reader {
 public:
  explicit Reader(const Tokens& tokens) : tokens_(tokens) {}

  std::optional<Numeral> read() {
    if (tokens_.empty()) return std::nullopt;
    while (i_ < tokens_.size()) {
      if (!step()) return std::nullopt;
    }
    if (!finish_pending()) return std::nullopt;
    auto total = result_.plus(section_);
    if (!total) return std::nullopt;
    if (dozen_) total = total->times(Decimal(12, 0));
    if (!total || !seen_value_ || !total->in_range()) return std::nullopt;
    return Numeral{*total, more_, trailing_scale()};
  }

 private:
  bool step() {
    const Token& t = tokens_[i_++];
    if (dozen_) return false;  // 打 only ends a numeral
    switch (t.kind) {
      case Kind::kDigit: return digit(t.value, true);
      case Kind::kArabic: return digit(t.value, false);
      case Kind::kZero: return zero();
      case Kind::kSmallUnit: return small_unit(t.power);
      case Kind::kBigUnit: return big_unit(t.power);
      case Kind::kPoint: return point();
      case Kind::kMore: return more();
      case Kind::kHalf: return half();
      case Kind::kGe: return ge();
      case Kind::kDozen:
        dozen_ = seen_value_;
        last_ = Kind::kDozen;
        return dozen_;
      case Kind::kKilo: return kilo();
      case Kind::kNone: break;
    }
    return false;
  }

  bool digit(Decimal value, bool chinese) {
    if (pending_ || fraction_done_) return false;
    if (last_ == Kind::kArabic || last_ == Kind::kDigit) return false;
    pending_ = value;
    pending_chinese_ = chinese;
    seen_value_ = true;
    last_ = chinese ? Kind::kDigit : Kind::kArabic;
    return true;
  }

  bool zero() {
    if (fraction_done_) return false;
    // A leading 零 before a point is the integer part (零点五); elsewhere it only marks a
    // skipped place (一百零五), so the digit after it is not an abbreviation.
    bool starts = result_.is_zero() && section_.is_zero() && !pending_;
    if (starts && i_ < tokens_.size() && tokens_[i_].kind == Kind::kPoint) {
      pending_ = Decimal(0, 0);
      seen_value_ = true;
    } else if (starts && i_ == tokens_.size()) {
      pending_ = Decimal(0, 0);
      seen_value_ = true;
    } else if (pending_) {
      return false;
    }
    zero_seen_ = true;
    last_ = Kind::kZero;
    return true;
  }

  bool small_unit(int power) {
    if (fraction_done_) return false;
    if (last_small_ != 0 && power >= last_small_) return false;
    Decimal multiplier(1, 0);
    if (pending_) {
      multiplier = *pending_;
    } else if (!(last_ == Kind::kNone || last_ == Kind::kBigUnit || last_ == Kind::kZero ||
                 last_ == Kind::kHalf)) {
      return false;
    } else if (last_ == Kind::kHalf) {
      multiplier = Decimal(5, -1);
    }
    auto added = section_.plus(multiplier.scaled(power));
    if (!added) return false;
    section_ = *added;
    pending_.reset();
    last_small_ = power;
    zero_seen_ = false;
    seen_value_ = true;
    last_ = Kind::kSmallUnit;
    return true;
  }

  bool big_unit(int power) {
    if (last_ == Kind::kBigUnit || (last_ == Kind::kMore && previous_was_big_)) {
      // 万亿, 万万: consecutive scale words multiply what came before; three never occur.
      if (result_.is_zero() || ++big_run_ > 1) return false;
      result_ = result_.scaled(power);
      max_big_ += power;
      last_big_ = max_big_;
      last_ = Kind::kBigUnit;
      return true;
    }
    if (!finish_pending_before_big()) return false;
    big_run_ = 0;
    Decimal group = section_;
    if (group.is_zero()) {
      if (last_ == Kind::kHalf) {
        group = Decimal(5, -1);
      } else if (last_ == Kind::kNone || (last_ == Kind::kMore && !result_.is_zero())) {
        group = Decimal(1, 0);  // a scale word alone is one of it: 万亿 is 10^12
      } else if (last_ != Kind::kMore && last_ != Kind::kZero) {
        return false;
      }
      if (group.is_zero() && !seen_value_) return false;
    }
    if (power > max_big_) {
      auto sum = result_.plus(group);
      if (!sum) return false;
      result_ = sum->scaled(power);
      max_big_ = power;
    } else {
      if (power >= last_big_) return false;
      auto sum = result_.plus(group.scaled(power));
      if (!sum) return false;
      result_ = *sum;
    }
    last_big_ = power;
    section_ = Decimal();
    last_small_ = 0;
    zero_seen_ = false;
    fraction_done_ = false;
    seen_value_ = true;
    last_ = Kind::kBigUnit;
    return true;
  }

  bool point() {
    if (fraction_done_) return false;
    if (!pending_ && section_.is_zero() && result_.is_zero()) return false;
    if (!finish_pending()) return false;
    std::string fraction;
    while (i_ < tokens_.size()) {
      const Token& t = tokens_[i_];
      if (is_digit_like(t.kind)) {
        fraction += static_cast<char>('0' + t.power);
      } else if (t.kind == Kind::kArabic && t.value.is_integer() && t.value.exponent() == 0 &&
                 fraction.empty()) {
        fraction += t.value.to_string();
      } else {
        break;
      }
      ++i_;
    }
    if (fraction.empty()) return false;
    auto value = Decimal::parse("0." + fraction);
    if (!value) return false;
    auto sum = section_.plus(*value);
    if (!sum) return false;
    section_ = *sum;
    fraction_done_ = true;
    last_ = Kind::kPoint;
    return true;
  }

  bool more() {
    if (more_ || !seen_value_) return false;
    more_ = true;
    previous_was_big_ = last_ == Kind::kBigUnit;
    if (!finish_pending()) return false;
    last_ = Kind::kMore;
    return true;
  }

  bool half() {
    if (last_ == Kind::kNone) {  // 半, 半百
      seen_value_ = true;
      last_ = Kind::kHalf;
      if (i_ == tokens_.size()) section_ = Decimal(5, -1);
      return true;
    }
    if (last_ != Kind::kGe) return false;  // 一个半
    if (i_ != tokens_.size()) return false;
    auto sum = section_.plus(Decimal(5, -1));
    if (!sum) return false;
    section_ = *sum;
    last_ = Kind::kHalf;
    return true;
  }

  bool ge() {
    if (!seen_value_ || i_ + 1 != tokens_.size() || tokens_[i_].kind != Kind::kHalf) return false;
    if (!finish_pending()) return false;
    last_ = Kind::kGe;
    return true;
  }

  bool kilo() {
    if (last_ != Kind::kArabic || !pending_) return false;
    pending_ = pending_->scaled(3);
    last_ = Kind::kKilo;
    return true;
  }

  // The powers of the scale words that end the numeral: 3千万 ends in 10^7, 二十万 in 10^4
  // (十 belongs to the digits: twenty, not two tens).
  int trailing_scale() const {
    int scale = 0;
    for (std::size_t j = tokens_.size(); j-- > 0;) {
      Kind k = tokens_[j].kind;
      if (k == Kind::kMore) continue;
      bool scale_word = k == Kind::kBigUnit || k == Kind::kKilo ||
                        (k == Kind::kSmallUnit && tokens_[j].power > 1);
      if (!scale_word) break;
      scale += k == Kind::kKilo ? 3 : tokens_[j].power;
    }
    return scale;
  }

  // Before a scale word a digit is plain: 四千零五万 has 五, not 五百.
  bool finish_pending_before_big() {
    if (!pending_) return true;
    auto sum = section_.plus(*pending_);
    if (!sum) return false;
    section_ = *sum;
    pending_.reset();
    return true;
  }

  // At the end, a lone Chinese digit right after a unit is an abbreviation of the next
  // lower place: 一百五 is 150, 一万三 is 13000; after 零 it is plain: 一百零五 is 105.
  bool finish_pending() {
    if (!pending_) return true;
    Decimal value = *pending_;
    if (pending_chinese_ && !zero_seen_) {
      int place = 0;
      if (last_small_ > 0 && last_before_pending() == Kind::kSmallUnit) {
        place = last_small_ - 1;
      } else if (last_before_pending() == Kind::kBigUnit) {
        place = last_big_ - 1;
      }
      value = value.scaled(place);
    }
    auto sum = section_.plus(value);
    if (!sum) return false;
    section_ = *sum;
    pending_.reset();
    return true;
  }

  // The kind of token before the pending digit.
  Kind last_before_pending() const {
    for (std::size_t j = i_; j-- > 0;) {
      Kind k = tokens_[j].kind;
      if (k == Kind::kDigit || k == Kind::kArabic) {
        return j == 0 ? Kind::kNone : tokens_[j - 1].kind;
      }
    }
    return Kind::kNone;
  }

  const Tokens& tokens_;
  std::size_t i_ = 0;
  Decimal result_;   // groups already multiplied by their scale word
  Decimal section_;  // the group below the next scale word
  std::optional<Decimal> pending_;
  bool pending_chinese_ = false;
  bool zero_seen_ = false;
  bool fraction_done_ = false;
  bool seen_value_ = false;
  bool more_ = false;
  bool previous_was_big_ = false;
  bool dozen_ = false;
  int big_run_ = 0;  // scale words in a row after the first
  int last_small_ = 0;
  int last_big_ = 0;
  int max_big_ = 0;
  Kind last_ = Kind::kNone;
};

}  // namespace

std::optional<Numeral> read_numeral(std::string_view text, const Language& language) {
  bool negative = false;
  Tokens tokens;
  if (!tokenize(text, language, negative, tokens)) return std::nullopt;
  std::optional<Numeral> numeral;
  if (auto positional = read_positional(tokens)) {
    numeral = Numeral{*positional, false, 0};
  } else if (!is_approximate_pair(tokens)) {
    numeral = Reader(tokens).read();
  }
  if (numeral && negative) numeral->value = numeral->value.negated();
  return numeral;
}

}  // namespace quantex
