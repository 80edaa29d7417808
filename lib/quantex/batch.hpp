// Batch: a run over many inputs, in order, on one thread or several.
//
// Each input is opened and its documents (documents.hpp) extracted; what goes wrong with one
// input, an exception from deep inside included, is reported as "quantex: PATH: reason" and
// the batch goes on. With more than one thread, workers extract whole inputs into buffers and
// the caller's thread writes them in input order (run_in_order), so the output is byte for
// byte that of a one-thread run. With one thread (or one input) records are written as they
// are found.
//
//   quantex::Batch batch(matcher, format, options);
//   quantex::BatchStats stats = batch.run(inputs, output, isatty(1), report_line, nullptr);
//   return stats.failed > 0 ? 1 : 0;
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "quantex/documents.hpp"
#include "quantex/extractor.hpp"
#include "quantex/format.hpp"
#include "quantex/matcher.hpp"
#include "quantex/printer.hpp"
#include "quantex/walker.hpp"

namespace quantex {

struct BatchOptions {
  std::size_t threads = 1;
  // One input read on several threads is cut into parts of about this many bytes of lines.
  std::size_t part_bytes = 1 << 20;
  DocumentOptions documents;
  ExtractOptions extract;
  // Called first on each worker thread of a run on several threads (the executable asks
  // there for huge pages on the thread's heap).
  std::function<void()> worker_start;
};

struct BatchStats {
  std::uint64_t inputs = 0;     // inputs handed to the run
  std::uint64_t read = 0;       // inputs read to the end
  std::uint64_t skipped = 0;    // binary or special files, left alone on purpose
  std::uint64_t failed = 0;     // inputs that could not be read or decoded, wholly or in part
  std::uint64_t documents = 0;  // documents extracted (a JSON Lines input holds many)
  std::uint64_t too_large = 0;  // lines holding a number too large for a record
  std::uint64_t bytes = 0;
  std::uint64_t records = 0;
  std::map<std::string, std::uint64_t, std::less<>> records_by_kind;
  bool output_closed = false;  // the reader of the output went away; the run stopped early
};

class Batch {
 public:
  using Report = std::function<void(std::string_view message)>;  // one line, no newline
  // so_far counts the inputs done and, in bytes, the one being read.
  using Progress = std::function<void(const BatchStats& so_far)>;

  Batch(const Matcher& matcher, const Format& format, BatchOptions options);

  // Reads every input and writes the header and records to out. Messages go to report in
  // input order; progress, if set, is called after each input and every few megabytes of
  // one (on the calling thread). Throws OutputError when out
  // fails for a reason other than its reader going away.
  BatchStats run(const std::vector<Input>& inputs, Output& out, bool line_buffered,
                 const Report& report, const Progress& progress);

 private:
  // Opens an input: its descriptor, or -1 with the reason in the report.
  int open(const Input& input, InputReport& report) const;
  // Reads one input into the sink, calling passed(bytes read, records written) every few
  // megabytes if set. Throws only OutputError, and what nothing below could foresee outside
  // the reading itself.
  using Passed = std::function<void(std::uint64_t bytes, std::uint64_t records)>;
  InputReport process(const Input& input, Extractor& extractor, Sink& sink,
                      const Passed& passed = {}) const;
  // Names in the report what reading an input threw: binary data, a read error, or an
  // internal error (bad_alloc) that ends that input alone.
  static void note_failure(const Input& input, std::exception_ptr error, InputReport& report);
  // Reports an input's messages and adds it to the totals.
  static void account(const InputReport& input, const Report& report, BatchStats& stats);
  BatchStats run_streaming(const std::vector<Input>& inputs, Printer& printer, const Report& report,
                           const Progress& progress);
  BatchStats run_parallel(const std::vector<Input>& inputs, Output& out, const Report& report,
                          const Progress& progress);
  // One input on several threads: cut into parts (parts.hpp), read in parallel, written in
  // order; byte for byte what one thread writes.
  BatchStats run_in_parts(const Input& input, Output& out, const Report& report,
                          const Progress& progress);
  // A worker thread's extractor, made on that thread once worker_start has run.
  std::unique_ptr<Extractor> worker_extractor() const;

  const Matcher& matcher_;
  const Format& format_;
  BatchOptions options_;
  // Inputs naming standard input take turns at it, in input order (Input::stdin_ordinal).
  mutable std::mutex stdin_mutex_;
  mutable std::condition_variable stdin_turn_changed_;
  mutable std::size_t stdin_done_ = 0;
};

}  // namespace quantex
