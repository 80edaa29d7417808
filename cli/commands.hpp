// The commands behind the command line; each returns the exit status.
#pragma once

#include "config.hpp"

namespace quantex::cli {

int run(const Config& config);

}  // namespace quantex::cli
