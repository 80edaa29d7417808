// DecodingSource: any input encoding in, UTF-8 without a byte-order mark out.
//
// Unless an encoding is forced, a byte-order mark decides it (UTF-8, UTF-16LE or UTF-16BE);
// without one, each line is read as UTF-8 if it is UTF-8 (or nearly: more well-formed
// characters than stray bytes), else as GB18030, the superset of GBK and GB2312 in which
// Chinese government files are usually written. A file that joins UTF-8 and GBK parts, or
// UTF-8 with a stray byte, loses nothing. Conversion uses iconv from the C library. Bytes
// that cannot be decoded become U+FFFD and are counted, with the encoding they failed in, so
// the caller can report them once per file. A NUL byte outside UTF-16 and UTF-32 means binary
// input and is thrown as BinaryInput unless binary input is allowed: this is quantex's one
// binary policy. The bytes are checked as they are read, never in a pass of their own, so the
// exception says whether any text was delivered before it (a file that is binary from its
// first block, or text with binary data after it).
//
//   quantex::FdSource raw(fd);
//   quantex::DecodingSource text(raw, "", false);
//   quantex::LineReader lines(text);   // reads UTF-8
#pragma once

#include <iconv.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "quantex/source.hpp"

namespace quantex {

// Whether iconv can read this encoding into UTF-8.
bool known_encoding(const std::string& name);

// Whether an iconv encoding name is UTF-16, UTF-32, UCS-2 or UCS-4 (any case, with or without
// - or _, with or without a byte order), in which NUL bytes are text. ISO-8859-16 is not.
bool is_wide_encoding(std::string_view name);

class BinaryInput : public std::runtime_error {
 public:
  // looks_like: an encoding the bytes look like, for the message ("UTF-16LE"), or empty.
  BinaryInput(std::uint64_t offset, bool after_text, std::string_view looks_like = {});
  std::uint64_t offset() const { return offset_; }
  // Whether text was delivered before the NUL byte: records may have been made from it.
  bool after_text() const { return after_text_; }

 private:
  std::uint64_t offset_;
  bool after_text_;
};

class DecodingSource : public ByteSource {
 public:
  // encoding: an iconv name such as "GB18030" or "UTF-16LE", or empty to detect.
  // Throws InputError for an encoding iconv does not know.
  DecodingSource(ByteSource& raw, std::string encoding, bool allow_binary);
  ~DecodingSource() override;
  DecodingSource(const DecodingSource&) = delete;
  DecodingSource& operator=(const DecodingSource&) = delete;

  // Reads the first block: enough to know the encoding, and to throw BinaryInput for a file
  // that is binary from its start before anything is read from it. read() does it too.
  void start();
  // Fills data with whole UTF-8 characters; needs size >= 4.
  std::size_t read(char* data, std::size_t size) override;

  // The encoding in use, once the first read has detected it; when lines decide, that of
  // the first line that is not ASCII.
  const std::string& encoding() const { return encoding_; }
  // Bytes replaced by U+FFFD, the input offset of the first, and the encoding it was read in.
  std::uint64_t invalid_bytes() const { return invalid_bytes_; }
  std::uint64_t first_invalid_offset() const { return first_invalid_offset_; }
  const std::string& first_invalid_encoding() const { return first_invalid_encoding_; }

 private:
  // No end of a segment: read to the end of the input.
  static constexpr std::size_t kOpen = static_cast<std::size_t>(-1);

  void detect();
  bool fill();
  void reject_nul(std::size_t from);
  void open_iconv(const std::string& from);
  void mark_invalid(std::uint64_t offset, const char* encoding, char*& out, std::size_t& room);
  // Decode raw_ from raw_pos_ up to end (a position in raw_, or kOpen).
  std::size_t read_utf8(char* data, std::size_t size, std::size_t end);
  std::size_t read_iconv(char* data, std::size_t size, std::size_t end);
  // Lines decide: the next line (or a cut of a very long one) and its encoding.
  std::size_t read_by_line(char* data, std::size_t size);
  bool next_segment();

  ByteSource& raw_source_;
  std::string encoding_;
  bool allow_binary_;
  bool detected_ = false;
  bool check_binary_ = false;
  bool by_line_ = false;        // no forced encoding and no byte-order mark
  bool delivered_ = false;      // whether read() has returned text
  bool segment_utf8_ = true;    // the encoding of raw_[raw_pos_, segment_end_)
  bool segment_valid_ = false;  // and whether all of it is valid UTF-8
  std::size_t segment_end_ = 0;
  bool named_ = false;  // whether a line that is not ASCII has named the encoding
  iconv_t converter_ = reinterpret_cast<iconv_t>(-1);
  std::string raw_;  // bytes read and not yet decoded start at raw_pos_
  std::size_t raw_pos_ = 0;
  std::uint64_t raw_offset_ = 0;  // input offset of raw_[0]
  bool raw_end_ = false;
  std::uint64_t invalid_bytes_ = 0;
  std::uint64_t first_invalid_offset_ = 0;
  std::string first_invalid_encoding_;
};

}  // namespace quantex
