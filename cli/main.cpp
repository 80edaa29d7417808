// quantex: the executable. Arguments become a config, the config runs a command, and the
// command's status is the exit status (0 done, 1 an input failed, 2 usage or rule error).
#include <fmt/format.h>
#include <malloc.h>
#include <signal.h>

#include <cstdio>
#include <system_error>

#include "commands.hpp"
#include "options.hpp"

int main(int argc, char** argv) {
  // A closed pipe is success: writes then fail with EPIPE, which the printers treat as
  // "stop quietly", instead of the signal killing the process.
  ::signal(SIGPIPE, SIG_IGN);
  // glibc gives blocks of more than 128 KB their own mapping and hands freed memory back to
  // the kernel past 128 KB, tuning both as it goes: a long line's scratch (its candidates,
  // some 100 bytes each, and the segment's text) was mapped anew for every 256 KB segment,
  // and the kernel's first touch of its pages cost digit soup 5 to 8% of its time. Blocks
  // up to 4 MB now come from the heap, which keeps up to 64 MB of what was freed.
  ::mallopt(M_MMAP_THRESHOLD, 4 << 20);
  ::mallopt(M_TRIM_THRESHOLD, 64 << 20);
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
