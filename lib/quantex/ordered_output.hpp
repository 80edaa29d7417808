// OrderedOutput: the outputs of inputs read in parallel, written in input order, in bounded
// memory.
//
// Each input writes to its own lane. The lane of the input whose turn it is writes straight
// through; a lane ahead of its turn holds up to `limit` bytes, then waits for its turn, so
// however large one input's output, memory stays at a few lanes' worth. When an input is
// finished, its lane's bytes, and those of any finished lanes after it, go out in order.
// The output is byte for byte what one thread writing the inputs in order would write.
//
//   quantex::OrderedOutput ordered(out, 1 << 20);
//   // on a worker, for input i:
//   quantex::Printer printer(format, ordered.lane(i), false);
//   ... printer.write(record) ... printer.flush();
//   ordered.finish(i);                       // always, even when reading failed
//   // on the caller, at the end:
//   ordered.rethrow();                       // what the output threw, if anything
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "quantex/printer.hpp"

namespace quantex {

class OrderedOutput {
 public:
  // Lanes are numbered from 0 in the order their bytes go out; any number of them.
  OrderedOutput(Output& out, std::size_t limit);

  class Lane : public Output {
   public:
    // false once the output's reader went away, or it failed (see rethrow): stop.
    bool write(std::string_view bytes) override;

   private:
    friend class OrderedOutput;
    Lane(OrderedOutput& owner, std::size_t input) : owner_(owner), input_(input) {}
    OrderedOutput& owner_;
    std::size_t input_;
  };

  Lane lane(std::size_t input) { return Lane(*this, input); }
  // The input is done: its held bytes go out in its turn. Never throws.
  void finish(std::size_t input);
  // Whether writing stopped because the reader of the output went away.
  bool closed() const;
  // Throws what the output threw (OutputError), if it did.
  void rethrow() const;

 private:
  bool write(std::size_t input, std::string_view bytes);
  // Writes through to the output; under the lock. false once stopped.
  bool put(std::string_view bytes);
  // Writes out what the lane holds, and forgets it; under the lock.
  void flush_held(std::size_t input);

  Output& out_;
  const std::size_t limit_;
  mutable std::mutex mutex_;
  std::condition_variable turn_changed_;
  std::size_t turn_ = 0;                     // the input whose bytes go straight out
  std::map<std::size_t, std::string> held_;  // lanes ahead of their turn, with bytes
  std::set<std::size_t> done_;               // lanes ahead of their turn, finished
  bool closed_ = false;
  std::exception_ptr error_;
};

}  // namespace quantex
