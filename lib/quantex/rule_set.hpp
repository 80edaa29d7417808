// RuleSet: TOML rule files, checked, with their patterns expanded: the model of the rules,
// strings and tables. Compiling the patterns is the matcher's (matcher.hpp): a set loads
// without RE2 compiling a rule, and one set may serve several matchers.
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

#include <bitset>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "quantex/decimal.hpp"
#include "quantex/language.hpp"
#include "quantex/piece_answer.hpp"
#include "quantex/record.hpp"

namespace quantex {

// A rule file's name, as messages show it, and its text. The built-in files' patterns were
// all compiled when quantex was built, so the matcher may leave each to its first use.
struct RuleSource {
  std::string name;
  std::string text;
  bool built_in = false;
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
  // The bytes a word ends with (all of them if a word is empty): the text before nearly
  // every number ends with none, and is told so without a look at each word. Set by index().
  std::bitset<256> last_bytes;

  // Sets last_bytes from words.
  void index();
  // The longest word that `text` ends with, or nullptr.
  const std::pair<std::string, Op>* ending(std::string_view text) const;
  // The longest word that `text` starts with, or nullptr.
  const std::pair<std::string, Op>* starting(std::string_view text) const;
};

struct UnitEntry {
  std::string canonical;
  Decimal scale{1, 0};
};

// An example of a rule: the text, and the record the rule must produce from it. The record
// is checked for its kind (the rule's unless the example names another), value, unit and op,
// for from, min and max where the example gives them, for subject, change and target where
// it states them, and for holding the example's tags.
struct Example {
  std::string text;
  OwnedRecord expected;
  bool states_subject = false;
  bool states_change = false;
  bool states_target = false;
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
  // The pattern as the prefilter reads it: each fragment from which it learns nothing (no
  // literal a match must hold, as {number}) and that holds no capturing group stands as \C,
  // so the prefilter compiles a few dozen instructions where the pattern has hundreds.
  std::string skeleton;
  // The largest program among the pieces the skeleton shows as \C: with the skeleton's own
  // program it bounds the pattern's (Matcher::compile).
  std::size_t largest_hidden = 0;
  std::vector<Example> examples;
  std::vector<CounterExample> counter_examples;
  SourcePosition where;
  SourcePosition pattern_where;
  std::size_t order = 0;  // position in the set: the earlier rule wins a tie
  bool built_in = false;  // from a built-in file (RuleSource)

  bool excludes() const { return kind == kExcludeKind; }
};

// Adds `name` to a record whose kind is one of `kinds` when the `clause` pattern finds a cue
// in the clause (the text between punctuation marks) around it, outside the words of
// `except`: money about 贷款 is tagged loan, money about 金融资产 (which holds 融资) is not.
struct TagRule {
  std::string name;
  std::vector<std::string> kinds;
  std::string clause;  // with fragments expanded
  std::vector<std::string> except;
  SourcePosition clause_where;
};

class RuleSet {
 public:
  // Parses and checks the sources and expands fragments into patterns and skeletons.
  // Returns nullopt, with one message per problem appended to errors, when anything is
  // wrong.
  static std::optional<RuleSet> load(const std::vector<RuleSource>& sources,
                                     std::vector<std::string>& errors);

  const std::vector<Rule>& rules() const { return rules_; }
  // Every piece of a pattern that a skeleton was built from, in full, and what the prefilter
  // says of it (piece_answer.hpp); the build compiles the defaults' in (known_pieces.hpp).
  const std::map<std::string, PieceAnswer>& skeleton_pieces() const { return skeleton_pieces_; }
  const std::vector<TagRule>& tag_rules() const { return tag_rules_; }
  // The canonical unit and scale of a written unit of a kind; nullptr when unknown.
  const UnitEntry* unit(std::string_view kind, std::string_view written) const;
  const QualifierTable* qualifiers(std::string_view name) const;
  // The words and marks of the language ([language], [meaning]).
  const Language& language() const { return language_; }

 private:
  friend class RuleSetBuilder;

  std::vector<Rule> rules_;
  std::vector<TagRule> tag_rules_;
  std::map<std::string, PieceAnswer> skeleton_pieces_;
  // Hashed, and looked up by a view: every record looks its unit up, among the hundreds of
  // a kind's (a map walked a dozen string compares for each).
  struct UnitHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view written) const noexcept {
      return std::hash<std::string_view>{}(written);
    }
  };
  using UnitTable = std::unordered_map<std::string, UnitEntry, UnitHash, std::equal_to<>>;
  std::map<std::string, UnitTable, std::less<>> units_;
  // A map, so that rules may point into it: its nodes stay put when the set moves.
  std::map<std::string, QualifierTable, std::less<>> qualifier_tables_;
  Language language_;
};

}  // namespace quantex
