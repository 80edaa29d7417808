// Meaning: what each number of a line measures (subject), whether it is the size of a
// change (change), and whether it is a goal rather than a result (target); INDICATORS.md,
// "Meaning". The words that decide are the language's (language.hpp); this stage provides
// the mechanisms: reading the phrases around a number, sharing one subject along a list,
// pairing the lists of 分别, and carrying a document's section from line to line.
//
//   quantex::MeaningReader reader(language);
//   reader.start_document();
//   for each line:
//     reader.see_line(text);                       // headings open review or plan sections
//     reader.read(text, placed, meanings);         // one Meaning per placed record
//
// Every position is a byte offset in the cleaned line. Reading a record looks at its clause
// and at most a few dozen characters around it, so the cost does not grow with the line.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "quantex/language.hpp"
#include "quantex/record.hpp"
#include "quantex/resolver.hpp"
#include "quantex/sections.hpp"

namespace quantex {

// A record of the line, as meaning sees it.
struct Placed {
  std::string_view kind;
  Span text;     // the record's whole text: a change's two numbers and what is between
  Span value;    // the value's number, unit and qualifiers
  Span from;     // a change's first number and unit; empty otherwise
  Span match;    // the rule's whole match (a change begins at its 由)
  Span subject;  // the subject the rule's pattern named; empty: none
  bool is_change = false;
};

struct Meaning {
  Span subject;  // empty: none
  Change change = Change::kNone;
  bool target = false;
};

class MeaningReader {
 public:
  // The language must outlive the reader.
  explicit MeaningReader(const Language& language);
  ~MeaningReader();
  MeaningReader(MeaningReader&&) noexcept;

  // A new document: no section yet, its kind unknown until its title is seen.
  void start_document();
  // Every line of the document, in order, before its records are read.
  void see_line(std::string_view text);
  // Goes on with a document read in parts: the sections as they stood before this part.
  void resume_document(const Sections::State& state) { sections_.resume(state); }
  // The meaning of each record of the line, in text order, into out (resized to match). A
  // record whose rule named its subject keeps it.
  void read(std::string_view text, const std::vector<Placed>& records, std::vector<Meaning>& out);

 private:
  struct Scratch;  // what reading a line needs, kept from line to line

  const Language& language_;
  Sections sections_;
  std::unique_ptr<Scratch> scratch_;
};

}  // namespace quantex
