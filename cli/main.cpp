// quantex: the executable. Arguments become a config, the config runs a command, and the
// command's status is the exit status (0 done, 1 an input failed, 2 usage or rule error).
#include <fmt/format.h>
#include <malloc.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <system_error>

#include "commands.hpp"
#include "options.hpp"

namespace {

// glibc's defaults suit programs that free memory as they go; quantex builds caches (RE2's
// programs and DFA states, the prefilter's answers) that live as long as the process.
void tune_memory() {
  // glibc gives blocks of more than 128 KB their own mapping and hands freed memory back to
  // the kernel past 128 KB, tuning both as it goes: a long line's scratch (its candidates,
  // some 100 bytes each, and the segment's text) was mapped anew for every 256 KB segment,
  // and the kernel's first touch of its pages cost digit soup 5 to 8% of its time. Blocks
  // up to 4 MB now come from the heap, which keeps up to 64 MB of what was freed.
  ::mallopt(M_MMAP_THRESHOLD, 4 << 20);
  ::mallopt(M_TRIM_THRESHOLD, 64 << 20);
  // RE2 builds its DFA states a few hundred bytes at a time, some 15 MB of them over a
  // folder of reports; on a virtual machine the first touch of each 4 KB page costs
  // microseconds (3,700 faults, 6% of a 30 MB run). The heap grows 32 MB at once and asks
  // for 2 MB pages there (transparent huge pages, where the kernel grants them on request):
  // the same run then faults some 650 times, and its peak memory grows by about a megabyte.
  constexpr std::uintptr_t kHugePage = 2 << 20;
  ::mallopt(M_TOP_PAD, 32 << 20);
  const auto start = reinterpret_cast<std::uintptr_t>(::sbrk(0));
  // A block larger than what the heap has left makes it grow now (volatile: the compiler
  // would drop a malloc whose block is freed unused).
  void* volatile grow = std::malloc(1 << 20);
  std::free(grow);
  const auto end = reinterpret_cast<std::uintptr_t>(::sbrk(0));
  const std::uintptr_t from = (start + kHugePage - 1) & ~(kHugePage - 1);
  if (end > from) ::madvise(reinterpret_cast<void*>(from), end - from, MADV_HUGEPAGE);
}

}  // namespace

int main(int argc, char** argv) {
  // A closed pipe is success: writes then fail with EPIPE, which the printers treat as
  // "stop quietly", instead of the signal killing the process.
  ::signal(SIGPIPE, SIG_IGN);
  tune_memory();
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
