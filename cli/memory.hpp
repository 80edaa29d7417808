// The executable's memory policy. glibc's defaults suit programs that free memory as they
// go; quantex builds caches (RE2's programs and DFA states, the prefilter's answers) that
// live as long as the process, a few hundred bytes at a time, and each 4 KB page's first
// touch costs microseconds on a virtual machine. So the heaps ask the kernel for 2 MB
// pages (transparent huge pages, granted where the system allows them on request).
#pragma once

namespace quantex::cli {

// First thing in main: glibc's thresholds, and huge pages for the main heap.
void tune_memory();

// First thing on each worker thread: huge pages for the heap glibc gives that thread.
void use_huge_pages_on_thread_heap();

}  // namespace quantex::cli
