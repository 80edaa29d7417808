// The command line: quantex [extract] [OPTIONS] [PATH...], quantex rules list|check|test,
// quantex number TEXT... (see --help).
#pragma once

#include <optional>

#include "config.hpp"

namespace quantex::cli {

// Parses argv into a config. Returns nullopt after printing help or the version (status 0)
// or a usage error (status 2); `status` says which.
std::optional<Config> parse_arguments(int argc, char** argv, int& status);

}  // namespace quantex::cli
