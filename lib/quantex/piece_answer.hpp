// PieceAnswer: what a rule's skeleton needs to know of a piece of its pattern (a fragment, a
// table of units), as the prefilter answers it (Prefilter::examine) and the build records it
// for the default rules (known_pieces.hpp).
#pragma once

#include <cstddef>

namespace quantex {

struct PieceAnswer {
  // Whether the skeleton may show the piece as \C: the prefilter learns nothing from it (it
  // lets any text through: true of {number}, which needs no literal, not of a list of
  // units), and it holds no capturing group, whose loss would renumber the others.
  bool ignorable = false;
  // For an ignorable piece, the size of its whole compiled program (RE2 instructions, its own
  // pieces in full), which bounds what it adds to a pattern in the place of a \C; else 0.
  std::size_t program_size = 0;
};

}  // namespace quantex
