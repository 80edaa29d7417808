#include "quantex/printer.hpp"

#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace quantex {

bool FdOutput::write(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) return false;
      throw OutputError(std::generic_category().message(errno));
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void Printer::header() { format_.header(buffer_); }

bool Printer::write(const Record& record) {
  format_.record(record, buffer_);
  if (line_buffered_ || buffer_.size() >= kFlushAt) return flush();
  return true;
}

bool Printer::flush() {
  bool open = output_.write(buffer_);
  buffer_.clear();
  return open;
}

}  // namespace quantex
