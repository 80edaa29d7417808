#include "quantex/rule_set.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <functional>
#include <set>
#include <thread>

#include "quantex/known_pieces.hpp"
#include "quantex/utf8.hpp"

namespace quantex {

std::string to_string(const SourcePosition& where) {
  return fmt::format("{}:{}:{}", where.file, where.line, where.column);
}

const UnitEntry* RuleSet::unit(std::string_view kind, std::string_view written) const {
  auto table = units_.find(kind);
  if (table == units_.end()) return nullptr;
  auto entry = table->second.find(written);
  return entry == table->second.end() ? nullptr : &entry->second;
}

const QualifierTable* RuleSet::qualifiers(std::string_view name) const {
  auto table = qualifier_tables_.find(name);
  return table == qualifier_tables_.end() ? nullptr : &table->second;
}

namespace {

// Whether text ends (starts) with word. These run for every match over every word of a table,
// and the bytes at the word's far end tell nearly all of them apart: comparing that byte
// first spares most calls to memcmp.
bool ends_with(std::string_view text, std::string_view word) {
  return word.empty() ||
         (text.size() >= word.size() && text.back() == word.back() && text.ends_with(word));
}
bool starts_with(std::string_view text, std::string_view word) {
  return word.empty() ||
         (text.size() >= word.size() && text.front() == word.front() && text.starts_with(word));
}

}  // namespace

const std::pair<std::string, Op>* QualifierTable::ending(std::string_view text) const {
  for (const auto& word : words) {
    if (ends_with(text, word.first)) return &word;
  }
  return nullptr;
}

const std::pair<std::string, Op>* QualifierTable::starting(std::string_view text) const {
  for (const auto& word : words) {
    if (starts_with(text, word.first)) return &word;
  }
  return nullptr;
}

namespace {

// {units.KIND - 年 月}: the written units of a kind's table, but the listed ones.
struct UnitReference {
  std::string_view kind;
  std::vector<std::string_view> but;
};

std::optional<UnitReference> unit_reference(std::string_view name) {
  if (name.substr(0, 6) != "units.") return std::nullopt;
  UnitReference reference;
  std::size_t dash = name.find(" - ");
  reference.kind = name.substr(6, dash == std::string_view::npos ? name.npos : dash - 6);
  if (dash != std::string_view::npos) {
    std::string_view rest = name.substr(dash + 3);
    while (!rest.empty()) {
      std::size_t space = rest.find(' ');
      if (space != 0) reference.but.push_back(rest.substr(0, space));
      rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    }
  }
  return reference;
}

bool is_identifier(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.';
    if (!ok) return false;
  }
  return !(name[0] >= '0' && name[0] <= '9');
}

// The groups a pattern may name, and where the rule keeps their index.
const std::vector<std::pair<std::string_view, int Rule::*>> kGroups = {
    {"value", &Rule::value},   {"unit", &Rule::unit}, {"from", &Rule::from},
    {"from_unit", &Rule::from_unit}, {"min", &Rule::min}, {"max", &Rule::max},
    {"subject", &Rule::subject},
};

struct Fragment {
  std::string text;
  SourcePosition where;
  std::optional<std::string> expanded;
  bool expanding = false;
};

}  // namespace

// Builds a RuleSet in two passes: tables every rule may use (fragments, units, qualifiers)
// from all files first, then rules and tags, whose patterns may refer to any of them.
class RuleSetBuilder {
 public:
  explicit RuleSetBuilder(std::vector<std::string>& errors) : errors_(errors) {}

  std::optional<RuleSet> build(const std::vector<RuleSource>& sources) {
    std::vector<std::pair<std::string, toml::table>> documents;
    for (const RuleSource& source : sources) {
      try {
        documents.emplace_back(source.name, toml::parse(source.text, source.name));
      } catch (const toml::parse_error& e) {
        SourcePosition where{source.name, e.source().begin.line, e.source().begin.column};
        error(where, "", std::string(e.description()));
      }
    }
    for (auto& [name, document] : documents) collect_shared(name, document);
    check_units();
    for (auto& [name, document] : documents) collect_rules(name, document);
    if (errors_.empty()) compile_patterns();
    if (!errors_.empty()) return std::nullopt;
    return std::move(set_);
  }

 private:
  SourcePosition position(const std::string& file, const toml::source_region& region) {
    return SourcePosition{file, region.begin.line, region.begin.column};
  }

  void error(const SourcePosition& where, std::string_view rule, std::string_view what) {
    if (rule.empty()) {
      errors_.push_back(fmt::format("{}: {}", to_string(where), what));
    } else {
      errors_.push_back(fmt::format("{}: rule {}: {}", to_string(where), rule, what));
    }
  }

  void collect_shared(const std::string& file, toml::table& document) {
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

  // [language]: marks as strings of characters; files add to each other's.
  void collect_language(const std::string& file, toml::table& table) {
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

  // invisible_ranges = [["\uE000", "\uF8FF"]]: each pair the first and last character of a
  // range of invisible ones.
  void collect_invisible_ranges(const SourcePosition& where, toml::node& node) {
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

  // [language.kinds] KIND = ["unit", ...]: the canonical units a kind's unit table may name;
  // files add to each other's lists.
  void collect_kinds(const std::string& file, toml::table& table) {
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

  // [language.ops]: more = ">", range = "<=", order = ["more", "range", "before", "after"].
  void collect_ops(const std::string& file, toml::table& table) {
    using Source = Language::OpSource;
    static const std::vector<std::pair<std::string_view, Source>> kSources = {
        {"more", Source::kMore}, {"range", Source::kRange},
        {"before", Source::kBefore}, {"after", Source::kAfter}};
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

  // [language.numerals]: glyphs by role, each a list (zeros = ["零"]) or, for the roles that
  // carry a number, a table of glyph to number (digits = { "一" = 1 }); and the marks inside
  // Arabic numbers as strings of characters.
  void collect_numerals(const std::string& file, toml::table& table) {
    using Role = Numerals::Role;
    static const std::vector<std::pair<std::string_view, Role>> kRoles = {
        {"digits", Role::kDigit}, {"zeros", Role::kZero},   {"places", Role::kPlace},
        {"scales", Role::kScale}, {"points", Role::kPoint}, {"more", Role::kMore},
        {"half", Role::kHalf},    {"ge", Role::kGe},         {"dozen", Role::kDozen},
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
          error(where, "", fmt::format("language.numerals.{}: '{}' is not one character", name,
                                       text));
          return std::nullopt;
        }
        if (numerals.glyph(c).role != Role::kNone) {
          error(where, "", fmt::format("language.numerals.{}: '{}' already has a role", name,
                                       text));
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
            error(where, "", fmt::format("language.numerals.{}.{}: a number from 0 to 18",
                                         name, glyph.str()));
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

  // The fragments written from [language.numerals], as character classes.
  std::optional<std::string> numeral_fragment(std::string_view name) const {
    using Role = Numerals::Role;
    const Numerals& numerals = set_.language_.numerals;
    std::u32string glyphs;
    if (name == "cn_digit") glyphs = numerals.glyphs(Role::kDigit);
    else if (name == "cn_zero") glyphs = numerals.glyphs(Role::kZero);
    else if (name == "cn_ten") glyphs = numerals.glyphs(Role::kPlace, 1);
    else if (name == "cn_scale") glyphs = numerals.glyphs(Role::kScale);
    else if (name == "cn_place") glyphs = numerals.glyphs(Role::kPlace) + numerals.glyphs(Role::kScale);
    else if (name == "cn_any")
      glyphs = numerals.glyphs(Role::kDigit) + numerals.glyphs(Role::kZero) +
               numerals.glyphs(Role::kPlace) + numerals.glyphs(Role::kScale);
    else if (name == "cn_point") glyphs = numerals.glyphs(Role::kPoint);
    else if (name == "cn_half") glyphs = numerals.glyphs(Role::kHalf);
    else if (name == "more") glyphs = numerals.glyphs(Role::kMore);
    else if (name == "arabic_point") glyphs = numerals.arabic_points();
    else if (name == "arabic_separator") glyphs = numerals.arabic_separators();
    else if (name == "non_numeral")
      glyphs = U"0123456789０１２３４５６７８９" + numerals.glyphs(Role::kDigit) +
               numerals.glyphs(Role::kZero) + numerals.glyphs(Role::kPlace) +
               numerals.glyphs(Role::kScale);
    else return std::nullopt;
    std::string out = name == "non_numeral" ? "[^" : "[";
    for (char32_t c : glyphs) {
      std::string one;
      utf8::append(one, c);
      out += RE2::QuoteMeta(one);
    }
    return out + "]";
  }

  // [meaning.words]: lists of words by class; [meaning.subject_places]: by kind, where a
  // subject is looked for. Files add words to each other's lists; a kind's places are given
  // once.
  void collect_meaning(const std::string& file, toml::table& table) {
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
          error(list_where, "", fmt::format("meaning.{}.{} must be a list of strings",
                                            key.str(), name.str()));
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

  void collect_words(const std::string& file, const std::string& name, toml::array& words,
                     const SourcePosition& where) {
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

  void collect_places(const std::string& file, const std::string& kind, toml::array& places,
                      const SourcePosition& where) {
    Language& language = set_.language_;
    if (language.subject_places.count(kind) > 0) {
      error(where, "", fmt::format("meaning.subject_places: {} is already given", kind));
      return;
    }
    std::vector<Place>& list = kind == "default" ? language.default_places
                                                  : language.subject_places[kind];
    list.clear();
    const auto& names = place_names();
    for (auto& place : places) {
      auto name = place.value<std::string>();
      auto known = std::find_if(names.begin(), names.end(),
                                [&](const auto& entry) { return name && entry.first == *name; });
      if (known == names.end()) {
        error(position(file, place.source()), "",
              fmt::format("meaning.subject_places.{}: unknown place '{}'", kind,
                          name.value_or("?")));
      } else {
        list.push_back(known->second);
      }
    }
  }

  void collect_fragments(const std::string& file, toml::table& table) {
    for (auto&& [key, node] : table) {
      SourcePosition where = position(file, key.source());
      std::string name(key.str());
      if (!is_identifier(name) || name.find('.') != std::string::npos) {
        error(where, "", fmt::format("fragment name '{}' is not an identifier", name));
      } else if (!node.is_string()) {
        error(where, "", fmt::format("fragment {} must be a string", name));
      } else if (fragments_.count(name) > 0) {
        error(where, "", fmt::format("fragment {} is already defined at {}", name,
                                     to_string(fragments_[name].where)));
      } else if (numeral_fragment(name)) {
        error(where, "", fmt::format("fragment {} is written from [language.numerals]", name));
      } else {
        fragments_[name] = Fragment{node.as_string()->get(), position(file, node.source())};
      }
    }
  }

  void collect_units(const std::string& file, const std::string& kind, toml::table& table) {
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
            if (!scale) error(where, "", fmt::format("unit {}: scale is not a number", written));
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

  // [units] KIND = ["家", "个"]: words that are their own canonical unit (measure words).
  void collect_measure_words(const std::string& file, const std::string& kind, toml::array& words) {
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

  void add_unit(const std::string& kind, const std::string& written, const UnitEntry& entry,
                const SourcePosition& where) {
    auto& units = set_.units_[kind];
    auto known = units.find(written);
    if (known != units.end() && known->second.canonical != entry.canonical) {
      error(where, "", fmt::format("unit {} of kind {} is already defined", written, kind));
      return;
    }
    units[written] = entry;
    unit_where_[{kind, written}] = where;
  }

  // Once every file's [language.kinds] is in: each unit names a canonical unit of its kind.
  void check_units() {
    for (const auto& [kind, units] : set_.units_) {
      for (const auto& [written, entry] : units) {
        if (!set_.language_.accepts_unit(kind, entry.canonical)) {
          error(unit_where_[{kind, written}], "",
                fmt::format("unknown unit '{}' for kind {}", entry.canonical, kind));
        }
      }
    }
  }

  void collect_qualifiers(const std::string& file, const std::string& name, toml::table& table) {
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
        error(where, "", fmt::format("qualifier {} already means {}", written,
                                     op_symbol(known->second)));
        continue;
      }
      meanings_[written] = *op;
      qualifiers.words.emplace_back(written, *op);
    }
    std::stable_sort(qualifiers.words.begin(), qualifiers.words.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  }

  // An alternation of written forms, longest first so that RE2's leftmost-first choice
  // takes 个工作日 before 个.
  static std::string alternation(std::vector<std::string> words) {
    std::sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) {
      return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
    std::string out = "(?:";
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (i > 0) out += '|';
      out += RE2::QuoteMeta(words[i]);
    }
    return out + ")";
  }

  // What expand() writes for a {name}: the full text of the fragment or table, or the
  // rule's skeleton, which the prefilter reads instead of the pattern. In a skeleton, a
  // fragment from which the prefilter learns nothing (no literal a match must hold, as in
  // {number}) stands as \C, so the prefilter compiles a few dozen instructions where the
  // pattern has hundreds. \C tells the prefilter as little as the fragment did, or less, so
  // it still lets through every rule that can match; the matcher runs the full pattern.
  enum class Expansion { kFull, kSkeleton };

  // Replaces every {name} by its fragment. {2,5} repetitions and \p{Han} classes are RE2's.
  std::optional<std::string> expand(std::string_view pattern, const SourcePosition& where,
                                    std::string_view rule, Expansion expansion = Expansion::kFull) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      char c = pattern[i];
      if (c == '\\' && i + 1 < pattern.size()) {
        out += c;
        out += pattern[++i];
        if ((pattern[i] == 'p' || pattern[i] == 'P') && i + 1 < pattern.size() &&
            pattern[i + 1] == '{') {
          std::size_t close = pattern.find('}', i);
          if (close == std::string_view::npos) close = pattern.size() - 1;
          out.append(pattern.substr(i + 1, close - i));
          i = close;
        }
        continue;
      }
      std::size_t close = c == '{' ? pattern.find('}', i) : std::string_view::npos;
      if (close == std::string_view::npos) {
        out += c;
        continue;
      }
      std::string_view name = pattern.substr(i + 1, close - i - 1);
      if (!is_identifier(name) && !unit_reference(name)) {
        out += c;
        continue;
      }
      auto piece = expansion == Expansion::kFull ? reference(name, where, rule)
                                                 : skeleton_reference(name, where, rule);
      if (!piece) return std::nullopt;
      out += *piece;
      i = close;
    }
    return out;
  }

  std::optional<std::string> reference(std::string_view name, const SourcePosition& where,
                                       std::string_view rule) {
    if (auto units = unit_reference(name)) {
      auto table = set_.units_.find(units->kind);
      if (table == set_.units_.end()) {
        error(where, rule, fmt::format("unknown unit table {{{}}}", name));
        return std::nullopt;
      }
      for (std::string_view but : units->but) {
        if (table->second.count(but) == 0) {
          error(where, rule, fmt::format("{{{}}}: {} is no unit of {}", name, but, units->kind));
          return std::nullopt;
        }
      }
      std::vector<std::string> words;
      for (const auto& [written, entry] : table->second) {
        if (std::find(units->but.begin(), units->but.end(), written) == units->but.end()) {
          words.push_back(written);
        }
      }
      return alternation(words);
    }
    if (name.substr(0, 11) == "qualifiers.") {
      const QualifierTable* table = set_.qualifiers(name.substr(11));
      if (table == nullptr) {
        error(where, rule, fmt::format("unknown qualifier table {{{}}}", name));
        return std::nullopt;
      }
      std::vector<std::string> words;
      for (const auto& [written, op] : table->words) words.push_back(written);
      return alternation(words);
    }
    auto found = fragments_.find(std::string(name));
    if (found == fragments_.end()) {
      if (auto numeral = numeral_fragment(name)) {
        if (*numeral == "[]") {
          error(where, rule, fmt::format("fragment {{{}}}: [language.numerals] has no glyphs for it", name));
          return std::nullopt;
        }
        return "(?:" + *numeral + ")";
      }
      error(where, rule, fmt::format("unknown fragment {{{}}}", name));
      return std::nullopt;
    }
    Fragment& fragment = found->second;
    if (fragment.expanded) return fragment.expanded;
    if (fragment.expanding) {
      error(fragment.where, rule, fmt::format("fragment {{{}}} refers to itself", name));
      return std::nullopt;
    }
    fragment.expanding = true;
    auto body = expand(fragment.text, fragment.where, rule);
    fragment.expanding = false;
    if (!body) return std::nullopt;
    fragment.expanded = "(?:" + *body + ")";
    return fragment.expanded;
  }

  // A reference as a skeleton shows it: \C where the prefilter learns nothing from the
  // fragment and it has no capturing group (a rule's groups keep their numbers), else the
  // fragment with its own references as skeletons.
  std::optional<std::string> skeleton_reference(std::string_view name, const SourcePosition& where,
                                                std::string_view rule) {
    std::string key(name);
    if (auto known = skeletons_.find(key); known != skeletons_.end()) return known->second;
    auto full = reference(name, where, rule);  // reports unknown names and cycles
    if (!full) return std::nullopt;
    std::string piece = *full;
    if (auto fragment = fragments_.find(key); fragment != fragments_.end()) {
      auto body = expand(fragment->second.text, fragment->second.where, rule, Expansion::kSkeleton);
      if (!body) return std::nullopt;
      piece = "(?:" + *body + ")";
    }
    std::optional<bool> known = known_ignorable(piece);
    bool ignorable = known ? *known : Prefilter::ignorable(piece, pattern_options());
    set_.skeleton_pieces_[piece] = ignorable;
    if (ignorable) piece = "\\C";
    return skeletons_[key] = piece;
  }

  static RE2::Options pattern_options() {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(64 << 20);
    return options;
  }

  std::unique_ptr<RE2> compile(const std::string& pattern, const SourcePosition& where,
                               std::string_view rule) {
    auto regex = std::make_unique<RE2>(pattern, pattern_options());
    if (!regex->ok()) {
      error(where, rule, fmt::format("invalid pattern: {} (at '{}')", regex->error(),
                                     regex->error_arg()));
      return nullptr;
    }
    return regex;
  }

  static std::optional<Decimal> to_decimal(const toml::node& node) {
    if (auto i = node.as_integer()) return Decimal(i->get(), 0);
    if (auto f = node.as_floating_point()) return Decimal::parse(fmt::format("{}", f->get()));
    if (auto s = node.as_string()) return Decimal::parse(s->get());
    return std::nullopt;
  }

  void collect_rules(const std::string& file, toml::table& document) {
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
          add_rule(file, *item.as_table());
        } else {
          add_tagger(file, *item.as_table());
        }
      }
    }
  }

  void add_rule(const std::string& file, toml::table& table) {
    Rule rule;
    rule.where = position(file, table.source());
    rule.order = set_.rules_.size();
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
    SourcePosition pattern_where;
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
      } else if ((field == "qualifiers_before" || field == "qualifiers_after") &&
                 node.is_array()) {
        auto& tables = field == "qualifiers_before" ? rule.qualifiers_before
                                                    : rule.qualifiers_after;
        for (auto& name : *node.as_array()) {
          const QualifierTable* table =
              name.is_string() ? set_.qualifiers(name.as_string()->get()) : nullptr;
          if (table == nullptr) {
            error(position(file, name.source()), rule.id,
                  fmt::format("unknown qualifier table '{}'",
                              name.value<std::string>().value_or("?")));
          } else {
            tables.push_back(table);
          }
        }
      } else if (field == "tags" && node.is_array()) {
        for (auto& tag : *node.as_array()) {
          if (tag.is_string()) rule.tags.push_back(tag.as_string()->get());
          else error(where, rule.id, "tags must be strings");
        }
      } else if (field == "examples" && node.is_array()) {
        for (auto& example : *node.as_array()) add_example(file, rule, example);
      } else if (field == "counter_examples" && node.is_array()) {
        for (auto& text : *node.as_array()) {
          if (text.is_string()) {
            rule.counter_examples.push_back({text.as_string()->get(),
                                             position(file, text.source())});
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
    std::optional<std::string> skeleton;
    if (pattern == nullptr) {
      error(rule.where, rule.id, "rule has no pattern");
    } else {
      SourcePosition where = position(file, pattern->source());
      auto expanded = expand(pattern->as_string()->get(), where, rule.id);
      if (expanded) {
        skeleton = expand(pattern->as_string()->get(), where, rule.id, Expansion::kSkeleton);
      }
      if (skeleton) {
        rule.pattern = *expanded;
        pattern_where = where;
      }
    }
    // Fields come in key order, so the rule's kind may be known only now.
    for (Example& example : rule.examples) {
      if (example.kind.empty()) example.kind = rule.kind;
      if (!example.unit.empty() && !produces_unit(example.kind, example.unit)) {
        error(example.where, rule.id, fmt::format("unknown unit '{}' in example", example.unit));
      }
    }
    if (errors_.size() == errors_before) {
      set_.rules_.push_back(std::move(rule));
      pattern_where_.push_back(pattern_where);
      skeleton_patterns_.push_back(std::move(*skeleton));
    }
  }

  // Builds the prefilter from the rules' skeletons and binds the rules to their capture
  // groups, which a skeleton numbers as its pattern does. A rule's own pattern compiles when
  // a match first needs it.
  void compile_patterns() {
    unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    std::vector<const RE2*> skeletons =
        set_.prefilter_.compile(skeleton_patterns_, pattern_options(), threads);
    for (std::size_t i = 0; i < set_.rules_.size(); ++i) {
      Rule& rule = set_.rules_[i];
      if (skeletons[i] == nullptr) {
        // A skeleton only leaves out fragments that compiled on their own, so the fault is
        // in the pattern; compiling it says what it is.
        if (compile(rule.pattern, pattern_where_[i], rule.id) != nullptr) {
          error(pattern_where_[i], rule.id,
                "invalid pattern: a {fragment} stands where a sub-pattern cannot (in [...]?)");
        }
        continue;
      }
      rule.compiled = std::make_shared<LazyRegex>(rule.pattern, pattern_options());
      bind_groups(rule, *skeletons[i], pattern_where_[i]);
    }
  }

  // Whether some written unit of the kind's table normalizes to this canonical unit.
  bool produces_unit(const std::string& kind, const std::string& canonical) const {
    auto table = set_.units_.find(kind);
    if (table == set_.units_.end()) return false;
    return std::any_of(table->second.begin(), table->second.end(),
                       [&](const auto& entry) { return entry.second.canonical == canonical; });
  }

  void bind_groups(Rule& rule, const RE2& skeleton, const SourcePosition& where) {
    for (const auto& [name, index] : skeleton.NamedCapturingGroups()) {
      auto known = std::find_if(kGroups.begin(), kGroups.end(),
                                [&](const auto& g) { return g.first == name; });
      if (known != kGroups.end()) {
        rule.*(known->second) = index;
      } else {
        error(where, rule.id, fmt::format("unknown group (?P<{}>)", name));
      }
    }
    if (!rule.excludes() && rule.value == 0 && rule.max == 0) {
      error(where, rule.id, "pattern has no (?P<value>) or (?P<max>) group");
    }
    if (!rule.excludes() && rule.unit == 0) {
      error(where, rule.id, "pattern has no (?P<unit>) group");
    }
    if ((rule.min == 0) != (rule.max == 0)) {
      error(where, rule.id, "a range needs both (?P<min>) and (?P<max>)");
    }
  }

  void add_example(const std::string& file, Rule& rule, toml::node& node) {
    SourcePosition where = position(file, node.source());
    toml::table* table = node.as_table();
    if (table == nullptr) {
      error(where, rule.id, "an example is a table: { text = ..., value = ..., unit = ... }");
      return;
    }
    Example example;
    example.where = where;
    bool has_value = false;
    for (auto&& [key, value] : *table) {
      std::string_view field = key.str();
      auto text = value.value<std::string>();
      auto number = to_decimal(value);
      if (field == "text" && text) {
        example.text = *text;
      } else if (field == "kind" && text) {
        example.kind = *text;
      } else if (field == "unit" && text) {
        example.unit = *text;
      } else if (field == "subject" && text) {
        example.subject = *text;
      } else if (field == "change" && text && parse_change(*text)) {
        example.change = parse_change(*text);
      } else if (field == "target" && value.is_boolean()) {
        example.target = value.as_boolean()->get();
      } else if (field == "op" && text && parse_op(*text)) {
        example.op = *parse_op(*text);
      } else if (field == "value" && number) {
        example.value = *number;
        has_value = true;
      } else if (field == "from" && number) {
        example.from = number;
      } else if (field == "min" && number) {
        example.min = number;
      } else if (field == "max" && number) {
        example.max = number;
      } else if (field == "tags" && value.is_array()) {
        for (auto& tag : *value.as_array()) {
          if (tag.is_string()) example.tags.push_back(tag.as_string()->get());
        }
      } else {
        error(position(file, key.source()), rule.id,
              fmt::format("example field '{}' is unknown or has the wrong type", field));
      }
    }
    if (example.text.empty() || !has_value || example.unit.empty()) {
      error(where, rule.id, "an example needs text, value and unit");
      return;
    }
    rule.examples.push_back(std::move(example));
  }

  void add_tagger(const std::string& file, toml::table& table) {
    Tagger tagger;
    SourcePosition where = position(file, table.source());
    const toml::node* clause = nullptr;
    for (auto&& [key, node] : table) {
      std::string_view field = key.str();
      if (field == "name" && node.is_string()) {
        tagger.name = node.as_string()->get();
      } else if (field == "clause" && node.is_string()) {
        clause = &node;
      } else if ((field == "kinds" || field == "except") && node.is_array()) {
        auto& list = field == "kinds" ? tagger.kinds : tagger.except;
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
    if (tagger.name.empty() || clause == nullptr) {
      error(where, "", "a [[tag]] needs a name and a clause pattern");
      return;
    }
    SourcePosition clause_where = position(file, clause->source());
    auto expanded = expand(clause->as_string()->get(), clause_where, "");
    if (!expanded) return;
    tagger.clause = compile(*expanded, clause_where, "");
    if (tagger.clause) set_.taggers_.push_back(std::move(tagger));
  }

  std::vector<std::string>& errors_;
  RuleSet set_;
  std::map<std::string, Fragment> fragments_;
  std::map<std::string, Op> meanings_;            // every written qualifier, in any table
  std::map<std::pair<std::string, std::string>, SourcePosition> unit_where_;  // kind, written
  std::vector<SourcePosition> pattern_where_;     // of each rule in set_.rules_
  std::vector<std::string> skeleton_patterns_;    // of each rule in set_.rules_
  std::map<std::string, std::string> skeletons_;  // a reference's skeleton, by name
  std::map<std::string, std::string> rule_ids_;
};

bool Tagger::tags(std::string_view words) const {
  auto found = [&](std::string_view text) {
    return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *clause);
  };
  if (!found(words)) return false;
  bool excepted = std::any_of(except.begin(), except.end(), [&](const std::string& word) {
    return words.find(word) != std::string_view::npos;
  });
  if (!excepted) return true;
  // Blank out the except words (with as many spaces, so nothing joins across them) and look
  // again: 金融资产规模超过9.5万亿元 holds no cue then, 金融资产和贷款 still does.
  std::string rest(words);
  for (const std::string& word : except) {
    for (std::size_t at = rest.find(word); at != std::string::npos; at = rest.find(word, at)) {
      rest.replace(at, word.size(), word.size(), ' ');
    }
  }
  return found(rest);
}

std::vector<std::string> RuleSet::compile_errors() const {
  std::vector<std::string> errors;
  for (const Rule& rule : rules_) {
    const RE2* regex = rule.compiled->compiled();
    if (regex != nullptr && !regex->ok()) {
      errors.push_back(fmt::format("{}: rule {}: invalid pattern: {}", to_string(rule.where),
                                   rule.id, regex->error()));
    }
  }
  return errors;
}

void RuleSet::compile_all() const {
  for (const Rule& rule : rules_) rule.regex();
}

std::optional<RuleSet> RuleSet::load(const std::vector<RuleSource>& sources,
                                     std::vector<std::string>& errors) {
  return RuleSetBuilder(errors).build(sources);
}

}  // namespace quantex
