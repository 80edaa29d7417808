// Answers known before start-up to the questions a rule's skeleton asks of each piece of a
// pattern (Prefilter::examine): may it stand as \C, and how large is its program? Answering
// compiles the piece, which was a third of loading the default rules, so the build works out
// the default rules' answers (lib/tools/write_known_pieces.cpp) and compiles them into
// quantex_lib.
#pragma once

#include <optional>
#include <string_view>

#include "quantex/piece_answer.hpp"

namespace quantex {

// Prefilter::examine of a piece given in full, if the piece is one of the defaults'.
std::optional<PieceAnswer> known_piece(std::string_view full);

}  // namespace quantex
