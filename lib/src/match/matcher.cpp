#include "quantex/matcher.hpp"

#include <algorithm>
#include <bitset>

#include "quantex/utf8.hpp"

namespace quantex {

detail::CharTable::CharTable(const Language& language)
    : marks_(language.marks), numerals_(language.numerals), numeral_(numerals_.body()) {
  // ASCII is read byte by byte, without the table: its marks stay out of either_.
  std::bitset<kSize> ascii;
  for (char32_t c = 0; c < 0x80; ++c) ascii.set(c);
  either_ = numeral_ | (marks_.clause_marks() & ~ascii);
}

bool detail::CharTable::inside_number(char32_t c) const {
  return numerals_.is_arabic_point(c) || numerals_.is_arabic_separator(c) ||
         numerals_.glyph(c).role == Numerals::Role::kPoint;
}

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

bool is_digit(unsigned char byte) { return byte >= '0' && byte <= '9'; }

// Whether a full-width digit (０-９, EF BC 90-99) starts at pos.
bool full_width_digit_at(std::string_view text, std::size_t pos) {
  return pos + 2 < text.size() && text.substr(pos, 2) == "\xEF\xBC" &&
         static_cast<unsigned char>(text[pos + 2]) >= 0x90 &&
         static_cast<unsigned char>(text[pos + 2]) <= 0x99;
}

// Whether an ASCII or full-width digit ends right before pos, or starts at pos.
bool digit_before(std::string_view text, std::size_t pos) {
  return (pos >= 1 && is_digit(static_cast<unsigned char>(text[pos - 1]))) ||
         (pos >= 3 && full_width_digit_at(text, pos - 3));
}
bool digit_at(std::string_view text, std::size_t pos) {
  return (pos < text.size() && is_digit(static_cast<unsigned char>(text[pos]))) ||
         full_width_digit_at(text, pos);
}

// No clause of a report runs past a few hundred bytes (426 in the corpus), but a table or a
// list pasted without punctuation can make one of megabytes, and a rule with an open gap
// (.*?) rescans the rest of its clause after each match: time that grows with the square of
// the clause. A longer clause is searched in pieces of at most this many bytes.
constexpr std::size_t kLongestClause = 4096;

// Whether the character that ends right before pos belongs to a number: a numeral, or a
// point or separator inside one (3.5, 1,246, ３．５, 三点五).
bool number_before(std::string_view text, std::size_t pos, const detail::CharTable& table) {
  if (pos == 0) return false;
  char32_t c = utf8::previous(text, pos);
  return table.numeral(c) || table.inside_number(c);
}

// Where a piece of a long clause that starts at begin ends: the last place before limit
// where a number starts, in the second half, so that numbers and the units after them stay
// whole; else the last character boundary before limit.
std::size_t piece_end(std::string_view text, std::size_t begin, std::size_t limit,
                      const detail::CharTable& table) {
  for (std::size_t pos = utf8::floor_boundary(text, limit); pos > begin + (limit - begin) / 2;
       pos = utf8::floor_boundary(text, pos - 1)) {
    std::size_t next = pos;
    if (table.numeral(utf8::next(text, next)) && !number_before(text, pos, table)) return pos;
  }
  return utf8::floor_boundary(text, limit);
}

// Where the last numeral of text[begin, end) starts, or kNone.
std::size_t last_numeral_in(std::string_view text, std::size_t begin, std::size_t end,
                            const detail::CharTable& table) {
  for (std::size_t pos = end; pos > begin;) {
    if (table.numeral(utf8::previous(text, pos))) return pos;
  }
  return kNone;
}

}  // namespace

void Matcher::find(std::string_view text, Matches& out) const {
  out.hits.clear();
  out.groups.clear();
  if (rules_.rules().empty()) return;
  const detail::CharTable& table = chars_;
  std::size_t begin = 0;
  std::size_t last_numeral = kNone;  // where the clause's last numeral starts
  // A clause mark at [at, next) ends the clause before it.
  auto end_clause = [&](std::size_t at, std::size_t next) {
    if (last_numeral != kNone) find_in_clause(text, begin, at, last_numeral, out);
    begin = next;
    last_numeral = kNone;
  };
  const std::size_t size = text.size();
  for (std::size_t pos = 0; pos < size;) {
    auto byte = static_cast<unsigned char>(text[pos]);
    if (byte >= 0xE0 && byte < 0xF0 && pos + 2 < size) {
      // Most of the text: a Chinese character, most often neither numeral nor mark.
      char32_t c = utf8::three_byte_at(text, pos);
      std::size_t at = pos;
      pos += 3;
      if (!table.numeral_or_mark(c)) continue;
      if (table.numeral(c)) {
        last_numeral = at;
      } else if (!table.separator(c) || !(digit_before(text, at) && digit_at(text, pos))) {
        end_clause(at, pos);  // but １，２４６ (a separator between digits) is one number
      }
    } else if (byte < 0x80) {
      std::size_t at = pos++;
      if (is_digit(byte)) {
        last_numeral = at;
      } else if (table.ends_clause(byte) &&
                 // 1,246 is one number; any other comma ends a clause.
                 !(table.separator(byte) && digit_before(text, at) && digit_at(text, pos))) {
        end_clause(at, pos);
      }
    } else {
      pos += utf8::sequence_length(byte);
    }
  }
  if (last_numeral != kNone) find_in_clause(text, begin, size, last_numeral, out);
}

void Matcher::find_in_clause(std::string_view line, std::size_t begin, std::size_t end,
                             std::size_t last_numeral, Matches& out) const {
  const detail::CharTable& table = chars_;
  while (end - begin > kLongestClause) {
    std::size_t cut = piece_end(line, begin, begin + kLongestClause, table);
    if (std::size_t last = last_numeral_in(line, begin, cut, table); last != kNone) {
      find_in_piece(line, begin, cut, last, out);
    }
    begin = cut;
  }
  if (last_numeral >= begin) find_in_piece(line, begin, end, last_numeral, out);
}

void Matcher::find_in_piece(std::string_view line, std::size_t begin, std::size_t end,
                            std::size_t last_numeral, Matches& out) const {
  // The clause is the whole text RE2 sees, so ^ and $ match at its ends.
  const re2::StringPiece clause(line.data() + begin, end - begin);
  prefilter_.find_literals(std::string_view(clause.data(), clause.size()), out.atoms);
  // Clauses keep finding the same few sets of literals; asking the filter costs more than
  // remembering its answer.
  std::optional<std::span<const int>> known = out.answers.find(out.atoms);
  if (!known) {
    prefilter_.candidates(out.atoms, out.candidates);
    known = out.answers.remember(out.atoms, out.candidates);
  }
  // Exclusions only take text away from indicators: where no indicator matched, they have
  // nothing to take, so they run after the others and only in clauses those matched in.
  const std::size_t hits_before = out.hits.size();
  for (bool exclusions : {false, true}) {
    if (exclusions && out.hits.size() == hits_before) return;
    for (int index : *known) {
      if (rules_.rules()[static_cast<std::size_t>(index)].excludes() == exclusions) {
        match_rule(index, clause, begin, last_numeral, out);
      }
    }
  }
}

void Matcher::match_rule(int index, const re2::StringPiece& clause, std::size_t begin,
                         std::size_t last_numeral, Matches& out) const {
  const Rule& rule = rules_.rules()[static_cast<std::size_t>(index)];
  const Compiled& compiled = compiled_[static_cast<std::size_t>(index)];
  const RE2& regex = compiled.regex->get();
  auto count = static_cast<std::size_t>(compiled.group_count);
  // Every match holds a numeral: past the last one there is nothing more to find.
  std::size_t pos = 0;
  while (pos <= last_numeral - begin) {
    std::size_t first = out.groups.size();
    out.groups.resize(first + count);
    // The bounds alone, which RE2's DFAs find; the groups, if any, from what is known.
    if (!regex.Match(clause, pos, clause.size(), RE2::UNANCHORED, &out.groups[first], 1)) {
      out.groups.resize(first);
      break;
    }
    if (count > 1) {
      out.group_spans.fill(regex, index, compiled.digits_alike, clause, &out.groups[first],
                           static_cast<int>(count));
    }
    const re2::StringPiece whole = out.groups[first];
    std::size_t stop = static_cast<std::size_t>(whole.data() - clause.data()) + whole.size();
    if (whole.empty()) {
      // An empty match says nothing; step over one character, never into the middle of one.
      out.groups.resize(first);
      stop = stop < clause.size()
                 ? stop + utf8::sequence_length(static_cast<unsigned char>(clause[stop]))
                 : stop + 1;
    } else {
      out.hits.push_back({&rule, &compiled.numbers, first});
    }
    pos = stop;
  }
}

}  // namespace quantex
