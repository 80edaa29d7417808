// run_in_order: work on a stream of items on several threads, the results handed over in
// item order.
//
// Workers take the items from `source` in order (source() is called under the pool's lock,
// one call at a time, and returns the next item or nullopt at the end; so reading an input
// into items is serialised while the work on earlier items goes on). Each worker makes its
// own state first (make_state returns a std::unique_ptr: an extractor, say), then computes
// each item's result with work(state, item, i); the calling thread gets the results in item
// order, so what it writes is what one thread would have written. At most `window` items
// are taken ahead of the one being handed over, which bounds the memory they hold. Whatever
// source, make_state or work throws is caught on its worker and made item i's result by
// failed(i, exception) (an exception from source ends the stream): no exception ends a
// worker, or the process through std::terminate. What deliver throws (a failed write) stops
// the workers and goes on to the caller. When no thread can be started, the calling thread
// does the work.
//
//   std::size_t next = 0;
//   run_in_order<std::size_t, std::string>(
//       [&]() -> std::optional<std::size_t> { if (next < n) return next++; return {}; },
//       threads, 4 * threads,
//       [&] { return std::make_unique<Reader>(); },
//       [&](Reader& reader, std::size_t& item, std::size_t) { return reader.read(paths[item]); },
//       [&](std::size_t i, std::exception_ptr e) { return describe(i, e); },
//       [&](std::size_t i, std::string& text) { return write(text); });  // false: stop
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

namespace quantex {

template <class Item, class Result, class Source, class MakeState, class Work, class Failed,
          class Deliver>
void run_in_order(const Source& source, std::size_t threads, std::size_t window,
                  const MakeState& make_state, const Work& work, const Failed& failed,
                  const Deliver& deliver) {
  std::map<std::size_t, Result> results;  // done and not yet handed over
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next = 0;       // the next item's number
  std::size_t delivered = 0;  // items handed over so far
  bool exhausted = false;     // the source has no more
  bool stop = false;

  // The next item, under the lock: nullopt at the end. An item the source failed to make
  // is its failure, and the end of the stream.
  auto take = [&](std::optional<Item>& item, std::exception_ptr& error) {
    try {
      item = source();
    } catch (...) {
      error = std::current_exception();
    }
    if (!item) exhausted = true;
    return item || error;
  };
  auto compute = [&](auto& state, std::exception_ptr broken, std::optional<Item>& item,
                     std::exception_ptr error, std::size_t index) {
    try {
      if (error) std::rethrow_exception(error);
      if (broken) std::rethrow_exception(broken);
      return Result(work(*state, *item, index));
    } catch (...) {
      return Result(failed(index, std::current_exception()));
    }
  };

  auto worker = [&] {
    decltype(make_state()) state;
    std::exception_ptr broken;  // what making the state threw: every item's failure
    try {
      state = make_state();
    } catch (...) {
      broken = std::current_exception();
    }
    for (;;) {
      std::size_t index;
      std::optional<Item> item;
      std::exception_ptr error;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || exhausted || next < delivered + window; });
        if (stop || exhausted || !take(item, error)) {
          changed.notify_all();
          return;
        }
        index = next++;
      }
      Result result = compute(state, broken, item, error, index);
      {
        std::lock_guard lock(mutex);
        results.emplace(index, std::move(result));
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < threads; ++t) {
    try {
      workers.emplace_back(worker);
    } catch (const std::system_error&) {
      break;  // out of threads (or memory for their stacks): fewer workers
    }
  }
  if (workers.empty()) {
    decltype(make_state()) state;
    std::exception_ptr broken;
    try {
      state = make_state();
    } catch (...) {
      broken = std::current_exception();
    }
    for (std::size_t index = 0;; ++index) {
      std::optional<Item> item;
      std::exception_ptr error;
      if (!take(item, error)) return;
      Result result = compute(state, broken, item, error, index);
      if (!deliver(index, result)) return;
    }
  }
  auto finish = [&] {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    changed.notify_all();
    for (std::thread& thread : workers) thread.join();
  };

  try {
    for (std::size_t index = 0;; ++index) {
      Result result;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return results.count(index) || (exhausted && index >= next); });
        auto done = results.find(index);
        if (done == results.end()) break;  // the stream ended before this item
        result = std::move(done->second);
        results.erase(done);
      }
      if (!deliver(index, result)) break;
      {
        std::lock_guard lock(mutex);
        delivered = index + 1;
      }
      changed.notify_all();
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
}

}  // namespace quantex
