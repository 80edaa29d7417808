#include "quantex/explain.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "quantex/collector.hpp"
#include "quantex/extractor.hpp"
#include "quantex/numeral.hpp"
#include "quantex/utf8.hpp"

namespace quantex {
namespace {

// Why a match did not normalize: its unit, its number, or its change.
std::string why_not(const Rule& rule, const Captures& captures, const RuleSet& rules) {
  if (rules.unit(rule.kind, captures.unit) == nullptr) {
    return fmt::format("the unit '{}' is not in the units of {}", captures.unit, rule.kind);
  }
  std::string_view value = captures.value.empty() ? captures.max : captures.value;
  if (!read_numeral(value, rules.language())) {
    return fmt::format("the number '{}' does not read (quantex number '{}' says how)", value,
                       value);
  }
  if (!captures.from_unit.empty()) {
    const UnitEntry* from = rules.unit(rule.kind, captures.from_unit);
    const UnitEntry* to = rules.unit(rule.kind, captures.unit);
    if (from == nullptr || from->canonical != to->canonical) {
      return fmt::format("a change from '{}' to '{}' is between different units",
                         captures.from_unit, captures.unit);
    }
  }
  return "its numbers do not read together (a range's or a change's other end)";
}

// Collects what the extractor shows of each line into the transcript.
class Transcript : public Trace {
 public:
  explicit Transcript(const RuleSet& rules) : rules_(rules) {}

  void line(const Line& line, std::string_view cleaned, bool matched) override {
    out += fmt::format("line {}: {}\n", line.number, line.text);
    if (cleaned != line.text) out += fmt::format("  cleaned: {}\n", cleaned);
    cleaned_ = cleaned;
    covered_.assign(cleaned.size(), false);
    reasons_.clear();
    reason_at_.assign(cleaned.size(), kNoReason);
    if (!matched) missed_numbers();
  }

  void hit(const Rule& rule, std::string_view match, const Captures& captures,
           const std::optional<Normalized>& normalized) override {
    if (rule.excludes()) {
      out += fmt::format("  {} matched '{}': text no indicator may take\n", rule.id, match);
    } else if (normalized) {
      out += fmt::format("  {} matched '{}': {}\n", rule.id, match, describe(*normalized));
    } else {
      out += fmt::format("  {} matched '{}': dropped, {}\n", rule.id, match,
                         why_not(rule, captures, rules_));
    }
  }

  void resolved(const std::vector<Candidate>& candidates, const std::vector<const Rule*>& rules,
                const std::vector<std::size_t>& kept) override {
    auto text = [&](const Candidate& c) { return cleaned_.substr(c.text.begin, c.text.size()); };
    std::vector<bool> is_kept(candidates.size(), false);
    for (std::size_t k : kept) is_kept[k] = true;
    auto overlaps = [](const Candidate& a, const Candidate& b) {
      for (int i = 0; i < a.claim_count; ++i) {
        for (int j = 0; j < b.claim_count; ++j) {
          if (a.claims[i].begin < b.claims[j].end && b.claims[j].begin < a.claims[i].end) {
            return true;
          }
        }
      }
      return false;
    };
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      const Candidate& c = candidates[i];
      if (is_kept[i]) {
        for (std::size_t b = c.text.begin; b < c.text.end; ++b) covered_[b] = true;
        continue;
      }
      // What a number left without a record was part of, for missed_numbers.
      reasons_.push_back(c.yields_record
                             ? fmt::format("{} '{}' lost, above", rules[i]->id, text(c))
                             : fmt::format("{} '{}' excludes it", rules[i]->id, text(c)));
      for (std::size_t b = c.text.begin; b < c.text.end; ++b) {
        if (reason_at_[b] == kNoReason) reason_at_[b] = reasons_.size() - 1;
      }
      if (!c.yields_record) continue;
      // The winner is a kept candidate whose claims overlap this one's, else an exclusion.
      for (std::size_t j = 0; j < candidates.size(); ++j) {
        if (j == i || !overlaps(c, candidates[j])) continue;
        if (!is_kept[j] && candidates[j].yields_record) continue;
        const Candidate& w = candidates[j];
        bool wins = w.priority != c.priority         ? w.priority > c.priority
                    : w.text.size() != c.text.size() ? w.text.size() > c.text.size()
                                                     : w.rule_order < c.rule_order;
        if (!wins) continue;
        std::string reason = w.priority != c.priority
                                 ? fmt::format("priority {} over {}", w.priority, c.priority)
                             : w.text.size() != c.text.size() ? "its text is longer"
                                                              : "its rule comes first";
        out += fmt::format("  lost: {} '{}' to {} '{}' ({})\n", rules[i]->id, text(c), rules[j]->id,
                           text(w), reason);
        break;
      }
    }
    for (std::size_t k : kept) {
      if (candidates[k].yields_record) {
        out += fmt::format("  kept: {} '{}'\n", rules[k]->id, text(candidates[k]));
      }
    }
    missed_numbers();
  }

  // Numbers of the line that no kept record holds, each with why: the candidate it was part
  // of, or no rule at all (with the words around it). Said once the line is resolved, or at
  // once when no rule matched in it.
  void missed_numbers() {
    const Numerals& numerals = rules_.language().numerals;
    std::size_t run = 0;  // where the number being read began
    bool in_run = false;
    for (std::size_t pos = 0; pos <= cleaned_.size();) {
      std::size_t begin = pos;
      bool numeral = false;
      if (pos < cleaned_.size()) {
        numeral = numerals.in_numeral(utf8::next(cleaned_, pos)) && !covered_[begin];
      } else {
        ++pos;
      }
      if (numeral && !in_run) run = begin;
      if (!numeral && in_run) say_missed(run, begin);
      in_run = numeral;
    }
  }

  void say_missed(std::size_t begin, std::size_t end) {
    std::string_view number = cleaned_.substr(begin, end - begin);
    for (std::size_t b = begin; b < end; ++b) {
      if (reason_at_[b] != kNoReason) {
        out += fmt::format("  no record for '{}': {}\n", number, reasons_[reason_at_[b]]);
        return;
      }
    }
    // Up to four characters either side show where it stands.
    std::size_t from = begin, to = end;
    for (int i = 0; i < 4 && from > 0; ++i) utf8::previous(cleaned_, from);
    for (int i = 0; i < 4 && to < cleaned_.size(); ++i) utf8::next(cleaned_, to);
    out += fmt::format("  no record for '{}': no rule matches it (in '{}')\n", number,
                       cleaned_.substr(from, to - from));
  }

  std::string out;

 private:
  const RuleSet& rules_;
  std::string_view cleaned_;
  std::vector<bool> covered_;  // bytes a kept record holds
  // For each byte, the first candidate that held it and was not kept, as its reason.
  static constexpr std::size_t kNoReason = ~std::size_t{0};
  std::vector<std::string> reasons_;
  std::vector<std::size_t> reason_at_;
};

}  // namespace

std::string explain(const Matcher& matcher, std::string_view text) {
  const RuleSet& rules = matcher.rules();
  Transcript transcript(rules);
  Extractor extractor(matcher, {});
  extractor.trace(&transcript);
  MemorySource source(text);
  LineReader lines(source, {.marks = &rules.language().marks});
  Collector collector;
  extractor.extract("explain", lines, collector);
  std::string out = std::move(transcript.out);
  // The records, with their meaning, after the reading of their lines.
  std::string records;
  for (const OwnedRecord& r : collector.records()) {
    records += fmt::format("  line {}, column {}: {} {} {} {}", r.line, r.col, r.rule, r.text,
                           op_symbol(r.op), r.value.to_string());
    records += fmt::format(" {}; subject '{}'; change {}; {}\n", r.unit, r.subject,
                           r.change == Change::kNone ? "none" : change_name(r.change),
                           r.target ? "a goal" : "a result");
  }
  if (!records.empty()) out += "records:\n" + records;
  if (collector.records().empty()) out += "no record\n";
  return out;
}

}  // namespace quantex
