// RuleSetBuilder: loads rule files into a RuleSet (rule_set.hpp), in two passes: the tables
// every rule may use (the language, fragments, units, qualifiers, meaning words) from all
// files first, then rules and tags, whose patterns may refer to any of them. Its parts are
// in loader.cpp (the passes), load_language.cpp ([language], [meaning]), expand.cpp
// (fragments into patterns and skeletons) and load_rules.cpp (units, qualifiers, rules,
// examples, tags).
#pragma once

#include <toml++/toml.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quantex/rule_set.hpp"

namespace quantex {

class RuleSetBuilder {
 public:
  explicit RuleSetBuilder(std::vector<std::string>& errors) : errors_(errors) {}

  std::optional<RuleSet> build(const std::vector<RuleSource>& sources);

 private:
  struct Fragment {
    std::string text;
    SourcePosition where;
    std::optional<std::string> expanded;
    bool expanding = false;
    bool failed = false;  // its expansion failed, and said why
  };

  // loader.cpp
  SourcePosition position(const std::string& file, const toml::source_region& region);
  void error(const SourcePosition& where, std::string_view rule, std::string_view what);
  void collect_shared(const std::string& file, toml::table& document);
  static std::optional<Decimal> to_decimal(const toml::node& node);
  void collect_rules(const RuleSource& source, toml::table& document);

  // load_language.cpp
  // [language]: marks as strings of characters; files add to each other's.
  void collect_language(const std::string& file, toml::table& table);
  // invisible_ranges = [["\uE000", "\uF8FF"]]: each pair the first and last character of a
  // range of invisible ones.
  void collect_invisible_ranges(const SourcePosition& where, toml::node& node);
  // [language.kinds] KIND = ["unit", ...]: the canonical units a kind's unit table may name;
  // files add to each other's lists.
  void collect_kinds(const std::string& file, toml::table& table);
  // [language.ops]: more = ">", range = "<=", order = ["more", "range", "before", "after"].
  void collect_ops(const std::string& file, toml::table& table);
  // [language.numerals]: glyphs by role, each a list (zeros = ["零"]) or, for the roles that
  // carry a number, a table of glyph to number (digits = { "一" = 1 }); and the marks inside
  // Arabic numbers as strings of characters.
  void collect_numerals(const std::string& file, toml::table& table);
  // [meaning.words]: lists of words by class; [meaning.subject_places]: by kind, where a
  // subject is looked for. Files add words to each other's lists; a kind's places are given
  // once.
  void collect_meaning(const std::string& file, toml::table& table);
  void collect_words(const std::string& file, const std::string& name, toml::array& words,
                     const SourcePosition& where);
  void collect_places(const std::string& file, const std::string& kind, toml::array& places,
                      const SourcePosition& where);

  // expand.cpp
  // What expand() writes for a {name}: the full text of the fragment or table, or the
  // rule's skeleton, which the prefilter reads instead of the pattern (Rule::skeleton). \C
  // tells the prefilter as little as the fragment did, or less, so it still lets through
  // every rule that can match; the matcher runs the full pattern.
  enum class Expansion { kFull, kSkeleton };
  // The longest a pattern or fragment may grow once expanded (the defaults' longest rule is
  // 2.5 KB): beyond it, a rule file is refused (rules/README.md, "Limits").
  static constexpr std::size_t kLongestPattern = 64 << 10;
  void collect_fragments(const std::string& file, toml::table& table);
  // The fragments written from [language.numerals], as character classes.
  std::optional<std::string> numeral_fragment(std::string_view name) const;
  // An alternation of written forms, longest first so that RE2's leftmost-first choice
  // takes 个工作日 before 个.
  static std::string alternation(std::vector<std::string> words);
  // Replaces every {name} by its fragment. {2,5} repetitions and \p{Han} classes are RE2's.
  std::optional<std::string> expand(std::string_view pattern, const SourcePosition& where,
                                    std::string_view rule, Expansion expansion = Expansion::kFull);
  std::optional<std::string> reference(std::string_view name, const SourcePosition& where,
                                       std::string_view rule);
  // A reference as a skeleton shows it: \C where the prefilter learns nothing from the
  // fragment (or the pattern makes it optional) and it has no capturing group (a rule's
  // groups keep their numbers), else the fragment with its own references as skeletons.
  std::optional<std::string> skeleton_reference(std::string_view name, const SourcePosition& where,
                                                std::string_view rule, bool optional);

  // load_rules.cpp
  void collect_units(const std::string& file, const std::string& kind, toml::table& table);
  // [units] KIND = ["家", "个"]: words that are their own canonical unit (measure words).
  void collect_measure_words(const std::string& file, const std::string& kind, toml::array& words);
  void add_unit(const std::string& kind, const std::string& written, const UnitEntry& entry,
                const SourcePosition& where);
  // Once every file's [language.kinds] is in: each unit names a canonical unit of its kind.
  void check_units();
  void collect_qualifiers(const std::string& file, const std::string& name, toml::table& table);
  void add_rule(const std::string& file, toml::table& table, bool built_in);
  // Whether some written unit of the kind's table normalizes to this canonical unit.
  bool produces_unit(const std::string& kind, const std::string& canonical) const;
  void add_example(const std::string& file, Rule& rule, toml::node& node);
  void add_tagger(const std::string& file, toml::table& table);

  std::vector<std::string>& errors_;
  RuleSet set_;
  std::map<std::string, Fragment> fragments_;
  std::map<std::string, Op> meanings_;  // every written qualifier, in any table
  std::map<std::pair<std::string, std::string>, SourcePosition> unit_where_;  // kind, written
  // A reference's skeleton, by name, and the largest program it shows as \C.
  struct Skeleton {
    std::string text;
    std::size_t hidden = 0;
  };
  std::map<std::string, Skeleton> skeletons_;
  std::size_t hidden_ = 0;  // the largest program hidden so far in the skeleton being written
  std::map<std::string, std::string> rule_ids_;
};

}  // namespace quantex
