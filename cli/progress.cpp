#include "progress.hpp"

#include <fmt/format.h>

namespace quantex::cli {

ProgressLine::ProgressLine(std::uint64_t total, std::uint64_t total_bytes, bool enabled)
    : total_(total),
      total_bytes_(total_bytes),
      enabled_(enabled),
      started_(std::chrono::steady_clock::now()) {}

void ProgressLine::update(const BatchStats& so_far) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - started_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(100)) {
    return;
  }
  last_ = now;
  double seconds = std::chrono::duration<double>(now - started_).count();
  double megabytes = static_cast<double>(so_far.bytes) / 1e6;
  std::string of_total = " MB";  // " of 212.5 MB (47%)" when the inputs' size is known
  if (total_bytes_ > 0) {
    of_total = fmt::format(" of {:.1f} MB ({:.0f}%)", static_cast<double>(total_bytes_) / 1e6,
                           100.0 * static_cast<double>(so_far.bytes) / total_bytes_);
  }
  fmt::print(stderr, "\rquantex: {}/{} files, {:.1f}{}, {} records, {:.1f} MB/s\x1b[K",
             so_far.inputs, total_, megabytes, of_total, so_far.records, megabytes / seconds);
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
