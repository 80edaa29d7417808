// Printer: a Sink that formats records and writes them to an Output in whole lines.
//
// Records are gathered in a buffer and written when it fills, or after every record when
// the output is a terminal, so `quantex big.txt | head -1` sees its first record at once and
// a person at a terminal sees records as they are found.
//
//   quantex::FdOutput out(STDOUT_FILENO);
//   quantex::Printer printer(format, out, isatty(STDOUT_FILENO));
//   extractor.extract(doc, lines, printer);
//   printer.flush();
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "quantex/format.hpp"
#include "quantex/sink.hpp"

namespace quantex {

// Writing failed for a reason other than the reader going away (a full disk, say).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Output {
 public:
  virtual ~Output() = default;
  // Writes all bytes. false: the reader went away (EPIPE), stop quietly.
  // Throws OutputError on any other failure.
  virtual bool write(std::string_view bytes) = 0;
};

class FdOutput : public Output {
 public:
  explicit FdOutput(int fd) : fd_(fd) {}
  bool write(std::string_view bytes) override;

 private:
  int fd_;
};

class StringOutput : public Output {
 public:
  explicit StringOutput(std::string& target) : target_(target) {}
  bool write(std::string_view bytes) override {
    target_ += bytes;
    return true;
  }

 private:
  std::string& target_;
};

class Printer : public Sink {
 public:
  Printer(const Format& format, Output& output, bool line_buffered)
      : format_(format), output_(output), line_buffered_(line_buffered) {}

  bool write(const Record& record) override;
  // Buffers the header row, if the format has one.
  void header();
  // Writes what is buffered; false once the reader went away.
  bool flush();

 private:
  static constexpr std::size_t kFlushAt = 64 * 1024;

  const Format& format_;
  Output& output_;
  bool line_buffered_;
  std::string buffer_;
};

}  // namespace quantex
