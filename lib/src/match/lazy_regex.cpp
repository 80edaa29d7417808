#include "quantex/lazy_regex.hpp"

namespace quantex {

LazyRegex::LazyRegex(std::string pattern, const RE2::Options& options)
    : pattern_(std::move(pattern)), options_(options) {}

const RE2& LazyRegex::compile() const {
  std::call_once(once_, [this] {
    regex_ = std::make_unique<RE2>(pattern_, options_);
    done_.store(true, std::memory_order_release);
  });
  return *regex_;
}

}  // namespace quantex
