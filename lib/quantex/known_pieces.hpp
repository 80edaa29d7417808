// Answers known before start-up to the question a rule's skeleton asks of each piece of a
// pattern: may it stand as \C (Prefilter::ignorable)? Answering compiles the piece, which
// was a third of loading the default rules, so the build works out the default rules'
// answers (lib/tools/write_known_pieces.cpp) and compiles them into quantex_lib.
#pragma once

#include <optional>
#include <string_view>

namespace quantex {

// Prefilter::ignorable(piece) with the rules' options, if the piece is one of the defaults'.
std::optional<bool> known_ignorable(std::string_view piece);

}  // namespace quantex
