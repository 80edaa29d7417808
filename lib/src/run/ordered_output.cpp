#include "quantex/ordered_output.hpp"

namespace quantex {

OrderedOutput::OrderedOutput(Output& out, std::size_t limit) : out_(out), limit_(limit) {}

bool OrderedOutput::Lane::write(std::string_view bytes) { return owner_.write(input_, bytes); }

bool OrderedOutput::put(std::string_view bytes) {
  if (closed_ || error_) return false;
  try {
    if (!out_.write(bytes)) closed_ = true;
  } catch (...) {
    error_ = std::current_exception();
  }
  return !closed_ && !error_;
}

bool OrderedOutput::write(std::size_t input, std::string_view bytes) {
  std::unique_lock lock(mutex_);
  if (input != turn_ && held_[input].size() + bytes.size() > limit_) {
    // Ahead of its turn with its share held: wait. The input whose turn it is never waits,
    // so the turn comes.
    turn_changed_.wait(lock, [&] { return input == turn_ || closed_ || error_; });
  }
  if (closed_ || error_) return false;
  if (input == turn_) return put(bytes);
  held_[input].append(bytes);
  return true;
}

void OrderedOutput::finish(std::size_t input) {
  std::lock_guard lock(mutex_);
  done_.insert(input);
  // Whoever finishes the input whose turn it is writes out what the next ones hold, up to
  // the first that is still being read, which then writes through.
  while (done_.erase(turn_) > 0) {
    flush_held(turn_);
    ++turn_;
  }
  flush_held(turn_);
  turn_changed_.notify_all();
}

void OrderedOutput::flush_held(std::size_t input) {
  auto held = held_.find(input);
  if (held == held_.end()) return;
  put(held->second);
  held_.erase(held);
}

bool OrderedOutput::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

void OrderedOutput::rethrow() const {
  std::lock_guard lock(mutex_);
  if (error_) std::rethrow_exception(error_);
}

}  // namespace quantex
