// ProgressLine: "files done / total, MB, records, rate" on standard error while a long run
// goes on at a terminal. It shows nothing in the first second, nothing when disabled, and
// erases itself before any other message and at the end.
#pragma once

#include <chrono>
#include <cstdint>

#include "quantex/batch.hpp"

namespace quantex::cli {

class ProgressLine {
 public:
  ProgressLine(std::uint64_t total, bool enabled);
  void update(const BatchStats& so_far);
  void clear();

 private:
  std::uint64_t total_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace quantex::cli
