// Extractor: the search worker. It drives one document through the pipeline:
// lines from the reader, cleaned, matched by the rules, normalized, resolved, and pushed as
// records to a sink. It knows nothing of files, encodings or output formats.
//
//   quantex::Extractor extractor(matcher, {});
//   quantex::LineReader lines(source);
//   extractor.extract("report.txt", lines, printer);
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "quantex/clean_text.hpp"
#include "quantex/line_reader.hpp"
#include "quantex/matcher.hpp"
#include "quantex/meaning.hpp"
#include "quantex/normalizer.hpp"
#include "quantex/resolver.hpp"
#include "quantex/rule_set.hpp"
#include "quantex/sink.hpp"

namespace quantex {

// What quantex explain is shown of each line as the extractor reads it (explain.hpp).
class Trace {
 public:
  virtual ~Trace() = default;
  // The line as written and as the rules see it, cleaned; whether any rule matched in it
  // (if one did, hit() and resolved() follow).
  virtual void line(const Line& line, std::string_view cleaned, bool matched) = 0;
  // A rule's match in the cleaned line, its groups, and what normalizing it gave: nullopt
  // when the number, unit or change did not read. An exclusion has no groups.
  virtual void hit(const Rule& rule, std::string_view match, const Captures& captures,
                   const std::optional<Normalized>& normalized) = 0;
  // The candidates the hits made, each with its rule, and the indexes of those kept.
  virtual void resolved(const std::vector<Candidate>& candidates,
                        const std::vector<const Rule*>& rules,
                        const std::vector<std::size_t>& kept) = 0;
};

struct ExtractOptions {
  bool context = false;            // fill Record::context with the sentence
  std::vector<std::string> kinds;  // keep only these kinds; empty keeps all
  std::vector<std::string> tags;   // keep only records with one of these tags; empty keeps all
};

class Extractor {
 public:
  // The matcher (and its rules) must outlive the extractor. One extractor per thread.
  Extractor(const Matcher& matcher, ExtractOptions options);

  // One document: sink.begin(doc), every record of every line, in line order and, within a
  // line, in text order, and sink.finish(doc, what it yielded), also when reading throws.
  // Returns false when the sink asked to stop. Throws what the reader throws.
  bool extract(std::string_view doc, LineReader& lines, Sink& sink);

  // A part of a document read in parts (on several threads): its lines, with the sections
  // as they stood before them, without sink.begin or sink.finish; what the part yielded is
  // summary() afterwards. Returns false when the sink asked to stop.
  bool extract_part(std::string_view doc, const std::vector<Line>& lines,
                    const Sections::State& sections, Sink& sink);
  // What the last document or part yielded.
  const DocumentSummary& summary() const { return summary_; }
  // Shows every line's reading to trace (nullptr: none), which must outlive the extraction.
  void trace(Trace* trace) { trace_ = trace; }

 private:
  bool extract_line(std::string_view doc, const Line& line, Sink& sink);
  // Returns where the first number too large to hold stands in the cleaned line, or npos.
  std::size_t collect_candidates();
  // The groups of a hit, without the qualifiers around it.
  Captures captures_of(const Matcher::Hit& hit) const;
  // Reads the numbers of candidate `index` if not read yet; false if they cannot be read.
  // The resolver asks it of a candidate that would win: most candidates of a table lose to
  // another, and reading their numbers was a third of their cost.
  bool read(std::size_t index);
  // What meaning needs of each record to be written: placed_, in text order.
  void place(const std::vector<std::size_t>& kept);
  bool keeps(std::string_view kind) const;
  // Whether record_'s tags hold one of those asked for (--tag), or none were asked for.
  bool tagged_as_asked() const;
  void add_tags(const Rule& rule, Span text);
  // Where the line's clause and sentence marks stand, found in one pass when a record's
  // clause (a tag's cue) or sentence (--context) reaches farther than a short walk; they
  // then answer for the line's later records. Walking out from each record cost a line
  // without punctuation, a record every few characters, 1 KB of reading for each.
  struct LineMarks {
    std::vector<Span> clause, sentence;
    bool found = false;
  };
  const LineMarks& line_marks();
  // The clause the taggers read last in this line, and what each answered there (by tag
  // rule; -1: not asked; none: no clause yet): records of one clause share them, a dozen in
  // a clause of digit soup, and each answer is a search of the clause.
  struct TaggedClause {
    Span words;
    std::vector<signed char> answers;
  };

  const RuleSet& rules_;
  const Matcher& matcher_;
  ExtractOptions options_;
  DocumentSummary summary_;  // of the document being read
  // Scratch reused from line to line, so a line costs no allocation once warm.
  CleanText clean_;
  Matcher::Matches matches_;
  std::vector<Candidate> candidates_;
  std::vector<std::size_t> hit_of_;
  // A candidate's qualifiers, and where its numbers are in numbers_ once read. Small, as
  // a table's segment holds tens of thousands of candidates, most of which lose and are
  // never read.
  struct Reading {
    static constexpr std::uint32_t kUnread = UINT32_MAX;
    std::optional<Op> op_before, op_after;
    std::uint32_t numbers = kUnread;
  };
  std::vector<Reading> readings_;
  std::vector<Normalized> numbers_;
  Resolver resolver_;
  MeaningReader meaning_;
  std::vector<Placed> placed_;
  std::vector<Meaning> meanings_;
  Record record_;
  LineMarks marks_;
  TaggedClause tagged_;
  Trace* trace_ = nullptr;
};

}  // namespace quantex
