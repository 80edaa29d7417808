#include "quantex/line_reader.hpp"

#include <algorithm>
#include <cstring>

#include "quantex/utf8.hpp"

namespace quantex {

LineReader::LineReader(ByteSource& source, ReaderOptions options)
    : source_(source), options_(options), number_(options.first_line) {
  options_.block_size = std::max<std::size_t>(options_.block_size, 1);
  // A segment must hold at least one whole character.
  options_.max_line_bytes = std::max<std::size_t>(options_.max_line_bytes, 4);
  buffer_.resize(2 * options_.block_size);
}

bool LineReader::read_more() {
  if (at_end_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ + options_.block_size > buffer_.size()) {
    // Grow with the longest line seen, never past a segment and one block.
    std::size_t limit = options_.max_line_bytes + options_.block_size;
    buffer_.resize(std::min(limit, std::max(2 * buffer_.size(), end_ + options_.block_size)));
  }
  std::size_t room = std::min(options_.block_size, buffer_.size() - end_);
  std::size_t n = source_.read(buffer_.data() + end_, room);
  end_ += n;
  if (n == 0) at_end_ = true;
  return n > 0;
}

std::size_t LineReader::cut_point(std::string_view pending) const {
  // Best after a sentence's end, else after a clause mark, a pause or a space: a number
  // never spans them.
  std::string_view window =
      pending.substr(0, utf8::floor_boundary(pending, options_.max_line_bytes));
  std::size_t cut = 0;
  if (const Marks* marks = options_.marks) {
    // One walk back from the end, where the nearest mark usually is, for both: a line
    // without a sentence's end (a table) is walked once, not twice. It reads only the
    // characters that end in a byte some mark ends in; a byte inside a character reads that
    // character again, which was read first, at its end.
    std::size_t after_clause = 0;  // the end of the last clause mark, pause or space
    for (std::size_t end = window.size(); end > 0; --end) {
      if (!marks->may_end_mark(static_cast<unsigned char>(window[end - 1]))) continue;
      std::size_t at = end;
      char32_t c = utf8::previous(window, at);
      if (marks->ends_sentence(c)) {
        cut = end;
        break;
      }
      if (after_clause == 0 && (marks->ends_clause(c) || marks->pauses(c) || marks->is_space(c))) {
        after_clause = end;
      }
    }
    if (cut == 0) cut = after_clause;
  }
  if (cut == 0) cut = utf8::floor_boundary(pending, options_.max_line_bytes);
  if (cut == 0) cut = std::min(pending.size(), utf8::sequence_length(pending[0]));
  // Never leave the CR of a CRLF at the end of a segment.
  if (cut > 1 && pending[cut - 1] == '\r') --cut;
  return cut;
}

void LineReader::emit(Line& line, std::size_t length, std::size_t consumed, bool ends_line) {
  line.text = std::string_view(buffer_.data() + begin_, length);
  line.readable = buffer_.size() - begin_;
  line.number = number_;
  line.column = column_;
  line.offset = offset_;
  line.continues = !ends_line;
  std::uint64_t chars = utf8::count(line.text);
  begin_ += consumed;
  if (ends_line) {
    offset_ += chars + 1;
    ++number_;
    column_ = 0;
  } else {
    offset_ += chars;
    column_ += chars;
  }
}

bool LineReader::next(Line& line) {
  std::size_t searched = 0;  // bytes of the pending data already known to hold no LF
  for (;;) {
    std::string_view pending(buffer_.data() + begin_, end_ - begin_);
    const void* lf = std::memchr(pending.data() + searched, '\n', pending.size() - searched);
    if (lf != nullptr) {
      auto at = static_cast<std::size_t>(static_cast<const char*>(lf) - pending.data());
      if (at <= options_.max_line_bytes) {
        std::size_t length = at > 0 && pending[at - 1] == '\r' ? at - 1 : at;
        emit(line, length, at + 1, true);
        return true;
      }
    }
    if (pending.size() > options_.max_line_bytes) {
      std::size_t cut = cut_point(pending);
      emit(line, cut, cut, false);
      return true;
    }
    searched = pending.size();
    if (!read_more()) {
      // Finding the end, read_more may have moved the data to the front of the buffer or
      // grown it: the view taken before points at where the data was.
      pending = std::string_view(buffer_.data() + begin_, end_ - begin_);
      if (pending.empty()) return false;
      std::size_t length = pending.back() == '\r' ? pending.size() - 1 : pending.size();
      emit(line, length, pending.size(), true);
      return true;
    }
  }
}

}  // namespace quantex
