// LazyRegex: an RE2 pattern compiled the first time it is used.
//
// Compiling every rule was most of quantex's start-up, yet a small input makes few rules
// run: on a page of a report, typically five of the three dozen defaults. The matcher leaves
// a built-in rule, which the build compiled, to the first match that needs it (see
// Matcher::compile).
//
//   quantex::LazyRegex regex(pattern, options);
//   if (regex.get().Match(...)) ...     // compiles here, once, whichever thread comes first
#pragma once

#include <re2/re2.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

namespace quantex {

class LazyRegex {
 public:
  LazyRegex(std::string pattern, const RE2::Options& options);

  // The compiled pattern, compiled on the first call. Thread-safe. Check ok(): a pattern
  // can parse and still be too large to compile. Inline, because the matcher asks on every
  // search; only the first call leaves the header.
  const RE2& get() const {
    if (done_.load(std::memory_order_acquire)) return *regex_;
    return compile();
  }

 private:
  const RE2& compile() const;

  std::string pattern_;
  RE2::Options options_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<RE2> regex_;
  mutable std::atomic<bool> done_{false};
};

}  // namespace quantex
