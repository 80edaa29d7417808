// RuleSet: TOML rule files, checked, with their patterns expanded, and the prefilter that
// tells which rules can match a text. Loading checks every pattern's pieces; each pattern
// compiles once, when a match first needs it (see LazyRegex): a small input runs few rules.
//
// A rule file may hold any of these tables (the format is documented in rules/README.md):
//   [fragments]          named sub-patterns, used in patterns as {name}
//   [units.<kind>]       written unit -> canonical unit and scale; usable as {units.<kind>}
//   [qualifiers.<name>]  written qualifier -> op; usable as {qualifiers.<name>}
//   [[rule]]             id, kind, pattern, priority, qualifiers_before, qualifiers_after,
//                        tags, scale, examples, counter_examples
//   [[tag]]              name, kinds, clause: tags a record whose clause the pattern finds
// Files loaded together share fragments, units and qualifiers, so a user's file may use the
// defaults'. Every problem is reported as "FILE:LINE:COL: rule ID: WHAT", and a set with any
// problem is not built.
//
//   std::vector<std::string> errors;
//   auto rules = quantex::RuleSet::load(quantex::default_rule_sources(), errors);
//   for (const quantex::Rule& r : rules->rules()) ...
#pragma once

#include <re2/re2.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quantex/decimal.hpp"
#include "quantex/language.hpp"
#include "quantex/lazy_regex.hpp"
#include "quantex/prefilter.hpp"
#include "quantex/record.hpp"

namespace quantex {

// A rule file's name, as messages show it, and its text.
struct RuleSource {
  std::string name;
  std::string text;
};

// The rule files compiled into the binary (rules/*.toml), in name order.
const std::vector<RuleSource>& default_rule_sources();

struct SourcePosition {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// "FILE:LINE:COL"
std::string to_string(const SourcePosition& where);

// A qualifier table: written qualifiers and what they mean, longest first so that the
// longest word wins (不超过 before 超过).
struct QualifierTable {
  std::string name;
  std::vector<std::pair<std::string, Op>> words;

  // The longest word that `text` ends with, or nullptr.
  const std::pair<std::string, Op>* ending(std::string_view text) const;
  // The longest word that `text` starts with, or nullptr.
  const std::pair<std::string, Op>* starting(std::string_view text) const;
};

struct UnitEntry {
  std::string canonical;
  Decimal scale{1, 0};
};

// An example of a rule: the text, and the record the rule must produce from it.
struct Example {
  std::string text;
  std::string kind;  // the rule's kind unless the example names another
  Decimal value;
  std::string unit;
  Op op = Op::kEqual;
  std::optional<Decimal> from;
  std::optional<Decimal> min;
  std::optional<Decimal> max;
  std::optional<std::string> subject;
  std::optional<Change> change;
  std::optional<bool> target;
  std::vector<std::string> tags;
  SourcePosition where;
};

struct CounterExample {
  std::string text;
  SourcePosition where;
};

// The kind of rule whose matches claim text and yield no record: dates, ordinals, names.
inline constexpr std::string_view kExcludeKind = "exclude";

struct Rule {
  std::string id;
  std::string kind;
  int priority = 0;
  Decimal scale{1, 0};  // a factor on the value beyond the unit's scale (N成 is N×10 percent)
  std::vector<std::string> tags;
  // The tables whose words, right before the number or right after the unit, give the op.
  std::vector<const QualifierTable*> qualifiers_before;
  std::vector<const QualifierTable*> qualifiers_after;
  std::string pattern;  // with fragments expanded
  std::shared_ptr<const LazyRegex> compiled;
  // The pattern, compiled on the first call; check ok() (see RuleSet::compile_errors).
  const RE2& regex() const { return compiled->get(); }
  // Capture-group indexes in regex; 0 where the pattern has no such group.
  int value = 0, unit = 0, from = 0, from_unit = 0, min = 0, max = 0, subject = 0;
  std::vector<Example> examples;
  std::vector<CounterExample> counter_examples;
  SourcePosition where;
  std::size_t order = 0;  // position in the set: the earlier rule wins a tie

  bool excludes() const { return kind == kExcludeKind; }
};

// Adds `name` to a record whose kind is one of `kinds` when `clause` matches the clause
// (the text between punctuation marks) around it, outside the words of `except`: money about
// 贷款 is tagged loan, money about 金融资产 (which holds 融资) is not.
struct Tagger {
  std::string name;
  std::vector<std::string> kinds;
  std::unique_ptr<RE2> clause;
  std::vector<std::string> except;

  // Whether the clause pattern finds a cue in words that lies outside every except word.
  bool tags(std::string_view words) const;
};

class RuleSet {
 public:
  // Parses and checks the sources, expands fragments and builds the prefilter from the
  // rules' skeletons; each pattern compiles when first used. Returns nullopt, with one
  // message per problem appended to errors, when anything is wrong.
  static std::optional<RuleSet> load(const std::vector<RuleSource>& sources,
                                     std::vector<std::string>& errors);

  const std::vector<Rule>& rules() const { return rules_; }
  // One message per rule whose pattern failed to compile when first used. Every fragment a
  // skeleton leaves out has compiled (at load, or for the defaults' when quantex was built)
  // and so has every skeleton, so this happens only to a pattern too large for RE2, or one
  // whose nested repetitions multiply to more than 1000.
  std::vector<std::string> compile_errors() const;
  // Compiles every rule's pattern now, so that compile_errors() covers them all.
  void compile_all() const;
  // Every piece of a pattern that a skeleton was built from, and whether it stands as \C
  // there (Prefilter::ignorable); the build compiles the defaults' in (known_pieces.hpp).
  const std::map<std::string, bool>& skeleton_pieces() const { return skeleton_pieces_; }
  // Says which rules can match a text, from the literals the text holds.
  const Prefilter& prefilter() const { return prefilter_; }
  const std::vector<Tagger>& taggers() const { return taggers_; }
  // The canonical unit and scale of a written unit of a kind; nullptr when unknown.
  const UnitEntry* unit(std::string_view kind, std::string_view written) const;
  const QualifierTable* qualifiers(std::string_view name) const;
  // The words and marks of the language ([language], [meaning]).
  const Language& language() const { return language_; }

 private:
  friend class RuleSetBuilder;

  std::vector<Rule> rules_;
  // Built from the rules' skeletons, whose RE2 objects it keeps (loading numbers each rule's
  // groups from them); moving it moves only pointers to them.
  Prefilter prefilter_;
  std::vector<Tagger> taggers_;
  std::map<std::string, bool> skeleton_pieces_;
  std::map<std::string, std::map<std::string, UnitEntry, std::less<>>, std::less<>> units_;
  // A map, so that rules may point into it: its nodes stay put when the set moves.
  std::map<std::string, QualifierTable, std::less<>> qualifier_tables_;
  Language language_;
};

}  // namespace quantex
