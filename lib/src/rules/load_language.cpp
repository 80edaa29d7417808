#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "loader.hpp"
#include "quantex/utf8.hpp"

namespace quantex {

void RuleSetBuilder::collect_language(const std::string& file, toml::table& table) {
  Language& language = set_.language_;
  for (auto&& [key, node] : table) {
    SourcePosition where = position(file, key.source());
    std::string_view name = key.str();
    if (name == "numerals" || name == "kinds" || name == "ops") {
      toml::table* sub = node.as_table();
      if (sub == nullptr) {
        error(where, "", fmt::format("language.{} must be a table", name));
      } else if (name == "numerals") {
        collect_numerals(file, *sub);
      } else if (name == "kinds") {
        collect_kinds(file, *sub);
      } else {
        collect_ops(file, *sub);
      }
      continue;
    }
    if (name == "invisible_ranges") {
      collect_invisible_ranges(where, node);
      continue;
    }
    std::function<void(char32_t)> add;
    if (name == "clause_marks" || name == "sentence_marks" || name == "full_stops") {
      auto ends = name == "full_stops"       ? Language::Ends::kFullStop
                  : name == "sentence_marks" ? Language::Ends::kSentence
                                             : Language::Ends::kClause;
      add = [&language, ends](char32_t c) { language.add_mark(c, ends); };
    } else if (name == "pause_marks") {
      add = [&language](char32_t c) { language.marks.add_pause(c); };
    } else if (name == "spaces") {
      add = [&language](char32_t c) { language.marks.add_space(c); };
    } else if (name == "invisible") {
      add = [&language](char32_t c) { language.marks.add_invisible(c); };
    }
    if (!add) {
      error(where, "", fmt::format("language: unknown field '{}'", name));
    } else if (!node.is_string()) {
      error(where, "", fmt::format("language.{} must be a string", name));
    } else {
      std::string_view text = node.as_string()->get();
      for (std::size_t pos = 0; pos < text.size();) add(utf8::next(text, pos));
    }
  }
}

void RuleSetBuilder::collect_invisible_ranges(const SourcePosition& where, toml::node& node) {
  const char* shape = "language.invisible_ranges must be a list of [first, last] characters";
  toml::array* ranges = node.as_array();
  if (ranges == nullptr) return error(where, "", shape);
  for (auto& range : *ranges) {
    toml::array* pair = range.as_array();
    std::u32string ends;
    for (std::size_t i = 0; pair != nullptr && i < pair->size(); ++i) {
      const auto* end = pair->get(i)->as_string();
      if (end == nullptr) break;
      std::string_view text = end->get();
      std::size_t pos = 0;
      if (!text.empty()) ends.push_back(utf8::next(text, pos));
      if (pos != text.size()) break;  // not one character
    }
    if (pair == nullptr || pair->size() != 2 || ends.size() != 2 || ends[0] > ends[1]) {
      return error(where, "", shape);
    }
    for (char32_t c = ends[0]; c <= ends[1]; ++c) set_.language_.marks.add_invisible(c);
  }
}

void RuleSetBuilder::collect_kinds(const std::string& file, toml::table& table) {
  for (auto&& [kind, node] : table) {
    SourcePosition where = position(file, kind.source());
    toml::array* units = node.as_array();
    if (units == nullptr) {
      error(where, "", fmt::format("language.kinds.{} must be a list of units", kind.str()));
      continue;
    }
    auto& list = set_.language_.canonical_units[std::string(kind.str())];
    for (auto& unit : *units) {
      if (unit.is_string()) {
        list.push_back(unit.as_string()->get());
      } else {
        error(where, "", fmt::format("language.kinds.{}: units are strings", kind.str()));
      }
    }
  }
}

void RuleSetBuilder::collect_ops(const std::string& file, toml::table& table) {
  using Source = Language::OpSource;
  static const std::vector<std::pair<std::string_view, Source>> kSources = {
      {"more", Source::kMore},
      {"range", Source::kRange},
      {"before", Source::kBefore},
      {"after", Source::kAfter}};
  Language& language = set_.language_;
  for (auto&& [key, node] : table) {
    SourcePosition where = position(file, key.source());
    std::string_view name = key.str();
    if (name == "more" || name == "range") {
      auto op = node.is_string() ? parse_op(node.as_string()->get()) : std::nullopt;
      if (!op) {
        error(where, "", fmt::format("language.ops.{}: one of = ~ > >= < <=", name));
      } else {
        (name == "more" ? language.more_op : language.range_op) = *op;
      }
    } else if (name == "order" && node.is_array()) {
      std::vector<Source> order;
      for (auto& item : *node.as_array()) {
        auto source = std::find_if(kSources.begin(), kSources.end(), [&](const auto& entry) {
          return item.is_string() && entry.first == item.as_string()->get();
        });
        if (source == kSources.end()) {
          error(where, "", "language.ops.order: each of more, range, before, after");
          return;
        }
        order.push_back(source->second);
      }
      language.op_order = order;
    } else {
      error(where, "", fmt::format("language.ops: unknown field '{}' or wrong type", name));
    }
  }
}

void RuleSetBuilder::collect_numerals(const std::string& file, toml::table& table) {
  using Role = Numerals::Role;
  static const std::vector<std::pair<std::string_view, Role>> kRoles = {
      {"digits", Role::kDigit}, {"zeros", Role::kZero},   {"places", Role::kPlace},
      {"scales", Role::kScale}, {"points", Role::kPoint}, {"more", Role::kMore},
      {"half", Role::kHalf},    {"ge", Role::kGe},        {"dozen", Role::kDozen},
      {"kilo", Role::kKilo},    {"minus", Role::kMinus},
  };
  Numerals& numerals = set_.language_.numerals;
  for (auto&& [key, node] : table) {
    SourcePosition where = position(file, key.source());
    std::string_view name = key.str();
    auto glyph_of = [&](std::string_view text) -> std::optional<char32_t> {
      std::size_t pos = 0;
      char32_t c = text.empty() ? 0 : utf8::next(text, pos);
      if (text.empty() || pos != text.size()) {
        error(where, "",
              fmt::format("language.numerals.{}: '{}' is not one character", name, text));
        return std::nullopt;
      }
      if (numerals.glyph(c).role != Role::kNone) {
        error(where, "", fmt::format("language.numerals.{}: '{}' already has a role", name, text));
        return std::nullopt;
      }
      return c;
    };
    if (name == "arabic_points" || name == "arabic_separators") {
      if (!node.is_string()) {
        error(where, "", fmt::format("language.numerals.{} must be a string", name));
        continue;
      }
      std::string_view text = node.as_string()->get();
      for (std::size_t pos = 0; pos < text.size();) {
        char32_t c = utf8::next(text, pos);
        if (name == "arabic_points") {
          numerals.add_arabic_point(c);
        } else {
          numerals.add_arabic_separator(c);
        }
      }
      continue;
    }
    auto role = std::find_if(kRoles.begin(), kRoles.end(),
                             [&](const auto& entry) { return entry.first == name; });
    if (role == kRoles.end()) {
      error(where, "", fmt::format("language.numerals: unknown field '{}'", name));
    } else if (toml::table* numbered = node.as_table()) {
      for (auto&& [glyph, value] : *numbered) {
        auto number = value.value<std::int64_t>();
        auto c = glyph_of(glyph.str());
        if (!number || *number < 0 || *number > 18) {
          error(where, "",
                fmt::format("language.numerals.{}.{}: a number from 0 to 18", name, glyph.str()));
        } else if (c) {
          numerals.add(*c, {role->second, static_cast<int>(*number)});
        }
      }
    } else if (toml::array* list = node.as_array()) {
      for (auto& glyph : *list) {
        auto c = glyph.is_string() ? glyph_of(glyph.as_string()->get()) : std::nullopt;
        if (!glyph.is_string()) {
          error(where, "", fmt::format("language.numerals.{}: glyphs are strings", name));
        } else if (c) {
          numerals.add(*c, {role->second, 0});
        }
      }
    } else {
      error(where, "", fmt::format("language.numerals.{} must be a list or a table", name));
    }
  }
}

void RuleSetBuilder::collect_meaning(const std::string& file, toml::table& table) {
  for (auto&& [key, node] : table) {
    SourcePosition where = position(file, key.source());
    toml::table* lists = node.as_table();
    if (key.str() != "words" && key.str() != "subject_places") {
      error(where, "", fmt::format("meaning: unknown table '{}'", key.str()));
      continue;
    }
    if (lists == nullptr) {
      error(where, "", fmt::format("meaning.{} must be a table", key.str()));
      continue;
    }
    for (auto&& [name, list] : *lists) {
      SourcePosition list_where = position(file, name.source());
      toml::array* array = list.as_array();
      if (array == nullptr) {
        error(list_where, "",
              fmt::format("meaning.{}.{} must be a list of strings", key.str(), name.str()));
        continue;
      }
      if (key.str() == "words") {
        collect_words(file, std::string(name.str()), *array, list_where);
      } else {
        collect_places(file, std::string(name.str()), *array, list_where);
      }
    }
  }
}

void RuleSetBuilder::collect_words(const std::string& file, const std::string& name,
                                   toml::array& words, const SourcePosition& where) {
  const auto& names = word_class_names();
  auto known = std::find_if(names.begin(), names.end(),
                            [&](const auto& entry) { return entry.first == name; });
  if (known == names.end()) {
    error(where, "", fmt::format("meaning.words: unknown class '{}'", name));
    return;
  }
  for (auto& word : words) {
    if (!word.is_string() || word.as_string()->get().empty()) {
      error(position(file, word.source()), "",
            fmt::format("meaning.words.{}: a word is a non-empty string", name));
      continue;
    }
    if (!set_.language_.add_word(word.as_string()->get(), known->second)) {
      error(position(file, word.source()), "",
            fmt::format("meaning.words.{}: more words than the lexicon holds", name));
      return;
    }
  }
}

void RuleSetBuilder::collect_places(const std::string& file, const std::string& kind,
                                    toml::array& places, const SourcePosition& where) {
  Language& language = set_.language_;
  if (language.subject_places.count(kind) > 0) {
    error(where, "", fmt::format("meaning.subject_places: {} is already given", kind));
    return;
  }
  std::vector<Place>& list =
      kind == "default" ? language.default_places : language.subject_places[kind];
  list.clear();
  const auto& names = place_names();
  for (auto& place : places) {
    auto name = place.value<std::string>();
    auto known = std::find_if(names.begin(), names.end(),
                              [&](const auto& entry) { return name && entry.first == *name; });
    if (known == names.end()) {
      error(position(file, place.source()), "",
            fmt::format("meaning.subject_places.{}: unknown place '{}'", kind, name.value_or("?")));
    } else {
      list.push_back(known->second);
    }
  }
}

}  // namespace quantex
