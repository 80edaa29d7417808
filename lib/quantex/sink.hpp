// Sink: where the extractor pushes records, a document at a time. Returning false stops the
// extraction cleanly (the reader of the output went away); the extractor never formats or
// writes itself. What a document yielded comes with its end, so counting (--stats) is a sink
// like any other and needs nothing of the extractor.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "quantex/record.hpp"

namespace quantex {

// What one document yielded.
struct DocumentSummary {
  std::map<std::string, std::uint64_t, std::less<>> records_by_kind;
  // Numbers a rule found but whose value no record can hold exactly (more than 18
  // significant digits), and where the first stands (line, column in code points).
  std::uint64_t too_large = 0;
  std::uint64_t first_too_large_line = 0;
  std::uint64_t first_too_large_col = 0;
};

class Sink {
 public:
  virtual ~Sink() = default;
  // A document starts; the records up to finish() are its.
  virtual void begin(std::string_view doc) { static_cast<void>(doc); }
  // Takes one record, which is only valid during the call. false: stop, nothing is wrong.
  virtual bool write(const Record& record) = 0;
  // The document ended, read to its end or not (the sink stopped it, or reading failed).
  virtual void finish(std::string_view doc, const DocumentSummary& summary) {
    static_cast<void>(doc);
    static_cast<void>(summary);
  }
};

}  // namespace quantex
