// Byte sources: where the reader's bytes come from (a file descriptor or memory).
//
// A source hands out bytes in whatever pieces it likes; the reader above it makes lines.
// Failures are thrown as InputError, whose message is ready for "quantex: PATH: message".
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace quantex {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Copies up to `size` bytes into data; returns how many, 0 only at the end.
  // Throws InputError when the underlying read fails.
  virtual std::size_t read(char* data, std::size_t size) = 0;
};

// Reads a file descriptor it does not own (standard input, or a file the caller opened).
class FdSource : public ByteSource {
 public:
  explicit FdSource(int fd) : fd_(fd) {}
  std::size_t read(char* data, std::size_t size) override;

 private:
  int fd_;
};

// Reads bytes held elsewhere (a document's text from a JSON Lines record, a test string).
class MemorySource : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  std::size_t read(char* data, std::size_t size) override;

 private:
  std::string_view bytes_;
};

// Hands out an inner source's bytes at most `chunk` at a time: tests use it to cut input at
// every possible place.
class ChunkedSource : public ByteSource {
 public:
  ChunkedSource(ByteSource& inner, std::size_t chunk) : inner_(inner), chunk_(chunk) {}
  std::size_t read(char* data, std::size_t size) override {
    return inner_.read(data, size < chunk_ ? size : chunk_);
  }

 private:
  ByteSource& inner_;
  std::size_t chunk_;
};

}  // namespace quantex
