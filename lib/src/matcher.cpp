#include "quantex/matcher.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "quantex/utf8.hpp"

namespace quantex {

Matcher::Matcher(const RuleSet& rules) : rules_(rules) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(256 << 20);
  set_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (const Rule& rule : rules.rules()) {
    std::string error;
    if (set_->Add(rule.pattern, &error) < 0) {
      throw MatchError(fmt::format("rule {}: {}", rule.id, error));
    }
    int last = std::max({rule.value, rule.unit, rule.from, rule.from_unit, rule.min, rule.max,
                         rule.subject});
    for (int q : rule.qualifiers) last = std::max(last, q);
    group_counts_.push_back(last + 1);
  }
  if (!set_->Compile()) throw MatchError("the rules are too large for RE2's memory budget");
}

void Matcher::find(std::string_view text, Matches& out) const {
  out.hits.clear();
  out.groups.clear();
  out.candidates.clear();
  RE2::Set::ErrorInfo error;
  if (!set_->Match(text, &out.candidates, &error)) {
    if (error.kind == RE2::Set::kNoError || error.kind == RE2::Set::kNotCompiled) return;
    throw MatchError("RE2 ran out of memory on this line");
  }
  std::sort(out.candidates.begin(), out.candidates.end());
  const re2::StringPiece line(text.data(), text.size());
  for (int index : out.candidates) {
    const Rule& rule = rules_.rules()[static_cast<std::size_t>(index)];
    auto count = static_cast<std::size_t>(group_counts_[static_cast<std::size_t>(index)]);
    std::size_t pos = 0;
    while (pos <= text.size()) {
      std::size_t first = out.groups.size();
      out.groups.resize(first + count);
      if (!rule.regex->Match(line, pos, text.size(), RE2::UNANCHORED, &out.groups[first],
                             static_cast<int>(count))) {
        out.groups.resize(first);
        break;
      }
      const re2::StringPiece whole = out.groups[first];
      std::size_t end = static_cast<std::size_t>(whole.data() - text.data()) + whole.size();
      if (whole.empty()) {
        // An empty match says nothing; step over one character, never into the middle of one.
        out.groups.resize(first);
        end = end < text.size()
                  ? end + utf8::sequence_length(static_cast<unsigned char>(text[end]))
                  : end + 1;
      } else {
        out.hits.push_back({&rule, first});
      }
      pos = end;
    }
  }
}

}  // namespace quantex
