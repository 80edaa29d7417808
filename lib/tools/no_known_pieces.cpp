// No answers known in advance: write_known_pieces is what works them out.
#include "quantex/known_pieces.hpp"

namespace quantex {

std::optional<PieceAnswer> known_piece(std::string_view) { return std::nullopt; }

}  // namespace quantex
