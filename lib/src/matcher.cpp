#include "quantex/matcher.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "quantex/utf8.hpp"

namespace quantex {

Matcher::Matcher(const RuleSet& rules) : rules_(rules) {
  RE2::Options options;
  options.set_log_errors(false);
  for (const Rule& rule : rules.rules()) {
    int id = 0;
    if (filter_.Add(rule.pattern, options, &id) != RE2::NoError) {
      throw MatchError(fmt::format("rule {}: cannot filter", rule.id));
    }
    int last = std::max({rule.value, rule.unit, rule.from, rule.from_unit, rule.min, rule.max,
                         rule.subject});
    for (int q : rule.qualifiers) last = std::max(last, q);
    group_counts_.push_back(last + 1);
  }
  std::vector<std::string> atoms;
  filter_.Compile(&atoms);
  RE2::Options literal;
  literal.set_log_errors(false);
  literal.set_literal(true);
  literal.set_case_sensitive(false);
  atoms_ = std::make_unique<RE2::Set>(literal, RE2::UNANCHORED);
  for (const std::string& atom : atoms) atoms_->Add(atom, nullptr);
  if (!atoms.empty() && !atoms_->Compile()) throw MatchError("the rule filter is too large");
  filter_.AllPotentials({}, &always_);
}

namespace {

// Characters that make a clause worth searching: every indicator holds a numeral.
constexpr std::u32string_view kNumerals =
    U"零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億兩貳陸半";

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

bool is_digit(unsigned char byte) { return byte >= '0' && byte <= '9'; }

// The length of the clause mark at text[pos] (。，；！？： and ASCII ; ! ?, and a comma that is
// not between two digits), or 0. No rule match crosses one (rules/README.md).
std::size_t clause_mark(std::string_view text, std::size_t pos) {
  auto byte = static_cast<unsigned char>(text[pos]);
  if (byte == ';' || byte == '!' || byte == '?') return 1;
  if (byte == ',') {
    bool in_number = pos > 0 && pos + 1 < text.size() &&
                     is_digit(static_cast<unsigned char>(text[pos - 1])) &&
                     is_digit(static_cast<unsigned char>(text[pos + 1]));
    return in_number ? 0 : 1;
  }
  if (pos + 2 >= text.size()) return 0;
  auto b1 = static_cast<unsigned char>(text[pos + 1]);
  auto b2 = static_cast<unsigned char>(text[pos + 2]);
  if (byte == 0xE3 && b1 == 0x80 && b2 == 0x82) return 3;  // 。
  if (byte == 0xEF && b1 == 0xBC &&
      (b2 == 0x8C || b2 == 0x9B || b2 == 0x81 || b2 == 0x9F || b2 == 0x9A)) {
    return 3;  // ，；！？：
  }
  return 0;
}

// Whether the character at text[pos] is a digit (ASCII or full-width) or a Chinese numeral.
bool is_numeral(std::string_view text, std::size_t pos) {
  auto byte = static_cast<unsigned char>(text[pos]);
  if (is_digit(byte)) return true;
  if (byte < 0xE3 || byte > 0xEF) return false;
  std::size_t at = pos;
  char32_t c = utf8::next(text, at);
  return (c >= U'０' && c <= U'９') || kNumerals.find(c) != std::u32string_view::npos;
}

}  // namespace

void Matcher::find(std::string_view text, Matches& out) const {
  out.hits.clear();
  out.groups.clear();
  std::size_t begin = 0;
  std::size_t last_numeral = kNone;  // where the clause's last numeral starts
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t mark = clause_mark(text, pos);
    if (mark == 0) {
      if (is_numeral(text, pos)) last_numeral = pos;
      pos += utf8::sequence_length(static_cast<unsigned char>(text[pos]));
      continue;
    }
    if (last_numeral != kNone) find_in_clause(text, begin, pos, last_numeral, out);
    pos += mark;
    begin = pos;
    last_numeral = kNone;
  }
  if (last_numeral != kNone) find_in_clause(text, begin, text.size(), last_numeral, out);
}

void Matcher::find_in_clause(std::string_view line, std::size_t begin, std::size_t end,
                             std::size_t last_numeral, Matches& out) const {
  // The clause is the whole text RE2 sees, so ^ and $ match at its ends.
  const re2::StringPiece clause(line.data() + begin, end - begin);
  out.atoms.clear();
  RE2::Set::ErrorInfo error;
  if (!atoms_->Match(clause, &out.atoms, &error) && error.kind == RE2::Set::kOutOfMemory) {
    throw MatchError("RE2 ran out of memory on this line");
  }
  filter_.AllPotentials(out.atoms, &out.candidates);
  std::sort(out.candidates.begin(), out.candidates.end());
  for (int index : out.candidates) {
    const Rule& rule = rules_.rules()[static_cast<std::size_t>(index)];
    auto count = static_cast<std::size_t>(group_counts_[static_cast<std::size_t>(index)]);
    // Every match holds a numeral: past the last one there is nothing more to find.
    std::size_t pos = 0;
    while (pos <= last_numeral - begin) {
      std::size_t first = out.groups.size();
      out.groups.resize(first + count);
      if (!rule.regex->Match(clause, pos, clause.size(), RE2::UNANCHORED, &out.groups[first],
                             static_cast<int>(count))) {
        out.groups.resize(first);
        break;
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
        out.hits.push_back({&rule, first});
      }
      pos = stop;
    }
  }
}

}  // namespace quantex
