#include "quantex/source.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace quantex {

std::size_t FdSource::read(char* data, std::size_t size) {
  for (;;) {
    ssize_t n = ::read(fd_, data, size);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno == EINTR) continue;
    throw InputError(std::generic_category().message(errno));
  }
}

std::size_t MemorySource::read(char* data, std::size_t size) {
  std::size_t n = size < bytes_.size() ? size : bytes_.size();
  std::memcpy(data, bytes_.data(), n);
  bytes_.remove_prefix(n);
  return n;
}

}  // namespace quantex
