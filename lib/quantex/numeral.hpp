// The number reader: turns a written numeral into an exact decimal value, with the glyphs of
// the language's numerals (language.hpp, [language.numerals] in the rule files).
//
// It reads what Chinese reports write: Arabic and full-width digits with thousands separators
// and decimals (1,246  ３３．５), Chinese numerals (两 十二 一百零五 三千五百万 二〇二一 十七点八),
// financial and traditional forms (壹贰叁 拾佰仟 萬 億 兩), scale words after digits (3.5万
// 28.6亿 1.2万亿 3千万), a scale word alone (万亿 = one of it), 多/余/几 inside a number
// (3300多亿 10余万 4万余 二十几万), 半 (半 一个半 半百), 打 (a dozen), a k suffix, a leading
// minus sign or 负. Spaces and invisible characters inside the numeral are ignored. What each
// glyph and mark is, the language says (language.hpp).
//
// It rejects, rather than guesses: empty text, unknown characters, two digits without a unit
// between them where they do not spell digits positionally (一千二三), units out of order
// (十十, 三万五万), a dangling 点, an approximate pair such as 两三 or 三五 (two to three, three
// to five), and anything whose value leaves 64 bits of mantissa.
//
//   auto n = quantex::read_numeral("3300多亿", rules.language());
//   n->value.to_string();   // "330000000000"
//   n->more;                // true: the text says "more than"
//   n->scale;               // 8: the trailing scale word 亿
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "quantex/decimal.hpp"
#include "quantex/language.hpp"

namespace quantex {

struct Numeral {
  Decimal value;
  // 多, 余 or 几 inside the number: the amount is more than `value`.
  bool more = false;
  // Power of ten of the scale words that end the numeral (万 4, 亿 8, 万亿 12, 千 3), else 0.
  // A rule carries it to a bare number that shares the unit: 3至5万元 reads 3 as 3万.
  int scale = 0;
};

std::optional<Numeral> read_numeral(std::string_view text, const Language& language);

}  // namespace quantex
