#include "quantex/rule_tests.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "quantex/collector.hpp"
#include "quantex/extractor.hpp"
#include "quantex/source.hpp"

namespace quantex {
namespace {

std::vector<OwnedRecord> extract_text(const Matcher& matcher, const std::string& text) {
  Extractor extractor(matcher, {});
  MemorySource source(text);
  LineReader lines(source, {.marks = &matcher.rules().language().marks});
  Collector collector;
  extractor.extract("example", lines, collector);
  return collector.records();
}

std::string optional_text(const std::optional<Decimal>& d) { return d ? d->to_string() : "-"; }

std::string describe(const OwnedRecord& r) {
  std::string out =
      fmt::format("{} {} {} {} {}", r.rule, r.text, op_symbol(r.op), r.value.to_string(), r.unit);
  if (r.from) out += " from " + r.from->to_string();
  if (r.min) out += fmt::format(" range {}..{}", optional_text(r.min), optional_text(r.max));
  if (!r.subject.empty()) out += " subject " + r.subject;
  if (r.change != Change::kNone) out += fmt::format(" change {}", change_name(r.change));
  if (r.target) out += " target";
  for (const std::string& tag : r.tags) out += " #" + tag;
  return out;
}

bool same(const std::optional<Decimal>& expected, const std::optional<Decimal>& actual) {
  return !expected || (actual && *expected == *actual);
}

bool fulfils(const Example& example, const OwnedRecord& r) {
  const OwnedRecord& e = example.expected;
  return r.kind == e.kind && r.value == e.value && r.unit == e.unit && r.op == e.op &&
         same(e.from, r.from) && same(e.min, r.min) && same(e.max, r.max) &&
         (!example.states_subject || e.subject == r.subject) &&
         (!example.states_change || e.change == r.change) &&
         (!example.states_target || e.target == r.target) &&
         std::all_of(e.tags.begin(), e.tags.end(), [&](const std::string& tag) {
           return std::find(r.tags.begin(), r.tags.end(), tag) != r.tags.end();
         });
}

std::string expectation(const Example& example) {
  const OwnedRecord& e = example.expected;
  std::string out =
      fmt::format("{} {} {} {}", e.kind, op_symbol(e.op), e.value.to_string(), e.unit);
  if (e.from) out += " from " + e.from->to_string();
  if (e.min) out += fmt::format(" range {}..{}", optional_text(e.min), optional_text(e.max));
  if (example.states_subject) out += " subject " + e.subject;
  if (example.states_change) {
    out += fmt::format(" change {}", e.change == Change::kNone ? "none" : change_name(e.change));
  }
  if (example.states_target) out += e.target ? " target" : " no target";
  for (const std::string& tag : e.tags) out += " #" + tag;
  return out;
}

}  // namespace

RuleTestReport run_rule_tests(const Matcher& matcher) {
  RuleTestReport report;
  for (const Rule& rule : matcher.rules().rules()) {
    for (const Example& example : rule.examples) {
      ++report.examples;
      auto records = extract_text(matcher, example.text);
      // An exclusion's example is a nearby record that the exclusion must leave alone.
      bool found = std::any_of(records.begin(), records.end(), [&](const OwnedRecord& r) {
        return (r.rule == rule.id || rule.excludes()) && fulfils(example, r);
      });
      if (found) continue;
      std::string got;
      for (const OwnedRecord& r : records) got += "\n    got: " + describe(r);
      if (records.empty()) got = "\n    got: no record";
      report.failures.push_back(
          {rule.id, to_string(example.where),
           fmt::format("example \"{}\" expected {}{}", example.text, expectation(example), got)});
    }
    for (const CounterExample& counter : rule.counter_examples) {
      ++report.counter_examples;
      for (const OwnedRecord& r : extract_text(matcher, counter.text)) {
        // An exclusion's counter-example must yield no record at all.
        if (r.rule != rule.id && !rule.excludes()) continue;
        report.failures.push_back(
            {rule.id, to_string(counter.where),
             fmt::format("counter-example \"{}\" yielded {}", counter.text, describe(r))});
      }
    }
  }
  return report;
}

}  // namespace quantex
