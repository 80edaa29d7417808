#include "quantex/batch.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <system_error>

#include "quantex/decoder.hpp"
#include "quantex/ordered_output.hpp"
#include "quantex/ordered_pool.hpp"
#include "quantex/utf8.hpp"

namespace quantex {
namespace {

// Closes a descriptor it was given, unless it is standard input.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ > STDIN_FILENO) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string error_text(int error) { return std::generic_category().message(error); }

// Passes records on, and adds what each document yielded to the input's report.
class Tally : public Sink {
 public:
  Tally(Sink& inner, InputReport& report) : inner_(inner), report_(report) {}
  void begin(std::string_view doc) override { inner_.begin(doc); }
  bool write(const Record& record) override { return inner_.write(record); }
  void finish(std::string_view doc, const DocumentSummary& summary) override {
    ++report_.documents;
    for (const auto& [kind, n] : summary.records_by_kind) report_.records_by_kind[kind] += n;
    if (summary.too_large > 0) {
      report_.too_large += summary.too_large;
      report_.messages.push_back(fmt::format(
          "{}:{}:{}: a number of more than 18 digits, too large to hold exactly: no record ({} "
          "line(s) hold one)",
          doc, summary.first_too_large_line, summary.first_too_large_col, summary.too_large));
    }
    inner_.finish(doc, summary);
  }

 private:
  Sink& inner_;
  InputReport& report_;
};

}  // namespace

Batch::Batch(const Matcher& matcher, const Format& format, BatchOptions options)
    : matcher_(matcher), format_(format), options_(std::move(options)) {
  options_.documents.reader.marks = &matcher_.rules().language().marks;
}

InputReport Batch::process(const Input& input, Extractor& extractor, Sink& sink) const {
  InputReport report;
  auto note = [&](std::string_view what) {
    report.messages.push_back(fmt::format("{}: {}", input.path, what));
  };
  if (input.kind == Input::Kind::kError) {
    note(input.message);
    report.failed = true;
    return report;
  }
  if (input.kind == Input::Kind::kSkipped) {
    note(input.message);
    report.skipped = true;
    return report;
  }
  // Standard input can be named more than once; the workers read it in input order, so a
  // later "-" finds it at its end, as it would in a one-thread run. In order, not merely
  // one at a time: a later "-" reading first would hold its output back for the turn of an
  // earlier one, which would wait for standard input: a deadlock.
  struct StdinTurn {
    const Batch& batch;
    const Input& input;
    StdinTurn(const Batch& b, const Input& i) : batch(b), input(i) {
      if (input.kind != Input::Kind::kStdin) return;
      std::unique_lock lock(batch.stdin_mutex_);
      batch.stdin_turn_changed_.wait(lock,
                                     [&] { return batch.stdin_done_ == input.stdin_ordinal; });
    }
    ~StdinTurn() {
      if (input.kind != Input::Kind::kStdin) return;
      {
        std::lock_guard lock(batch.stdin_mutex_);
        ++batch.stdin_done_;
      }
      batch.stdin_turn_changed_.notify_all();
    }
  } stdin_turn(*this, input);
  int fd = STDIN_FILENO;
  if (input.kind == Input::Kind::kFile) {
    fd = ::open(input.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      note(error_text(errno));
      report.failed = true;
      return report;
    }
  }
  Descriptor descriptor(fd);
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    note(error_text(EISDIR));
    report.failed = true;
    return report;
  }
  try {
    FdSource bytes(fd);
    auto documents = read_documents(bytes, utf8::path_text(input.path), options_.documents, report);
    Tally tally(sink, report);
    std::string_view id;
    LineReader* lines = nullptr;
    while (!report.stopped && documents->next(id, lines)) {
      report.stopped = !extractor.extract(id, *lines, tally);
    }
    report.read = !report.failed;
  } catch (const BinaryInput& e) {
    // Binary from its first block, the input is skipped before any record of it; binary data
    // after text stops a reading that has already written records: a failure.
    note(e.what());
    (e.after_text() ? report.failed : report.skipped) = true;
  } catch (const InputError& e) {
    note(e.what());
    report.failed = true;
  }
  return report;
}

InputReport Batch::failure(const Input& input, std::exception_ptr error) {
  std::string what = "unknown exception";
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
  }
  InputReport report;
  report.messages.push_back(fmt::format(
      "{}: internal error ({}); the rest of this input was not read", input.path, what));
  report.failed = true;
  return report;
}

BatchStats Batch::run(const std::vector<Input>& inputs, Output& out, bool line_buffered,
                      const Report& report, const Progress& progress) {
  Printer printer(format_, out, line_buffered);
  printer.header();
  if (!printer.flush()) {
    BatchStats stats;
    stats.output_closed = true;
    return stats;
  }
  bool parallel = options_.threads > 1 && inputs.size() > 1;
  BatchStats stats = parallel ? run_parallel(inputs, out, report, progress)
                              : run_streaming(inputs, printer, report, progress);
  if (!stats.output_closed && !printer.flush()) stats.output_closed = true;
  return stats;
}

void Batch::account(const InputReport& input, const Report& report, BatchStats& stats) {
  for (const std::string& message : input.messages) report(message);
  ++stats.inputs;
  stats.read += input.read;
  stats.skipped += input.skipped;
  stats.failed += input.failed;
  stats.documents += input.documents;
  stats.too_large += input.too_large;
  stats.bytes += input.bytes;
  for (const auto& [kind, n] : input.records_by_kind) {
    stats.records_by_kind[kind] += n;
    stats.records += n;
  }
}

BatchStats Batch::run_streaming(const std::vector<Input>& inputs, Printer& printer,
                                const Report& report, const Progress& progress) {
  BatchStats stats;
  Extractor extractor(matcher_, options_.extract);
  for (const Input& input : inputs) {
    InputReport read;
    try {
      read = process(input, extractor, printer);
    } catch (const OutputError&) {
      throw;  // the run's failure, not the input's
    } catch (...) {
      read = failure(input, std::current_exception());
    }
    account(read, report, stats);
    if (read.stopped) {
      stats.output_closed = true;
      break;
    }
    if (progress) progress(stats);
  }
  return stats;
}

BatchStats Batch::run_parallel(const std::vector<Input>& inputs, Output& out, const Report& report,
                               const Progress& progress) {
  // Each input's records go out through its lane as they are found, in input order; an
  // input ahead of its turn holds at most this many bytes of them.
  constexpr std::size_t kHeldPerInput = 1 << 20;
  OrderedOutput ordered(out, inputs.size(), kHeldPerInput);
  BatchStats stats;
  run_in_order<InputReport>(
      inputs.size(), options_.threads, options_.threads * 4,
      [&] { return std::make_unique<Extractor>(matcher_, options_.extract); },
      [&](Extractor& extractor, std::size_t i) {
        // The lane is finished however reading ends, or the inputs after it would wait.
        struct Finish {
          OrderedOutput& ordered;
          std::size_t input;
          ~Finish() { ordered.finish(input); }
        } finish{ordered, i};
        OrderedOutput::Lane lane = ordered.lane(i);
        Printer printer(format_, lane, false);
        InputReport read = process(inputs[i], extractor, printer);
        if (!read.stopped && !printer.flush()) read.stopped = true;
        return read;
      },
      [&](std::size_t i, std::exception_ptr error) { return failure(inputs[i], error); },
      [&](std::size_t, InputReport& read) {
        account(read, report, stats);
        if (read.stopped) return false;
        if (progress) progress(stats);
        return true;
      });
  ordered.rethrow();
  stats.output_closed = ordered.closed();
  return stats;
}

}  // namespace quantex
