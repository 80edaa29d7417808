// Sink: where the extractor pushes records. Returning false stops the extraction cleanly
// (the reader of the output went away); the extractor never formats or writes itself.
#pragma once

#include "quantex/record.hpp"

namespace quantex {

class Sink {
 public:
  virtual ~Sink() = default;
  // Takes one record, which is only valid during the call. false: stop, nothing is wrong.
  virtual bool write(const Record& record) = 0;
};

}  // namespace quantex
