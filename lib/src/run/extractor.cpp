#include "quantex/extractor.hpp"

#include <algorithm>
#include <optional>

#include "quantex/utf8.hpp"

namespace quantex {
namespace {

// Whether a number holds more significant digits than a record's value can hold exactly
// (18): it makes no record, and the reader is told.
bool too_many_digits(std::string_view number) {
  int digits = 0;
  for (std::size_t pos = 0; pos < number.size();) {
    char32_t c = utf8::next(number, pos);
    if (!is_arabic_digit(c)) continue;
    if (digits > 0 || (c != U'0' && c != U'０')) ++digits;
  }
  return digits > 18;
}

// How far around walks from a span on each side, for a record's context (a sentence) and
// for the clause a tag looks at. The longest sentence of the corpus is 1.5 KB and its
// longest clause 426 bytes; a line without punctuation (a pasted table) can hold thousands
// of records, and walking all of it for each made tagging and context quadratic. A cue of a
// tag farther than 512 bytes (some 170 characters) from its number says nothing of it.
constexpr std::size_t kFarthestSentence = 4096;
constexpr std::size_t kFarthestClause = 512;

// The part of text around span between the marks before and after it, the closing mark
// kept, or at most `farthest` bytes of it on each side, cut where a character begins. It
// walks out a character at a time for kWalk bytes, which finds the marks of a report's
// clauses and sentences; past that it reads the line's marks (where they stand, in text
// order), so that a line without punctuation costs no walk of `farthest` bytes a record.
constexpr std::size_t kWalk = 128;

// around's answer from the line's marks: what the walk gives, then a mark just past kWalk
// bytes where the walk stopped short of `farthest`.
Span between_marks(std::string_view text, Span span, std::size_t farthest,
                   const std::vector<Span>& marks) {
  const std::size_t walk = std::min(farthest, kWalk);
  // The last mark that ends by span.begin, and the first that begins at span.end or later.
  auto before = std::upper_bound(marks.begin(), marks.end(), span.begin,
                                 [](std::size_t pos, const Span& mark) { return pos < mark.end; });
  auto after = std::lower_bound(marks.begin(), marks.end(), span.end,
                                [](const Span& mark, std::size_t pos) { return mark.begin < pos; });
  std::size_t begin = 0;
  if (before != marks.begin() && span.begin - std::prev(before)->end < walk) {
    begin = std::prev(before)->end;
  } else if (span.begin >= walk) {
    begin = utf8::floor_boundary(text, span.begin - walk);  // where the walk stops
    if (begin > 0 && span.begin - begin < farthest) {
      begin = span.begin >= farthest ? utf8::floor_boundary(text, span.begin - farthest) : 0;
      if (before != marks.begin()) begin = std::max(begin, std::prev(before)->end);
    }
  }
  auto next_start = [&](std::size_t pos) {  // the first character start at pos or later
    while (pos < text.size() && utf8::is_continuation(static_cast<unsigned char>(text[pos]))) {
      ++pos;
    }
    return pos;
  };
  std::size_t end = text.size();
  if (after != marks.end() && after->begin - span.end < walk) {
    end = after->end;
  } else if (text.size() - span.end > walk) {
    end = next_start(span.end + walk);  // where the walk stops
    if (end < text.size() && end - span.end < farthest) {
      end = next_start(std::min(text.size(), span.end + farthest));
      if (after != marks.end() && after->begin - span.end < farthest) end = after->end;
    }
  }
  return Span{begin, end};
}

// The walk, until the line's marks are known (known): from then on, the marks answer for
// every record of the line, and a line without punctuation walks once.
template <class Ends, class LineMarks>
Span around(std::string_view text, Span span, std::size_t farthest, Ends ends, LineMarks marks,
            bool known) {
  if (known) return between_marks(text, span, farthest, marks());
  const std::size_t walk = std::min(farthest, kWalk);
  std::size_t begin = span.begin;
  while (begin > 0 && span.begin - begin < walk) {
    std::size_t previous = begin;
    if (ends(utf8::previous(text, previous))) break;
    begin = previous;
  }
  // The walk ended on neither a mark nor the line's edge.
  if (begin > 0 && span.begin - begin >= walk) return between_marks(text, span, farthest, marks());
  std::size_t end = span.end;
  while (end < text.size() && end - span.end < walk) {
    if (ends(utf8::next(text, end))) break;
  }
  if (end < text.size() && end - span.end >= walk) {
    return between_marks(text, span, farthest, marks());
  }
  return Span{begin, end};
}

Span span_of(std::string_view text, std::string_view group) {
  auto begin = static_cast<std::size_t>(group.data() - text.data());
  return Span{begin, begin + group.size()};
}

void widen(Span& span, Span more, bool& any) {
  if (!any) {
    span = more;
    any = true;
  } else {
    span.begin = std::min(span.begin, more.begin);
    span.end = std::max(span.end, more.end);
  }
}

// The longest word of the tables that text ends with (or, with ending false, starts with).
const std::pair<std::string, Op>* longest(const std::vector<const QualifierTable*>& tables,
                                          std::string_view text, bool ending) {
  const std::pair<std::string, Op>* best = nullptr;
  for (const QualifierTable* table : tables) {
    const auto* word = ending ? table->ending(text) : table->starting(text);
    if (word != nullptr && (best == nullptr || word->first.size() > best->first.size())) {
      best = word;
    }
  }
  return best;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

Extractor::Extractor(const Matcher& matcher, ExtractOptions options)
    : rules_(matcher.rules()),
      matcher_(matcher),
      options_(std::move(options)),
      clean_(rules_.language().marks),
      meaning_(rules_.language()) {}

bool Extractor::tagged_as_asked() const {
  if (options_.tags.empty()) return true;
  return std::any_of(record_.tags.begin(), record_.tags.end(), [&](std::string_view tag) {
    return std::find(options_.tags.begin(), options_.tags.end(), tag) != options_.tags.end();
  });
}

bool Extractor::keeps(std::string_view kind) const {
  return options_.kinds.empty() ||
         std::find(options_.kinds.begin(), options_.kinds.end(), kind) != options_.kinds.end();
}

bool Extractor::extract(std::string_view doc, LineReader& lines, Sink& sink) {
  meaning_.start_document();
  summary_ = DocumentSummary{};
  sink.begin(doc);
  bool open = true;
  try {
    Line line;
    while (open && lines.next(line)) open = extract_line(doc, line, sink);
  } catch (...) {
    sink.finish(doc, summary_);  // what was written before the failure is still counted
    throw;
  }
  sink.finish(doc, summary_);
  return open;
}

bool Extractor::extract_part(std::string_view doc, const std::vector<Line>& lines,
                             const Sections::State& sections, Sink& sink) {
  meaning_.resume_document(sections);
  summary_ = DocumentSummary{};
  for (const Line& line : lines) {
    if (!extract_line(doc, line, sink)) return false;
  }
  return true;
}

Captures Extractor::captures_of(const Matcher::Hit& hit) const {
  Captures captures;
  captures.value = matches_.group(hit, hit.numbers->value);
  captures.unit = matches_.group(hit, hit.numbers->unit);
  captures.from = matches_.group(hit, hit.numbers->from);
  captures.from_unit = matches_.group(hit, hit.numbers->from_unit);
  captures.min = matches_.group(hit, hit.numbers->min);
  captures.max = matches_.group(hit, hit.numbers->max);
  captures.subject = matches_.group(hit, hit.numbers->subject);
  return captures;
}

std::size_t Extractor::collect_candidates() {
  std::size_t too_large = std::string_view::npos;
  std::string_view text = clean_.text();
  candidates_.clear();
  hit_of_.clear();
  readings_.clear();
  numbers_.clear();
  // Room for all at once: growing by doubling touched twice the memory, and a table's
  // segment makes tens of thousands of candidates, whose first touch of each page costs.
  candidates_.reserve(matches_.hits.size());
  hit_of_.reserve(matches_.hits.size());
  readings_.reserve(matches_.hits.size());
  numbers_.reserve(matches_.hits.size());
  for (std::size_t h = 0; h < matches_.hits.size(); ++h) {
    const Matcher::Hit& hit = matches_.hits[h];
    const Rule& rule = *hit.rule;
    Candidate candidate;
    candidate.priority = rule.priority;
    candidate.rule_order = rule.order;
    Reading reading;
    if (rule.excludes()) {
      if (trace_ != nullptr) trace_->hit(rule, matches_.whole(hit), Captures{}, std::nullopt);
      candidate.text = span_of(text, matches_.whole(hit));
      candidate.claims[0] = candidate.text;
      candidate.yields_record = false;
    } else {
      Captures captures = captures_of(hit);
      // The indicator is its number and unit (or range); a change's first number and unit
      // stand apart from it, and its qualifiers are the words right around it.
      Span b;
      bool any = false;
      for (std::string_view group : {captures.value, captures.unit, captures.min, captures.max}) {
        if (!group.empty()) widen(b, span_of(text, group), any);
      }
      const auto* before = longest(rule.qualifiers_before, text.substr(0, b.begin), true);
      // 签约45个, 节约3000万元: a qualifier that ends a longer word of the language is none.
      if (before != nullptr &&
          rules_.language().words.ending_at(text, b.begin, 0).size > before->first.size()) {
        before = nullptr;
      }
      if (before != nullptr) {
        captures.op_before = reading.op_before = before->second;
        b.begin -= before->first.size();
      }
      if (const auto* q = longest(rule.qualifiers_after, text.substr(b.end), false)) {
        captures.op_after = reading.op_after = q->second;
        b.end += q->first.size();
      }
      // Read now what a trace shows, and what may be too large to hold: the reader is told
      // of that whichever candidate wins. It takes 19 digits, so 19 bytes or more.
      std::string_view number = captures.value.empty() ? captures.max : captures.value;
      if (trace_ != nullptr || number.size() > 18) {
        auto result = normalize(rule, captures, rules_);
        if (trace_ != nullptr) trace_->hit(rule, matches_.whole(hit), captures, result);
        if (!result) {
          if (too_many_digits(number)) {
            too_large = std::min(too_large, span_of(text, captures.value).begin);
          }
          continue;
        }
        reading.numbers = static_cast<std::uint32_t>(numbers_.size());
        numbers_.push_back(*result);
      }
      candidate.text = b;
      candidate.claims[0] = b;
      if (!captures.from.empty()) {
        // A change claims its two numbers and leaves the words between them to other rules.
        Span a = span_of(text, captures.from);
        if (!captures.from_unit.empty()) {
          a.end = std::max(a.end, span_of(text, captures.from_unit).end);
        }
        candidate.text = Span{std::min(a.begin, b.begin), std::max(a.end, b.end)};
        candidate.claims[0] = a;
        candidate.claims[1] = b;
        candidate.claim_count = 2;
      }
    }
    candidates_.push_back(candidate);
    hit_of_.push_back(h);
    readings_.push_back(reading);
  }
  return too_large;
}

bool Extractor::read(std::size_t index) {
  Reading& reading = readings_[index];
  // An exclusion has no numbers; others were read when collected, or are read now.
  if (!candidates_[index].yields_record || reading.numbers != Reading::kUnread) return true;
  const Matcher::Hit& hit = matches_.hits[hit_of_[index]];
  Captures captures = captures_of(hit);
  captures.op_before = reading.op_before;
  captures.op_after = reading.op_after;
  auto numbers = normalize(*hit.rule, captures, rules_);
  if (!numbers) return false;
  reading.numbers = static_cast<std::uint32_t>(numbers_.size());
  numbers_.push_back(*numbers);
  return true;
}

void Extractor::add_tags(const Rule& rule, Span text) {
  record_.tags.clear();
  for (const std::string& tag : rule.tags) record_.tags.push_back(tag);
  // The clause is found only for a record some tagger looks at: walking out to its marks
  // is most of the cost, and most records are of kinds no tagger names.
  std::optional<std::string_view> words;
  for (std::size_t tag = 0; tag < rules_.tag_rules().size(); ++tag) {
    const TagRule& tagger = rules_.tag_rules()[tag];
    bool applies =
        std::find(tagger.kinds.begin(), tagger.kinds.end(), rule.kind) != tagger.kinds.end();
    if (!applies ||
        std::find(record_.tags.begin(), record_.tags.end(), tagger.name) != record_.tags.end()) {
      continue;
    }
    if (!words) {
      const Marks& marks = rules_.language().marks;
      Span clause = around(
          clean_.text(), text, kFarthestClause, [&](char32_t c) { return marks.ends_clause(c); },
          [&]() -> const std::vector<Span>& { return line_marks().clause; }, marks_.found);
      words = clean_.text().substr(clause.begin, clause.size());
      if (tagged_.answers.empty() || clause.begin != tagged_.words.begin ||
          clause.end != tagged_.words.end) {
        tagged_.words = clause;
        tagged_.answers.assign(rules_.tag_rules().size(), -1);
      }
    }
    signed char& answer = tagged_.answers[tag];
    if (answer < 0) answer = matcher_.tags(tag, *words) ? 1 : 0;
    if (answer == 1) record_.tags.push_back(tagger.name);
  }
}

const Extractor::LineMarks& Extractor::line_marks() {
  if (!marks_.found) {
    const Marks& marks = rules_.language().marks;
    const std::string_view text = clean_.text();
    // Only a character whose last byte may end a mark is read.
    for (std::size_t last = 0; last < text.size(); ++last) {
      if (!marks.may_end_mark(static_cast<unsigned char>(text[last]))) continue;
      std::size_t at = utf8::floor_boundary(text, last);
      std::size_t pos = at;
      char32_t c = utf8::next(text, pos);
      if (pos != last + 1) continue;  // the byte is inside a character
      if (marks.ends_clause(c)) marks_.clause.push_back(Span{at, pos});
      if (marks.ends_sentence(c)) marks_.sentence.push_back(Span{at, pos});
    }
    marks_.found = true;
  }
  return marks_;
}

void Extractor::place(const std::vector<std::size_t>& kept) {
  std::string_view text = clean_.text();
  placed_.clear();
  placed_.reserve(kept.size());
  for (std::size_t index : kept) {
    const Candidate& candidate = candidates_[index];
    const Matcher::Hit& hit = matches_.hits[hit_of_[index]];
    Placed placed;
    placed.kind = hit.rule->kind;
    placed.text = candidate.text;
    placed.is_change = candidate.claim_count == 2;
    placed.value = candidate.claims[candidate.claim_count - 1];
    if (placed.is_change) placed.from = candidate.claims[0];
    placed.match = span_of(text, matches_.whole(hit));
    if (std::string_view subject = matches_.group(hit, hit.numbers->subject); !subject.empty()) {
      placed.subject = span_of(text, subject);
    }
    placed_.push_back(placed);
  }
}

bool Extractor::extract_line(std::string_view doc, const Line& line, Sink& sink) {
  clean_.assign(line.text);
  marks_.clause.clear();
  marks_.sentence.clear();
  marks_.found = false;
  tagged_.answers.clear();
  meaning_.see_line(clean_.text());
  matcher_.find(clean_.text(), matches_);
  if (trace_ != nullptr) trace_->line(line, clean_.text(), !matches_.hits.empty());
  if (matches_.hits.empty()) return true;
  if (std::size_t at = collect_candidates(); at != std::string_view::npos) {
    // Said once a line: several rules may find the same number.
    if (summary_.too_large++ == 0) {
      summary_.first_too_large_line = line.number;
      summary_.first_too_large_col = line.column + clean_.original_start(at) + 1;
    }
  }
  std::string_view text = clean_.text();
  const std::vector<std::size_t>& kept =
      resolver_.resolve(candidates_, [this](std::size_t index) { return read(index); });
  if (trace_ != nullptr) {
    std::vector<const Rule*> rule_of;
    for (std::size_t h : hit_of_) rule_of.push_back(matches_.hits[h].rule);
    trace_->resolved(candidates_, rule_of, kept);
  }
  place(kept);
  meaning_.read(text, placed_, meanings_);
  for (std::size_t k = 0; k < kept.size(); ++k) {
    std::size_t index = kept[k];
    const Candidate& candidate = candidates_[index];
    const Matcher::Hit& hit = matches_.hits[hit_of_[index]];
    const Rule& rule = *hit.rule;
    if (!keeps(rule.kind)) continue;
    const Normalized& n = numbers_[readings_[index].numbers];
    std::uint64_t start = clean_.original_start(candidate.text.begin);
    std::uint64_t end = clean_.original_end(candidate.text.end);
    record_.doc = doc;
    record_.line = line.number;
    record_.col = line.column + start + 1;
    record_.start = line.offset + start;
    record_.end = line.offset + end;
    record_.rule = rule.id;
    record_.kind = rule.kind;
    record_.text = clean_.original(candidate.text.begin, candidate.text.end);
    record_.value = n.value;
    record_.unit = n.unit;
    record_.op = n.op;
    record_.from = n.from;
    record_.min = n.min;
    record_.max = n.max;
    const Meaning& meaning = meanings_[k];
    record_.subject = trimmed(clean_.original(meaning.subject.begin, meaning.subject.end));
    record_.change = meaning.change;
    record_.target = meaning.target;
    add_tags(rule, candidate.text);
    if (!tagged_as_asked()) continue;
    record_.context = {};
    if (options_.context) {
      const Marks& marks = rules_.language().marks;
      Span sentence = around(
          text, candidate.text, kFarthestSentence,
          [&](char32_t c) { return marks.ends_sentence(c); },
          [&]() -> const std::vector<Span>& { return line_marks().sentence; }, marks_.found);
      record_.context = trimmed(clean_.original(sentence.begin, sentence.end));
    }
    auto count = summary_.records_by_kind.find(rule.kind);
    if (count == summary_.records_by_kind.end()) {
      count = summary_.records_by_kind.emplace(rule.kind, 0).first;
    }
    ++count->second;
    if (!sink.write(record_)) return false;
  }
  return true;
}

}  // namespace quantex
