#include <fmt/format.h>

#include <algorithm>

#include "loader.hpp"

namespace quantex {
namespace {

constexpr const char* kNotANumber =
    "not a number (a decimal with at most 18 digits and a power of ten within ±64)";

}  // namespace

void RuleSetBuilder::collect_units(const std::string& file, const std::string& kind,
                                   toml::table& table) {
  for (auto&& [key, node] : table) {
    SourcePosition where = position(file, node.source());
    std::string written(key.str());
    UnitEntry entry;
    if (node.is_string()) {
      entry.canonical = node.as_string()->get();
    } else if (toml::table* spec = node.as_table()) {
      for (auto&& [field, value] : *spec) {
        if (field.str() == "unit" && value.is_string()) {
          entry.canonical = value.as_string()->get();
        } else if (field.str() == "scale") {
          auto scale = to_decimal(value);
          if (!scale) error(where, "", fmt::format("unit {}: scale: {}", written, kNotANumber));
          if (scale) entry.scale = *scale;
        } else {
          error(position(file, field.source()), "",
                fmt::format("unit {}: unknown field '{}'", written, field.str()));
        }
      }
    } else {
      error(where, "", fmt::format("unit {} must be a string or a table", written));
      continue;
    }
    add_unit(kind, written, entry, where);
  }
}

void RuleSetBuilder::collect_measure_words(const std::string& file, const std::string& kind,
                                           toml::array& words) {
  for (auto& word : words) {
    SourcePosition where = position(file, word.source());
    if (!word.is_string() || word.as_string()->get().empty()) {
      error(where, "", fmt::format("units.{}: a unit is a non-empty string", kind));
      continue;
    }
    UnitEntry entry;
    entry.canonical = word.as_string()->get();
    add_unit(kind, entry.canonical, entry, where);
  }
}

void RuleSetBuilder::add_unit(const std::string& kind, const std::string& written,
                              const UnitEntry& entry, const SourcePosition& where) {
  auto& units = set_.units_[kind];
  auto known = units.find(written);
  if (known != units.end() && known->second.canonical != entry.canonical) {
    error(where, "", fmt::format("unit {} of kind {} is already defined", written, kind));
    return;
  }
  units[written] = entry;
  unit_where_[{kind, written}] = where;
}

void RuleSetBuilder::check_units() {
  // In the order of unit_where_, kind and written unit: the units' tables are unordered.
  for (const auto& [unit, where] : unit_where_) {
    const auto& [kind, written] = unit;
    const UnitEntry& entry = set_.units_.at(kind).at(written);
    if (!set_.language_.accepts_unit(kind, entry.canonical)) {
      error(where, "", fmt::format("unknown unit '{}' for kind {}", entry.canonical, kind));
    }
  }
}

void RuleSetBuilder::collect_qualifiers(const std::string& file, const std::string& name,
                                        toml::table& table) {
  QualifierTable& qualifiers = set_.qualifier_tables_[name];
  qualifiers.name = name;
  for (auto&& [key, node] : table) {
    SourcePosition where = position(file, node.source());
    std::string written(key.str());
    std::optional<Op> op;
    if (node.is_string()) op = parse_op(node.as_string()->get());
    if (!op) {
      error(where, "", fmt::format("qualifier {}: op must be one of = ~ > >= < <=", written));
      continue;
    }
    auto known = meanings_.find(written);
    if (known != meanings_.end() && known->second != *op) {
      error(where, "",
            fmt::format("qualifier {} already means {}", written, op_symbol(known->second)));
      continue;
    }
    meanings_[written] = *op;
    qualifiers.words.emplace_back(written, *op);
  }
  std::stable_sort(qualifiers.words.begin(), qualifiers.words.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  qualifiers.index();
}

void RuleSetBuilder::add_rule(const std::string& file, toml::table& table, bool built_in) {
  Rule rule;
  rule.where = position(file, table.source());
  rule.order = set_.rules_.size();
  rule.built_in = built_in;
  if (auto id = table["id"].value<std::string>()) rule.id = *id;
  if (rule.id.empty()) {
    error(rule.where, "", "rule has no id");
    return;
  }
  if (auto seen = rule_ids_.find(rule.id); seen != rule_ids_.end()) {
    error(rule.where, rule.id, fmt::format("duplicate id, first defined at {}", seen->second));
    return;
  }
  rule_ids_[rule.id] = to_string(rule.where);
  std::size_t errors_before = errors_.size();
  const toml::node* pattern = nullptr;
  for (auto&& [key, node] : table) {
    std::string_view field = key.str();
    SourcePosition where = position(file, node.source());
    if (field == "id") {
    } else if (field == "kind" && node.is_string()) {
      rule.kind = node.as_string()->get();
    } else if (field == "pattern" && node.is_string()) {
      pattern = &node;
    } else if (field == "priority" && node.is_integer()) {
      rule.priority = static_cast<int>(node.as_integer()->get());
    } else if (field == "scale" && to_decimal(node)) {
      rule.scale = *to_decimal(node);
    } else if ((field == "qualifiers_before" || field == "qualifiers_after") && node.is_array()) {
      auto& tables = field == "qualifiers_before" ? rule.qualifiers_before : rule.qualifiers_after;
      for (auto& name : *node.as_array()) {
        const QualifierTable* named =
            name.is_string() ? set_.qualifiers(name.as_string()->get()) : nullptr;
        if (named == nullptr) {
          error(
              position(file, name.source()), rule.id,
              fmt::format("unknown qualifier table '{}'", name.value<std::string>().value_or("?")));
        } else {
          tables.push_back(named);
        }
      }
    } else if (field == "tags" && node.is_array()) {
      for (auto& tag : *node.as_array()) {
        if (tag.is_string())
          rule.tags.push_back(tag.as_string()->get());
        else
          error(where, rule.id, "tags must be strings");
      }
    } else if (field == "examples" && node.is_array()) {
      for (auto& example : *node.as_array()) add_example(file, rule, example);
    } else if (field == "counter_examples" && node.is_array()) {
      for (auto& text : *node.as_array()) {
        if (text.is_string()) {
          rule.counter_examples.push_back({text.as_string()->get(), position(file, text.source())});
        } else {
          error(position(file, text.source()), rule.id, "a counter-example is a string");
        }
      }
    } else if (field == "description" && node.is_string()) {
    } else {
      bool known = field == "kind" || field == "pattern" || field == "priority" ||
                   field == "scale" || field == "tags" || field == "examples" ||
                   field == "counter_examples" || field == "description" ||
                   field == "qualifiers_before" || field == "qualifiers_after";
      error(position(file, key.source()), rule.id,
            known ? fmt::format("field '{}' has the wrong type", field)
                  : fmt::format("unknown field '{}'", field));
    }
  }
  if (rule.kind.empty()) error(rule.where, rule.id, "rule has no kind");
  if (!rule.kind.empty() && !rule.excludes() && set_.units_.count(rule.kind) == 0) {
    error(rule.where, rule.id, fmt::format("unknown unit table for kind {}", rule.kind));
  }
  if (pattern == nullptr) {
    error(rule.where, rule.id, "rule has no pattern");
  } else {
    rule.pattern_where = position(file, pattern->source());
    auto expanded = expand(pattern->as_string()->get(), rule.pattern_where, rule.id);
    std::optional<std::string> skeleton;
    if (expanded) {
      hidden_ = 0;
      skeleton =
          expand(pattern->as_string()->get(), rule.pattern_where, rule.id, Expansion::kSkeleton);
      rule.largest_hidden = hidden_;
    }
    if (skeleton) {
      rule.pattern = std::move(*expanded);
      rule.skeleton = std::move(*skeleton);
    }
  }
  // Fields come in key order, so the rule's kind may be known only now.
  for (Example& example : rule.examples) {
    OwnedRecord& expected = example.expected;
    if (expected.kind.empty()) expected.kind = rule.kind;
    if (!expected.unit.empty() && !produces_unit(expected.kind, expected.unit)) {
      error(example.where, rule.id, fmt::format("unknown unit '{}' in example", expected.unit));
    }
  }
  if (errors_.size() == errors_before) set_.rules_.push_back(std::move(rule));
}

bool RuleSetBuilder::produces_unit(const std::string& kind, const std::string& canonical) const {
  auto table = set_.units_.find(kind);
  if (table == set_.units_.end()) return false;
  return std::any_of(table->second.begin(), table->second.end(),
                     [&](const auto& entry) { return entry.second.canonical == canonical; });
}

void RuleSetBuilder::add_example(const std::string& file, Rule& rule, toml::node& node) {
  SourcePosition where = position(file, node.source());
  toml::table* table = node.as_table();
  if (table == nullptr) {
    error(where, rule.id, "an example is a table: { text = ..., value = ..., unit = ... }");
    return;
  }
  Example example;
  example.where = where;
  OwnedRecord& expected = example.expected;
  bool has_value = false;
  const std::size_t errors_before = errors_.size();
  for (auto&& [key, value] : *table) {
    std::string_view field = key.str();
    auto text = value.value<std::string>();
    auto number = to_decimal(value);
    if (field == "text" && text) {
      example.text = *text;
    } else if (field == "kind" && text) {
      expected.kind = *text;
    } else if (field == "unit" && text) {
      expected.unit = *text;
    } else if (field == "subject" && text) {
      expected.subject = *text;
      example.states_subject = true;
    } else if (field == "change" && text && parse_change(*text)) {
      expected.change = *parse_change(*text);
      example.states_change = true;
    } else if (field == "target" && value.is_boolean()) {
      expected.target = value.as_boolean()->get();
      example.states_target = true;
    } else if (field == "op" && text && parse_op(*text)) {
      expected.op = *parse_op(*text);
    } else if (field == "value" && number) {
      expected.value = *number;
      has_value = true;
    } else if (field == "from" && number) {
      expected.from = number;
    } else if (field == "min" && number) {
      expected.min = number;
    } else if (field == "max" && number) {
      expected.max = number;
    } else if (field == "tags" && value.is_array()) {
      for (auto& tag : *value.as_array()) {
        if (tag.is_string()) expected.tags.push_back(tag.as_string()->get());
      }
    } else if (field == "value" || field == "from" || field == "min" || field == "max") {
      error(position(file, key.source()), rule.id,
            fmt::format("example field '{}': {}", field, kNotANumber));
    } else {
      error(position(file, key.source()), rule.id,
            fmt::format("example field '{}' is unknown or has the wrong type", field));
    }
  }
  if (errors_.size() != errors_before) return;  // a field was wrong, and said so
  if (example.text.empty() || !has_value || expected.unit.empty()) {
    error(where, rule.id, "an example needs text, value and unit");
    return;
  }
  rule.examples.push_back(std::move(example));
}

void RuleSetBuilder::add_tagger(const std::string& file, toml::table& table) {
  TagRule tag;
  SourcePosition where = position(file, table.source());
  const toml::node* clause = nullptr;
  for (auto&& [key, node] : table) {
    std::string_view field = key.str();
    if (field == "name" && node.is_string()) {
      tag.name = node.as_string()->get();
    } else if (field == "clause" && node.is_string()) {
      clause = &node;
    } else if ((field == "kinds" || field == "except") && node.is_array()) {
      auto& list = field == "kinds" ? tag.kinds : tag.except;
      for (auto& item : *node.as_array()) {
        if (item.is_string()) {
          list.push_back(item.as_string()->get());
        } else {
          error(position(file, item.source()), "", fmt::format("tag: {} are strings", field));
        }
      }
    } else {
      error(position(file, key.source()), "",
            fmt::format("tag: unknown field '{}' or wrong type", field));
    }
  }
  if (tag.name.empty() || clause == nullptr) {
    error(where, "", "a [[tag]] needs a name and a clause pattern");
    return;
  }
  tag.clause_where = position(file, clause->source());
  auto expanded = expand(clause->as_string()->get(), tag.clause_where, "");
  if (!expanded) return;
  tag.clause = std::move(*expanded);
  set_.tag_rules_.push_back(std::move(tag));
}

}  // namespace quantex
