#include "quantex/language.hpp"

#include <algorithm>

#include "quantex/utf8.hpp"

namespace quantex {

const std::vector<std::pair<std::string_view, Lexicon::Classes>>& word_class_names() {
  static const std::vector<std::pair<std::string_view, Lexicon::Classes>> names = {
      {"scope", word::kScope},
      {"verbs", word::kVerb},
      {"kept_verbs", word::kKeptVerb},
      {"light_verbs", word::kLightVerb},
      {"prepositions", word::kPreposition},
      {"adverbs", word::kAdverb},
      {"between", word::kBetween},
      {"number_adverbs", word::kNumberAdverb},
      {"asides", word::kAside},
      {"trailing_actions", word::kTrailingAction},
      {"efforts", word::kEffort},
      {"up", word::kUp},
      {"down", word::kDown},
      {"level", word::kLevel},
      {"compare", word::kCompare},
      {"gap", word::kGap},
      {"joins", word::kList},
      {"de", word::kDe},
      {"generic_heads", word::kGenericHead},
      {"set_nouns", word::kSetNoun},
      {"populations", word::kPopulation},
      {"metric_heads", word::kMetricHead},
      {"topic_heads", word::kTopicHead},
      {"share", word::kShare},
      {"after_numeral", word::kAfterNumeral},
      {"duration_leads", word::kDurationLead},
      {"vague", word::kVague},
      {"respectively", word::kRespectively},
      {"content", word::kContent},
      {"goal", word::kGoal},
      {"clause_goal", word::kClauseGoal},
      {"done", word::kDone},
      {"done_bases", word::kDoneBase},
      {"future", word::kFuture},
      {"review_headings", word::kReviewHeading},
      {"plan_headings", word::kPlanHeading},
      {"plan_documents", word::kPlanDocument},
      {"report_documents", word::kReportDocument},
  };
  return names;
}

const std::vector<std::pair<std::string_view, Place>>& place_names() {
  static const std::vector<std::pair<std::string_view, Place>> names = {
      {"object", Place::kObject},
      {"object_after_de", Place::kObjectAfterDe},
      {"before", Place::kBefore},
      {"before_adjacent", Place::kBeforeAdjacent},
      {"object_after_verb", Place::kObjectAfterVerb},
      {"action_after", Place::kActionAfter},
      {"shared", Place::kShared},
      {"verb", Place::kVerb},
      {"verb_object", Place::kVerbObject},
      {"topic", Place::kTopic},
  };
  return names;
}

bool Numerals::counts(char32_t c) const {
  Role role = glyph(c).role;
  return role == Role::kDigit || role == Role::kZero || role == Role::kPlace;
}

std::bitset<0x10000> Numerals::digits() {
  std::bitset<0x10000> body;
  for (char32_t c = U'0'; c <= U'9'; ++c) body.set(c);
  for (char32_t c = U'０'; c <= U'９'; ++c) body.set(c);
  return body;
}

void Numerals::add(char32_t c, Glyph glyph) {
  glyphs_.emplace_back(c, glyph);
  if (c < has_glyph_.size()) has_glyph_.set(c);
  bool body = glyph.role == Role::kDigit || glyph.role == Role::kZero ||
              glyph.role == Role::kPlace || glyph.role == Role::kScale || glyph.role == Role::kHalf;
  if (body && c < body_.size()) body_.set(c);
}

Numerals::Glyph Numerals::glyph(char32_t c) const {
  if (c < has_glyph_.size() && !has_glyph_[c]) return {};
  for (const auto& [code_point, glyph] : glyphs_) {
    if (code_point == c) return glyph;
  }
  return {};
}

std::u32string Numerals::glyphs(Role role, int number) const {
  std::u32string out;
  for (const auto& [code_point, glyph] : glyphs_) {
    if (glyph.role == role && (number < 0 || glyph.number == number)) out += code_point;
  }
  return out;
}

bool Language::accepts_unit(std::string_view kind, std::string_view unit) const {
  if (unit.empty()) return false;
  auto known = canonical_units.find(kind);
  return known == canonical_units.end() ||
         std::find(known->second.begin(), known->second.end(), unit) != known->second.end();
}

const std::vector<Place>& Language::places(std::string_view kind) const {
  auto found = subject_places.find(kind);
  return found == subject_places.end() ? default_places : found->second;
}

std::bitset<0x10000> Language::quotation_marks() {
  std::bitset<0x10000> marks;
  for (char32_t c : std::u32string_view(U"“”《》")) marks.set(c);
  return marks;
}

void Language::add_mark(char32_t mark, Ends ends) {
  switch (ends) {
    case Ends::kClause: marks.add_clause_end(mark); break;
    case Ends::kSentence: marks.add_sentence_end(mark); break;
    case Ends::kFullStop: marks.add_full_stop(mark); break;
  }
  if (mark < notable_.size()) notable_.set(mark);
}

bool Language::add_word(std::string_view text, Lexicon::Classes classes) {
  if (!words.add(text, classes)) return false;
  has_words_ = true;
  if ((classes & word::kCues) && !text.empty()) {
    std::size_t pos = 0;
    char32_t first = utf8::next(text, pos);
    if (first < cue_starts_.size()) {
      cue_starts_.set(first);
      notable_.set(first);
    }
  }
  return true;
}

}  // namespace quantex
