// run_in_order: work on many items on several threads, the results handed over in item order.
//
// Each worker makes its own state (make_state returns a std::unique_ptr: an extractor, say),
// then takes the items in order and computes each one's result with work(state, i); the
// calling thread gets the results in item order, so what it writes is what one thread would
// have written. At most `window` results wait ahead of the one being handed over, which
// bounds the memory they hold. Whatever make_state or work throws is caught on its worker
// and made the item's result by failed(i, exception): no exception ends a worker, or the
// process through std::terminate. What deliver throws (a failed write) stops the workers and
// goes on to the caller. When no thread can be started, the calling thread does the work.
//
//   run_in_order<std::string>(paths.size(), threads, 4 * threads,
//       [&] { return std::make_unique<Reader>(); },
//       [&](Reader& reader, std::size_t i) { return reader.read(paths[i]); },
//       [&](std::size_t i, std::exception_ptr e) { return describe(paths[i], e); },
//       [&](std::size_t i, std::string& text) { return write(text); });  // false: stop
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

namespace quantex {

template <class Result, class MakeState, class Work, class Failed, class Deliver>
void run_in_order(std::size_t count, std::size_t threads, std::size_t window,
                  const MakeState& make_state, const Work& work, const Failed& failed,
                  const Deliver& deliver) {
  std::vector<std::optional<Result>> results(count);
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next = 0;       // the next item a worker takes
  std::size_t delivered = 0;  // items handed over so far
  bool stop = false;

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
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || next >= count || next < delivered + window; });
        if (stop || next >= count) return;
        index = next++;
      }
      std::optional<Result> result;
      try {
        if (broken) std::rethrow_exception(broken);
        result.emplace(work(*state, index));
      } catch (...) {
        result.emplace(failed(index, std::current_exception()));
      }
      {
        std::lock_guard lock(mutex);
        results[index] = std::move(result);
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < threads && t < count; ++t) {
    try {
      workers.emplace_back(worker);
    } catch (const std::system_error&) {
      break;  // out of threads (or memory for their stacks): fewer workers
    }
  }
  if (workers.empty()) {
    decltype(make_state()) state;
    for (std::size_t i = 0; i < count; ++i) {
      std::optional<Result> result;
      try {
        if (!state) state = make_state();
        result.emplace(work(*state, i));
      } catch (...) {
        result.emplace(failed(i, std::current_exception()));
      }
      if (!deliver(i, *result)) return;
    }
    return;
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
    for (std::size_t i = 0; i < count; ++i) {
      Result result;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return results[i].has_value(); });
        result = std::move(*results[i]);
        results[i].reset();
      }
      if (!deliver(i, result)) break;
      {
        std::lock_guard lock(mutex);
        delivered = i + 1;
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
