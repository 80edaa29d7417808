#include "quantex/rule_set.hpp"

#include <fmt/format.h>

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
// and the word's last byte tells nearly all of them apart (a Chinese character's last byte
// varies, its first is one of a few): comparing that byte first spares most calls to memcmp.
bool ends_with(std::string_view text, std::string_view word) {
  return word.empty() ||
         (text.size() >= word.size() && text.back() == word.back() && text.ends_with(word));
}
bool starts_with(std::string_view text, std::string_view word) {
  return word.empty() || (text.size() >= word.size() && text[word.size() - 1] == word.back() &&
                          text.starts_with(word));
}

}  // namespace

void QualifierTable::index() {
  last_bytes.reset();
  for (const auto& word : words) {
    if (word.first.empty()) {
      last_bytes.set();
      return;
    }
    last_bytes.set(static_cast<unsigned char>(word.first.back()));
  }
}

const std::pair<std::string, Op>* QualifierTable::ending(std::string_view text) const {
  if (!text.empty() && !last_bytes[static_cast<unsigned char>(text.back())]) return nullptr;
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

}  // namespace quantex
