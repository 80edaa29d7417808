// Parts: one input cut up so that several threads can read it (quantex -j2 big.txt).
//
// A part holds whole lines, about a megabyte of them, copied out of the input, grouped by
// document. A text input is one document cut across many parts; each part carries the
// sections (the meaning stage's state, see sections.hpp) as they stood before its first
// line, worked out as the input is cut, so a part read on any thread reads exactly as it
// would in order. A JSON Lines input is cut between documents, never inside one. Lines keep
// their numbers, columns and offsets in their document, so records are those of one thread.
//
//   quantex::PartReader reader(bytes, "big.txt", options, language, report);
//   while (auto part = reader.next()) ...   // on any thread: extractor.extract_part(...)
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quantex/clean_text.hpp"
#include "quantex/documents.hpp"
#include "quantex/sections.hpp"

namespace quantex {

struct Part {
  // A document's lines, or some of them.
  struct Piece {
    std::string id;                  // the document's
    std::vector<std::string> notes;  // what reading the input said just before it
    std::vector<Line> lines;         // views into Part::text
    bool begins = false;             // the document's first lines: its sections start afresh
    Sections::State sections;        // else, the sections before the first line
    bool ends = false;               // the document's last lines
  };
  std::string text;
  std::vector<Piece> pieces;
  std::uint64_t read_to = 0;  // the input's bytes read when it was cut (for progress)
};

class PartReader {
 public:
  // bytes and language must outlive the reader. What reading says (a line that is not
  // JSON, bytes that did not decode) comes in the pieces' notes, in order: the notes of the
  // input's end in a last piece of no document.
  // A part holds about part_bytes of lines (a JSON Lines document is never cut, however long).
  PartReader(ByteSource& bytes, std::string path, const DocumentOptions& options,
             const Language& language, std::size_t part_bytes);

  // The next part, or nullopt at the end. Throws what reading the input throws, once the
  // lines read before the failure have been handed out as a part.
  std::optional<Part> next();

 private:
  // Shows the line to the sections as the extractor will.
  void see(std::string_view line);
  // Reads lines of the current document into the part; false at the document's end.
  bool read_lines(Part& part, Part::Piece& piece);
  // The notes reading made since the last piece that took some.
  std::vector<std::string> new_notes();

 public:
  // The input as read so far: its bytes, and whether some of it failed to read or decode.
  const InputReport& reading() const { return reading_; }

 private:
  InputReport reading_;
  const Language& language_;
  std::size_t part_bytes_;
  bool json_lines_;
  std::unique_ptr<DocumentSource> documents_;
  std::size_t notes_seen_ = 0;  // report messages already handed out with a piece
  // The document being cut (a text input's one document, across parts).
  std::string_view id_;
  LineReader* lines_ = nullptr;
  bool open_ = false;           // a document is being read
  bool at_start_ = false;       // and none of its lines is in a part yet
  bool ended_ = false;          // the input has no more documents
  std::exception_ptr failure_;  // thrown after the lines before it are handed out
  CleanText clean_;             // to see the lines as the extractor does, for sections
  Sections sections_;
};

}  // namespace quantex
