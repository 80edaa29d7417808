// Explain: how quantex reads a text, for a person who wants to know why a record came out as
// it did, or why a number made none. For each line: the line as the rules see it, each
// rule's match with what its number, unit and op read as (or why they did not), which
// candidates were kept where they overlapped and why the others lost, each record's meaning
// (what it measures, change, goal), and every number of the line that made no record.
//
//   std::string transcript = quantex::explain(matcher, "审批时限由20个工作日压减至8个工作日");
#pragma once

#include <string>
#include <string_view>

#include "quantex/matcher.hpp"

namespace quantex {

std::string explain(const Matcher& matcher, std::string_view text);

}  // namespace quantex
