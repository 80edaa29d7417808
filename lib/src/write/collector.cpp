#include "quantex/collector.hpp"

namespace quantex {

bool Collector::write(const Record& record) {
  records_.emplace_back(record);
  return true;
}

}  // namespace quantex
