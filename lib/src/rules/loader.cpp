#include "loader.hpp"

#include <fmt/format.h>

#include "toml_shape.hpp"

namespace quantex {

std::optional<RuleSet> RuleSetBuilder::build(const std::vector<RuleSource>& sources) {
  struct Document {
    const RuleSource* source;
    toml::table table;
  };
  std::vector<Document> documents;
  for (const RuleSource& source : sources) {
    if (auto problem = toml_shape_problem(source.text)) {
      error(SourcePosition{source.name, problem->line, problem->column}, "", problem->what);
      continue;
    }
    try {
      documents.push_back({&source, toml::parse(source.text, source.name)});
    } catch (const toml::parse_error& e) {
      SourcePosition where{source.name, e.source().begin.line, e.source().begin.column};
      error(where, "", std::string(e.description()));
    }
  }
  for (Document& document : documents) collect_shared(document.source->name, document.table);
  check_units();
  for (Document& document : documents) collect_rules(*document.source, document.table);
  if (!errors_.empty()) return std::nullopt;
  return std::move(set_);
}

SourcePosition RuleSetBuilder::position(const std::string& file,
                                        const toml::source_region& region) {
  return SourcePosition{file, region.begin.line, region.begin.column};
}

void RuleSetBuilder::error(const SourcePosition& where, std::string_view rule,
                           std::string_view what) {
  if (rule.empty()) {
    errors_.push_back(fmt::format("{}: {}", to_string(where), what));
  } else {
    errors_.push_back(fmt::format("{}: rule {}: {}", to_string(where), rule, what));
  }
}

void RuleSetBuilder::collect_shared(const std::string& file, toml::table& document) {
  for (auto&& [key, node] : document) {
    std::string_view name = key.str();
    SourcePosition where = position(file, key.source());
    if (name == "rule" || name == "tag") continue;
    toml::table* table = node.as_table();
    if (name != "fragments" && name != "units" && name != "qualifiers" && name != "language" &&
        name != "meaning") {
      error(where, "", fmt::format("unknown table [{}]", name));
    } else if (table == nullptr) {
      error(where, "", fmt::format("{} must be a table", name));
    } else if (name == "fragments") {
      collect_fragments(file, *table);
    } else if (name == "language") {
      collect_language(file, *table);
    } else if (name == "meaning") {
      collect_meaning(file, *table);
    } else {
      for (auto&& [sub, subnode] : *table) {
        SourcePosition sub_where = position(file, sub.source());
        toml::table* entries = subnode.as_table();
        if (name == "units" && subnode.is_array()) {
          collect_measure_words(file, std::string(sub.str()), *subnode.as_array());
        } else if (entries == nullptr) {
          error(sub_where, "", fmt::format("{}.{} must be a table", name, sub.str()));
        } else if (name == "units") {
          collect_units(file, std::string(sub.str()), *entries);
        } else {
          collect_qualifiers(file, std::string(sub.str()), *entries);
        }
      }
    }
  }
}

std::optional<Decimal> RuleSetBuilder::to_decimal(const toml::node& node) {
  if (auto i = node.as_integer()) return Decimal(i->get(), 0);
  if (auto f = node.as_floating_point()) return Decimal::parse(fmt::format("{}", f->get()));
  if (auto s = node.as_string()) return Decimal::parse(s->get());
  return std::nullopt;
}

void RuleSetBuilder::collect_rules(const RuleSource& source, toml::table& document) {
  const std::string& file = source.name;
  for (const char* section : {"rule", "tag"}) {
    toml::node* node = document.get(section);
    if (node == nullptr) continue;
    toml::array* array = node->as_array();
    if (array == nullptr || !array->is_array_of_tables()) {
      error(position(file, node->source()), "",
            fmt::format("{} must be an array of tables: [[{}]]", section, section));
      continue;
    }
    for (toml::node& item : *array) {
      if (section == std::string_view("rule")) {
        add_rule(file, *item.as_table(), source.built_in);
      } else {
        add_tagger(file, *item.as_table());
      }
    }
  }
}

std::optional<RuleSet> RuleSet::load(const std::vector<RuleSource>& sources,
                                     std::vector<std::string>& errors) {
  return RuleSetBuilder(errors).build(sources);
}

}  // namespace quantex
