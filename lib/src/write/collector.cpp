#include "quantex/collector.hpp"

namespace quantex {

bool Collector::write(const Record& r) {
  OwnedRecord o;
  o.doc = r.doc;
  o.line = r.line;
  o.col = r.col;
  o.start = r.start;
  o.end = r.end;
  o.rule = r.rule;
  o.kind = r.kind;
  o.text = r.text;
  o.unit = r.unit;
  o.subject = r.subject;
  o.context = r.context;
  o.value = r.value;
  o.op = r.op;
  o.from = r.from;
  o.min = r.min;
  o.max = r.max;
  o.change = r.change;
  o.target = r.target;
  o.tags.assign(r.tags.begin(), r.tags.end());
  records_.push_back(std::move(o));
  return true;
}

}  // namespace quantex
