// quantex: the executable. Arguments become a config, the config runs a command, and the
// command's status is the exit status (0 done, 1 an input failed, 2 usage or rule error).
#include <fmt/format.h>
#include <signal.h>

#include <cstdio>
#include <system_error>

#include "commands.hpp"
#include "memory.hpp"
#include "options.hpp"

int main(int argc, char** argv) {
  // A closed pipe is success: writes then fail with EPIPE, which the printers treat as
  // "stop quietly", instead of the signal killing the process.
  ::signal(SIGPIPE, SIG_IGN);
  quantex::cli::tune_memory();
  int status = 0;
  try {
    auto config = quantex::cli::parse_arguments(argc, argv, status);
    if (config) status = quantex::cli::run(*config);
    if (std::fflush(stdout) != 0 && errno != EPIPE) {
      fmt::print(stderr, "quantex: standard output: {}\n", std::strerror(errno));
      return 1;
    }
  } catch (const std::system_error& e) {
    // fmt::print reports a failed write to standard output this way.
    if (e.code() == std::errc::broken_pipe) return status;
    fmt::print(stderr, "quantex: standard output: {}\n", e.code().message());
    return 1;
  }
  return status;
}
