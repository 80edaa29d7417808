// Collector: a Sink that keeps copies of the records it is given, for code that wants to
// look at them afterwards (rule examples, tests) rather than print them.
#pragma once

#include <vector>

#include "quantex/record.hpp"
#include "quantex/sink.hpp"

namespace quantex {

class Collector : public Sink {
 public:
  bool write(const Record& record) override;
  const std::vector<OwnedRecord>& records() const { return records_; }

 private:
  std::vector<OwnedRecord> records_;
};

}  // namespace quantex
