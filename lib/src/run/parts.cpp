#include "quantex/parts.hpp"

#include <algorithm>

#include "quantex/utf8.hpp"

namespace quantex {

PartReader::PartReader(ByteSource& bytes, std::string path, const DocumentOptions& options,
                       const Language& language, std::size_t part_bytes)
    : language_(language),
      part_bytes_(part_bytes),
      json_lines_(options.input == InputFormat::kJsonLines),
      documents_(read_documents(bytes, std::move(path), options, reading_)),
      clean_(language.marks),
      sections_(language) {}

void PartReader::see(std::string_view line) {
  // The extractor sees the cleaned line, and so must the sections handed to the next part.
  // Cleaning all of every line here, on the one thread that cuts the input, would cost a
  // tenth of what the threads can do; the head of a line is all sections read. A few bytes
  // past kBytesSeen leave room for an indent (　　 is six); a line whose spaces or removed
  // characters take more is cleaned whole below.
  std::size_t head = std::min(line.size(), Sections::kBytesSeen + 16);
  while (head < line.size() && utf8::is_continuation(static_cast<unsigned char>(line[head]))) {
    ++head;
  }
  clean_.assign(line.substr(0, head));
  std::string_view text = clean_.text();
  std::size_t words = 0;  // where the text starts after its leading spaces
  while (words < text.size()) {
    std::size_t at = words;
    if (!language_.marks.is_space(utf8::next(text, at))) break;
    words = at;
  }
  if (head < line.size() && text.size() - words < Sections::kBytesSeen) clean_.assign(line);
  sections_.see(clean_.text());
}

bool PartReader::read_lines(Part& part, Part::Piece& piece) {
  Line line;
  while (part.text.size() < part_bytes_ && lines_->next(line)) {
    if (!json_lines_ && language_.reads_meaning()) see(line.text);
    Line copy = line;
    // Views into part.text are set once it stops growing; until then, the offset.
    copy.text = std::string_view(nullptr, line.text.size());
    piece.lines.push_back(copy);
    part.text.append(line.text);
  }
  // A JSON Lines document is never cut: its part grows until it is whole.
  if (json_lines_) {
    while (lines_->next(line)) {
      Line copy = line;
      copy.text = std::string_view(nullptr, line.text.size());
      piece.lines.push_back(copy);
      part.text.append(line.text);
    }
    return false;
  }
  return part.text.size() >= part_bytes_;
}

std::vector<std::string> PartReader::new_notes() {
  std::vector<std::string> notes(
      reading_.messages.begin() + static_cast<std::ptrdiff_t>(notes_seen_),
      reading_.messages.end());
  notes_seen_ = reading_.messages.size();
  return notes;
}

std::optional<Part> PartReader::next() {
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
  if (ended_) return std::nullopt;
  Part part;
  try {
    while (part.text.size() < part_bytes_) {
      if (!open_) {
        if (!documents_->next(id_, lines_)) {
          ended_ = true;
          break;
        }
        open_ = at_start_ = true;
        sections_.start_document();
      }
      // The notes reading made before these lines (a line that is not JSON) go with them.
      part.pieces.emplace_back();
      part.pieces.back().notes = new_notes();
      Part::Piece& piece = part.pieces.back();
      piece.id = id_;
      piece.begins = at_start_;
      piece.sections = sections_.state();
      at_start_ = false;
      if (!read_lines(part, piece)) {
        piece.ends = true;
        open_ = false;
      }
    }
  } catch (...) {
    failure_ = std::current_exception();
    if (part.pieces.empty()) std::rethrow_exception(std::exchange(failure_, nullptr));
  }
  if (ended_) {
    // What the end said (bytes that did not decode, lines after the last document).
    std::vector<std::string> notes = new_notes();
    if (!notes.empty()) {
      part.pieces.emplace_back();
      part.pieces.back().notes = std::move(notes);
    }
  }
  if (part.pieces.empty()) return std::nullopt;
  std::size_t at = 0;
  for (Part::Piece& piece : part.pieces) {
    for (Line& line : piece.lines) {
      line.text = std::string_view(part.text).substr(at, line.text.size());
      at += line.text.size();
    }
  }
  return part;
}

}  // namespace quantex
