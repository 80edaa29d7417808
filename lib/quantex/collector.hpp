// Collector: a Sink that keeps copies of the records it is given, for code that wants to
// look at them afterwards (rule examples, tests) rather than print them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "quantex/record.hpp"
#include "quantex/sink.hpp"

namespace quantex {

// A record that owns its strings.
struct OwnedRecord {
  std::string doc;
  std::uint64_t line = 0, col = 0, start = 0, end = 0;
  std::string rule, kind, text, unit, subject, context;
  Decimal value;
  Op op = Op::kEqual;
  std::optional<Decimal> from, min, max;
  Change change = Change::kNone;
  bool target = false;
  std::vector<std::string> tags;
};

class Collector : public Sink {
 public:
  bool write(const Record& record) override;
  const std::vector<OwnedRecord>& records() const { return records_; }

 private:
  std::vector<OwnedRecord> records_;
};

}  // namespace quantex
