// ProgressLine: "files done / total, MB read (of how many, when the inputs are files),
// records, rate" on standard error while a long run goes on at a terminal; within one large
// input too, every few megabytes. It shows nothing in the first second, nothing when
// disabled, and erases itself before any other message and at the end.
#pragma once

#include <chrono>
#include <cstdint>

#include "quantex/batch.hpp"

namespace quantex::cli {

class ProgressLine {
 public:
  // total_bytes: the inputs' size, 0 when unknown (standard input, a pipe).
  ProgressLine(std::uint64_t total, std::uint64_t total_bytes, bool enabled);
  void update(const BatchStats& so_far);
  void clear();

 private:
  std::uint64_t total_;
  std::uint64_t total_bytes_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace quantex::cli
