#include "memory.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace quantex::cli {
namespace {

constexpr std::uintptr_t kHugePage = 2 << 20;
// glibc's heap for a thread is one mapping of 64 MB aligned to 64 MB (HEAP_MAX_SIZE on a
// 64-bit system), which glibc itself finds by rounding a block's address down. Were it laid
// out otherwise, the advice would fall on other memory of the process: harmless, as it only
// lets the kernel grant larger pages there.
constexpr std::uintptr_t kThreadHeap = 64 << 20;

std::uintptr_t main_heap_start = 0;

std::uintptr_t address(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

void use_huge_pages(std::uintptr_t from, std::uintptr_t to) {
  from = (from + kHugePage - 1) & ~(kHugePage - 1);
  if (to > from) ::madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);
}

}  // namespace

void tune_memory() {
  // glibc gives blocks of more than 128 KB their own mapping and hands freed memory back to
  // the kernel past 128 KB, tuning both as it goes: a long line's scratch (its candidates,
  // some 100 bytes each, and the segment's text) was mapped anew for every 256 KB segment,
  // and the kernel's first touch of its pages cost digit soup 5 to 8% of its time. Blocks
  // up to 4 MB now come from the heap, which keeps up to 64 MB of what was freed.
  ::mallopt(M_MMAP_THRESHOLD, 4 << 20);
  ::mallopt(M_TRIM_THRESHOLD, 64 << 20);
  // The main heap grows 32 MB at once, in huge pages: a 30 MB run of reports faulted 3,700
  // times (6% of its time) and now some 750, for a megabyte more of peak memory.
  ::mallopt(M_TOP_PAD, 32 << 20);
  main_heap_start = address(::sbrk(0));
  // A block larger than what the heap has left makes it grow now (volatile: the compiler
  // would drop a malloc whose block is freed unused).
  void* volatile grow = std::malloc(1 << 20);
  std::free(grow);
  use_huge_pages(main_heap_start, address(::sbrk(0)));
}

void use_huge_pages_on_thread_heap() {
  void* volatile block = std::malloc(1);  // the thread's first block settles its heap
  const std::uintptr_t at = address(block);
  std::free(block);
  // A thread may share the main heap (when glibc runs out of heaps to give): done already.
  if (at >= main_heap_start && at < address(::sbrk(0))) return;
  const std::uintptr_t heap = at & ~(kThreadHeap - 1);
  use_huge_pages(heap, heap + kThreadHeap);
}

}  // namespace quantex::cli
