#include "progress.hpp"

#include <fmt/format.h>

namespace quantex::cli {

ProgressLine::ProgressLine(std::uint64_t total, bool enabled)
    : total_(total), enabled_(enabled), started_(std::chrono::steady_clock::now()) {}

void ProgressLine::update(const BatchStats& so_far) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - started_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(100)) {
    return;
  }
  last_ = now;
  double seconds = std::chrono::duration<double>(now - started_).count();
  double megabytes = static_cast<double>(so_far.bytes) / 1e6;
  fmt::print(stderr, "\rquantex: {}/{} files, {:.1f} MB, {} records, {:.1f} MB/s\x1b[K",
             so_far.inputs, total_, megabytes, so_far.records, megabytes / seconds);
  std::fflush(stderr);
  shown_ = true;
}

void ProgressLine::clear() {
  if (!shown_) return;
  fmt::print(stderr, "\r\x1b[K");
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace quantex::cli
