// LineReader: decoded bytes in, whole lines out, in one buffer that rolls.
//
// Lines are paragraphs in these reports and may be very long (a whole report on one line),
// so memory is bounded by cutting a line longer than max_line_bytes into segments: after the
// last sentence end (。！？；) that fits, else after the last clause mark, pause (、) or
// space, else at a character boundary (the marks are the language's, Marks). Every segment keeps
// the line's number, and its column and document offset stay exact. A line end is LF or CRLF and
// counts as one character; a last line without a line end is still read.
//
//   quantex::LineReader lines(source, {.marks = &language.marks});
//   quantex::Line line;
//   while (lines.next(line)) use(line.text, line.number, line.column, line.offset);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "quantex/language.hpp"
#include "quantex/source.hpp"

namespace quantex {

struct ReaderOptions {
  const Marks* marks = nullptr;             // where a long line may be cut; none: anywhere
  std::size_t block_size = 64 * 1024;       // bytes asked of the source at a time
  std::size_t max_line_bytes = 256 * 1024;  // longer lines are cut into segments
  std::uint64_t first_line = 1;             // the number of the first line read
};

struct Line {
  std::string_view text;     // UTF-8, without the line end; valid until the next call
  std::uint64_t number = 0;  // 1-based line number
  std::uint64_t column = 0;  // 0-based code-point column of text[0] within its line
  std::uint64_t offset = 0;  // code-point offset of text[0] within the document
  bool continues = false;    // the line was cut: its next segment follows
  // Bytes readable from text.data() on, the text and what follows it in the reader's
  // buffer: a parser that reads a little past its input (simdjson) may parse in place.
  std::size_t readable = 0;
};

class LineReader {
 public:
  explicit LineReader(ByteSource& source, ReaderOptions options = {});

  // The next line or segment; false at the end of input. Throws what the source throws.
  bool next(Line& line);

 private:
  bool read_more();
  std::size_t cut_point(std::string_view pending) const;
  void emit(Line& line, std::size_t length, std::size_t consumed, bool ends_line);

  ByteSource& source_;
  ReaderOptions options_;
  std::string buffer_;
  std::size_t begin_ = 0;  // unread data is buffer_[begin_, end_)
  std::size_t end_ = 0;
  bool at_end_ = false;
  std::uint64_t number_ = 1;
  std::uint64_t column_ = 0;
  std::uint64_t offset_ = 0;
};

}  // namespace quantex
