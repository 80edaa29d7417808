#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <utility>

#include "loader.hpp"
#include "quantex/known_pieces.hpp"
#include "quantex/prefilter.hpp"
#include "quantex/utf8.hpp"

namespace quantex {

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

// Whether the reference at pattern[begin, end) may match nothing for what stands around
// it: {x}?, {x}*, {x}{0,n}, or a group that holds only the reference, so quantified:
// (?:{x})?.
bool optional_reference(std::string_view pattern, std::size_t begin, std::size_t end) {
  if (begin >= 3 && pattern.substr(begin - 3, 3) == "(?:" &&
      (begin == 3 || pattern[begin - 4] != '\\') && end < pattern.size() && pattern[end] == ')') {
    ++end;
  }
  return end < pattern.size() &&
         (pattern[end] == '?' || pattern[end] == '*' || pattern.substr(end, 3) == "{0,");
}

}  // namespace

void RuleSetBuilder::collect_fragments(const std::string& file, toml::table& table) {
  for (auto&& [key, node] : table) {
    SourcePosition where = position(file, key.source());
    std::string name(key.str());
    if (!is_identifier(name) || name.find('.') != std::string::npos) {
      error(where, "", fmt::format("fragment name '{}' is not an identifier", name));
    } else if (!node.is_string()) {
      error(where, "", fmt::format("fragment {} must be a string", name));
    } else if (fragments_.count(name) > 0) {
      error(where, "",
            fmt::format("fragment {} is already defined at {}", name,
                        to_string(fragments_[name].where)));
    } else if (numeral_fragment(name)) {
      error(where, "", fmt::format("fragment {} is written from [language.numerals]", name));
    } else {
      Fragment& fragment = fragments_[name];
      fragment.text = node.as_string()->get();
      fragment.where = position(file, node.source());
    }
  }
}

std::optional<std::string> RuleSetBuilder::numeral_fragment(std::string_view name) const {
  using Role = Numerals::Role;
  const Numerals& numerals = set_.language_.numerals;
  std::u32string glyphs;
  if (name == "cn_digit")
    glyphs = numerals.glyphs(Role::kDigit);
  else if (name == "cn_zero")
    glyphs = numerals.glyphs(Role::kZero);
  else if (name == "cn_ten")
    glyphs = numerals.glyphs(Role::kPlace, 1);
  else if (name == "cn_scale")
    glyphs = numerals.glyphs(Role::kScale);
  else if (name == "cn_place")
    glyphs = numerals.glyphs(Role::kPlace) + numerals.glyphs(Role::kScale);
  else if (name == "cn_any")
    glyphs = numerals.glyphs(Role::kDigit) + numerals.glyphs(Role::kZero) +
             numerals.glyphs(Role::kPlace) + numerals.glyphs(Role::kScale);
  else if (name == "cn_point")
    glyphs = numerals.glyphs(Role::kPoint);
  else if (name == "cn_half")
    glyphs = numerals.glyphs(Role::kHalf);
  else if (name == "more")
    glyphs = numerals.glyphs(Role::kMore);
  else if (name == "arabic_point")
    glyphs = numerals.arabic_points();
  else if (name == "arabic_separator")
    glyphs = numerals.arabic_separators();
  else if (name == "non_numeral")
    glyphs = U"0123456789０１２３４５６７８９" + numerals.glyphs(Role::kDigit) +
             numerals.glyphs(Role::kZero) + numerals.glyphs(Role::kPlace) +
             numerals.glyphs(Role::kScale);
  else
    return std::nullopt;
  std::string out = name == "non_numeral" ? "[^" : "[";
  for (char32_t c : glyphs) {
    std::string one;
    utf8::append(one, c);
    out += RE2::QuoteMeta(one);
  }
  return out + "]";
}

std::string RuleSetBuilder::alternation(std::vector<std::string> words) {
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

std::optional<std::string> RuleSetBuilder::expand(std::string_view pattern,
                                                  const SourcePosition& where,
                                                  std::string_view rule, Expansion expansion) {
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
    auto piece =
        expansion == Expansion::kFull
            ? reference(name, where, rule)
            : skeleton_reference(name, where, rule, optional_reference(pattern, i, close + 1));
    if (!piece) return std::nullopt;
    if (out.size() + piece->size() > kLongestPattern) {
      // Fragments that each use the one before twice double at every level: 40 lines make
      // a pattern of a trillion bytes.
      error(where, rule,
            fmt::format("pattern longer than {} bytes once {{{}}} is expanded", kLongestPattern,
                        name));
      return std::nullopt;
    }
    out += *piece;
    i = close;
  }
  return out;
}

std::optional<std::string> RuleSetBuilder::reference(std::string_view name,
                                                     const SourcePosition& where,
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
        error(where, rule,
              fmt::format("fragment {{{}}}: [language.numerals] has no glyphs for it", name));
        return std::nullopt;
      }
      return "(?:" + *numeral + ")";
    }
    error(where, rule, fmt::format("unknown fragment {{{}}}", name));
    return std::nullopt;
  }
  Fragment& fragment = found->second;
  if (fragment.expanded) return fragment.expanded;
  if (fragment.failed) return std::nullopt;  // said once already
  if (fragment.expanding) {
    error(fragment.where, rule, fmt::format("fragment {{{}}} refers to itself", name));
    return std::nullopt;
  }
  fragment.expanding = true;
  auto body = expand(fragment.text, fragment.where, rule);
  fragment.expanding = false;
  if (!body) {
    fragment.failed = true;
    return std::nullopt;
  }
  fragment.expanded = "(?:" + *body + ")";
  return fragment.expanded;
}

std::optional<std::string> RuleSetBuilder::skeleton_reference(std::string_view name,
                                                              const SourcePosition& where,
                                                              std::string_view rule,
                                                              bool optional) {
  std::string key = optional ? "?" : "";
  key += name;
  if (auto known = skeletons_.find(key); known != skeletons_.end()) {
    hidden_ = std::max(hidden_, known->second.hidden);
    return known->second.text;
  }
  auto full = reference(name, where, rule);  // reports unknown names and cycles
  if (!full) return std::nullopt;
  std::optional<PieceAnswer> known = known_piece(*full);
  if (optional && !(known && known->ignorable)) {
    // A piece that may match nothing requires nothing of a text, whatever it holds: the
    // prefilter learns nothing from it. Shown whole, it only costs the skeleton's compile
    // (.{0,12}?的 in a change rule was a third of it).
    RE2 whole(*full, rule_pattern_options());
    if (whole.ok() && whole.NumberOfCapturingGroups() == 0) {
      Skeleton skeleton{"\\C", static_cast<std::size_t>(whole.ProgramSize())};
      hidden_ = std::max(hidden_, skeleton.hidden);
      return (skeletons_[key] = skeleton).text;
    }
  }
  Skeleton skeleton{*full, 0};
  const std::size_t outer = std::exchange(hidden_, 0);
  if (auto fragment = fragments_.find(std::string(name)); fragment != fragments_.end()) {
    auto body = expand(fragment->second.text, fragment->second.where, rule, Expansion::kSkeleton);
    if (!body) return std::nullopt;
    skeleton.text = "(?:" + *body + ")";
    skeleton.hidden = hidden_;  // what its own references hide
  }
  PieceAnswer answer = known ? *known : Prefilter::examine(skeleton.text, *full);
  set_.skeleton_pieces_[*full] = answer;
  if (answer.ignorable) skeleton = Skeleton{"\\C", answer.program_size};
  hidden_ = std::max(outer, skeleton.hidden);
  return (skeletons_[key] = skeleton).text;
}

}  // namespace quantex
