// Matcher::compile: the rule set's patterns as RE2 programs, and each rule's group numbers.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "quantex/matcher.hpp"

namespace quantex {
namespace {

// The groups a pattern may name, and where their numbers go.
const std::vector<std::pair<std::string_view, int GroupNumbers::*>> kGroups = {
    {"value", &GroupNumbers::value},     {"unit", &GroupNumbers::unit},
    {"from", &GroupNumbers::from},       {"from_unit", &GroupNumbers::from_unit},
    {"min", &GroupNumbers::min},         {"max", &GroupNumbers::max},
    {"subject", &GroupNumbers::subject},
};

std::string problem(const SourcePosition& where, std::string_view rule, std::string_view what) {
  if (rule.empty()) return fmt::format("{}: {}", to_string(where), what);
  return fmt::format("{}: rule {}: {}", to_string(where), rule, what);
}

std::string invalid(const RE2& regex) {
  return fmt::format("invalid pattern: {} (at '{}')", regex.error(), regex.error_arg());
}

// Numbers the rule's groups from its skeleton, which numbers them as its pattern does;
// false, with messages, when the pattern names a group quantex does not know or lacks one
// it needs.
bool number_groups(const Rule& rule, const RE2& skeleton, GroupNumbers& numbers,
                   std::vector<std::string>& errors) {
  std::size_t errors_before = errors.size();
  auto fail = [&](std::string_view what) {
    errors.push_back(problem(rule.pattern_where, rule.id, what));
  };
  for (const auto& [name, index] : skeleton.NamedCapturingGroups()) {
    const std::string& group_name = name;  // clang 14 cannot capture a structured binding
    auto known = std::find_if(kGroups.begin(), kGroups.end(),
                              [&](const auto& group) { return group.first == group_name; });
    if (known == kGroups.end()) {
      fail(fmt::format("unknown group (?P<{}>)", name));
    } else {
      numbers.*(known->second) = index;
    }
  }
  if (!rule.excludes() && numbers.value == 0 && numbers.max == 0) {
    fail("pattern has no (?P<value>) or (?P<max>) group");
  }
  if (!rule.excludes() && numbers.unit == 0) fail("pattern has no (?P<unit>) group");
  if ((numbers.min == 0) != (numbers.max == 0)) fail("a range needs both (?P<min>) and (?P<max>)");
  return errors.size() == errors_before;
}

// Whether a \C of the skeleton stands under a counted repetition ({n,m} after it, or after
// a group that holds it): the repetitions inside the piece it hides would then multiply,
// perhaps past RE2's limit of 1000, which the skeleton cannot show.
bool repeats_hidden(std::string_view skeleton) {
  std::vector<bool> groups;       // open groups: whether each holds a \C so far
  bool last_held_hidden = false;  // the atom just read holds a \C
  for (std::size_t i = 0; i < skeleton.size(); ++i) {
    char c = skeleton[i];
    bool counted =
        c == '{' && i + 1 < skeleton.size() && skeleton[i + 1] >= '0' && skeleton[i + 1] <= '9';
    if (counted && last_held_hidden) return true;
    if (c == '\\' && i + 1 < skeleton.size()) {
      last_held_hidden = skeleton[++i] == 'C';
      if (last_held_hidden) groups.assign(groups.size(), true);
      continue;
    }
    if (c == '[') {  // a class: skip to its end (a ] first in it is a member)
      std::size_t end = i + 1;
      if (end < skeleton.size() && skeleton[end] == '^') ++end;
      if (end < skeleton.size() && skeleton[end] == ']') ++end;
      while (end < skeleton.size() && skeleton[end] != ']') end += skeleton[end] == '\\' ? 2 : 1;
      i = end;
      last_held_hidden = false;
    } else if (c == '(') {
      groups.push_back(false);
    } else if (c == ')' && !groups.empty()) {
      last_held_hidden = groups.back();
      groups.pop_back();
    } else if (!counted && c != '?' && c != '*' && c != '+') {
      last_held_hidden = false;
    }
  }
  return false;
}

// How many pieces the skeleton hides: its \C.
std::size_t hidden_count(std::string_view skeleton) {
  std::size_t count = 0;
  for (std::size_t i = 0; i + 1 < skeleton.size(); ++i) {
    if (skeleton[i] != '\\') continue;
    if (skeleton[++i] == 'C') ++count;
  }
  return count;
}

// Whether a pattern surely compiles because its skeleton did: no hidden piece repeats, so
// each is compiled once, where its \C stands; the skeleton's program with every \C grown to
// the largest hidden piece's program then stays a tenth of the smallest budget RE2 keeps
// for a program (its reverse, a third of max_mem: some 650,000 instructions at 64 MB).
bool surely_compiles(const Rule& rule, const RE2& skeleton) {
  constexpr std::size_t kSurelyFits = 65000;
  auto size = static_cast<std::size_t>(skeleton.ProgramSize());
  return !repeats_hidden(rule.skeleton) &&
         size + hidden_count(rule.skeleton) * rule.largest_hidden <= kSurelyFits;
}

// Calls work(i) for every i below count, on up to `threads` threads.
template <typename Work>
void in_parallel(std::size_t count, unsigned threads, const Work& work) {
  std::atomic<std::size_t> next{0};
  auto take = [&] {
    for (std::size_t i = next++; i < count; i = next++) work(i);
  };
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < threads && t < count; ++t) workers.emplace_back(take);
  take();
  for (std::thread& worker : workers) worker.join();
}

}  // namespace

Matcher::Matcher(const RuleSet& rules) : rules_(rules), chars_(rules.language()) {}

std::optional<Matcher> Matcher::compile(const RuleSet& rules, unsigned threads,
                                        std::vector<std::string>& errors) {
  threads = std::max(threads, 1u);
  std::size_t errors_before = errors.size();
  Matcher matcher(rules);
  std::vector<std::string> skeletons;
  for (const Rule& rule : rules.rules()) skeletons.push_back(rule.skeleton);
  std::vector<const RE2*> compiled_skeletons = matcher.prefilter_.compile(skeletons, threads);

  for (std::size_t i = 0; i < rules.rules().size(); ++i) {
    const Rule& rule = rules.rules()[i];
    Compiled compiled;
    compiled.regex = std::make_unique<LazyRegex>(rule.pattern, rule_pattern_options());
    compiled.digits_alike = detail::digits_alike(rule.pattern);
    if (compiled_skeletons[i] == nullptr) {
      // A skeleton only leaves out fragments that compiled on their own, so the fault is in
      // the pattern; compiling it says what it is.
      const RE2& regex = compiled.regex->get();
      errors.push_back(problem(rule.pattern_where, rule.id,
                               !regex.ok() ? invalid(regex)
                                           : "invalid pattern: a {fragment} stands where a "
                                             "sub-pattern cannot (in [...]?)"));
    } else if (number_groups(rule, *compiled_skeletons[i], compiled.numbers, errors)) {
      const GroupNumbers& n = compiled.numbers;
      compiled.group_count =
          std::max({n.value, n.unit, n.from, n.from_unit, n.min, n.max, n.subject}) + 1;
    }
    matcher.compiled_.push_back(std::move(compiled));
  }

  // A rule of the user's compiles now, unless its skeleton shows it surely will: a pattern
  // can parse and still be too large for RE2, or repeat past its limits.
  std::vector<std::size_t> now;
  for (std::size_t i = 0; i < rules.rules().size(); ++i) {
    const Rule& rule = rules.rules()[i];
    if (rule.built_in || compiled_skeletons[i] == nullptr) continue;
    if (!surely_compiles(rule, *compiled_skeletons[i])) now.push_back(i);
  }
  in_parallel(now.size(), threads, [&](std::size_t k) { matcher.compiled_[now[k]].regex->get(); });
  for (std::size_t i : now) {
    const Rule& rule = rules.rules()[i];
    const RE2& regex = matcher.compiled_[i].regex->get();
    if (!regex.ok() && compiled_skeletons[i] != nullptr) {
      errors.push_back(problem(rule.pattern_where, rule.id, invalid(regex)));
    }
  }

  for (const TagRule& tag : rules.tag_rules()) {
    auto clause = std::make_unique<RE2>(tag.clause, rule_pattern_options());
    if (!clause->ok()) errors.push_back(problem(tag.clause_where, "", invalid(*clause)));
    matcher.tag_clauses_.push_back(std::move(clause));
  }
  if (errors.size() != errors_before) return std::nullopt;
  return matcher;
}

bool Matcher::tags(std::size_t tag, std::string_view words) const {
  const RE2& clause = *tag_clauses_[tag];
  const std::vector<std::string>& except = rules_.tag_rules()[tag].except;
  auto found = [&](std::string_view text) {
    return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), clause);
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

}  // namespace quantex
