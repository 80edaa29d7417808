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
#include "quantex/parts.hpp"
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

// Says what happened to an input, naming it.
void note(InputReport& report, const Input& input, std::string_view what) {
  report.messages.push_back(fmt::format("{}: {}", input.path, what));
}

// An input, or a part of one, ahead of its turn to write holds at most this many bytes of
// its records (OrderedOutput).
constexpr std::size_t kHeldPerLane = 1 << 20;

// Adds a document's yield to its input's report, and names a number too large to hold.
void add_document(InputReport& report, std::string_view doc, const DocumentSummary& summary) {
  ++report.documents;
  for (const auto& [kind, n] : summary.records_by_kind) report.records_by_kind[kind] += n;
  if (summary.too_large > 0) {
    report.too_large += summary.too_large;
    report.messages.push_back(fmt::format(
        "{}:{}:{}: a number of more than 18 digits, too large to hold exactly: no record ({} "
        "line(s) hold one)",
        doc, summary.first_too_large_line, summary.first_too_large_col, summary.too_large));
  }
}

// Adds a part of a document's yield to what the parts before it yielded.
void add_part(DocumentSummary& whole, const DocumentSummary& part) {
  for (const auto& [kind, n] : part.records_by_kind) whole.records_by_kind[kind] += n;
  if (part.too_large > 0 && whole.too_large == 0) {
    whole.first_too_large_line = part.first_too_large_line;
    whole.first_too_large_col = part.first_too_large_col;
  }
  whole.too_large += part.too_large;
}

// Passes records on, and adds what each document yielded to the input's report.
class Tally : public Sink {
 public:
  Tally(Sink& inner, InputReport& report) : inner_(inner), report_(report) {}
  void begin(std::string_view doc) override { inner_.begin(doc); }
  bool write(const Record& record) override {
    ++written_;
    return inner_.write(record);
  }
  std::uint64_t written() const { return written_; }  // records so far, for progress
  void finish(std::string_view doc, const DocumentSummary& summary) override {
    add_document(report_, doc, summary);
    inner_.finish(doc, summary);
  }

 private:
  Sink& inner_;
  InputReport& report_;
  std::uint64_t written_ = 0;
};

// Finishes the lane of an input or part however its reading ends, or the ones after it
// would wait for their turn.
struct FinishLane {
  OrderedOutput& ordered;
  std::size_t lane;
  ~FinishLane() { ordered.finish(lane); }
};

}  // namespace

Batch::Batch(const Matcher& matcher, const Format& format, BatchOptions options)
    : matcher_(matcher), format_(format), options_(std::move(options)) {
  options_.documents.reader.marks = &matcher_.rules().language().marks;
}

int Batch::open(const Input& input, InputReport& report) const {
  if (input.kind == Input::Kind::kError || input.kind == Input::Kind::kSkipped) {
    note(report, input, input.message);
    (input.kind == Input::Kind::kError ? report.failed : report.skipped) = true;
    return -1;
  }
  int fd = STDIN_FILENO;
  if (input.kind == Input::Kind::kFile) {
    fd = ::open(input.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      note(report, input, error_text(errno));
      report.failed = true;
      return -1;
    }
  }
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    if (fd > STDIN_FILENO) ::close(fd);
    note(report, input, error_text(EISDIR));
    report.failed = true;
    return -1;
  }
  return fd;
}

void Batch::note_failure(const Input& input, std::exception_ptr error, InputReport& report) {
  try {
    std::rethrow_exception(error);
  } catch (const BinaryInput& e) {
    // Binary from its first block, the input is skipped before any record of it; binary data
    // after text stops a reading that has already written records: a failure.
    note(report, input, e.what());
    (e.after_text() ? report.failed : report.skipped) = true;
  } catch (const InputError& e) {
    note(report, input, e.what());
    report.failed = true;
  } catch (const std::exception& e) {
    note(report, input,
         fmt::format("internal error ({}); the rest of this input was not read", e.what()));
    report.failed = true;
  } catch (...) {
    note(report, input, "internal error; the rest of this input was not read");
    report.failed = true;
  }
}

InputReport Batch::process(const Input& input, Extractor& extractor, Sink& sink,
                           const Passed& passed) const {
  InputReport report;
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
  int fd = open(input, report);
  if (fd < 0) return report;
  Descriptor descriptor(fd);
  try {
    Tally tally(sink, report);
    FdSource bytes(fd);
    std::function<void(std::uint64_t)> tell;
    if (passed) tell = [&](std::uint64_t read) { passed(read, tally.written()); };
    auto documents =
        read_documents(bytes, utf8::path_text(input.path), options_.documents, report, tell);
    std::string_view id;
    LineReader* lines = nullptr;
    while (!report.stopped && documents->next(id, lines)) {
      report.stopped = !extractor.extract(id, *lines, tally);
    }
    report.read = !report.failed;
  } catch (const OutputError&) {
    throw;  // the run's failure, not the input's
  } catch (...) {
    note_failure(input, std::current_exception(), report);
  }
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
  BatchStats stats;
  if (options_.threads > 1 && inputs.size() > 1) {
    stats = run_parallel(inputs, out, report, progress);
  } else if (options_.threads > 1 && inputs.size() == 1) {
    stats = run_in_parts(inputs.front(), out, report, progress);
  } else {
    stats = run_streaming(inputs, printer, report, progress);
  }
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
      Passed passed;
      if (progress) {
        passed = [&](std::uint64_t bytes, std::uint64_t records) {
          BatchStats so_far = stats;
          so_far.bytes += bytes;
          so_far.records += records;
          progress(so_far);
        };
      }
      read = process(input, extractor, printer, passed);
    } catch (const OutputError&) {
      throw;  // the run's failure, not the input's
    } catch (...) {
      note_failure(input, std::current_exception(), read);
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

std::unique_ptr<Extractor> Batch::worker_extractor() const {
  if (options_.worker_start) options_.worker_start();
  return std::make_unique<Extractor>(matcher_, options_.extract);
}

BatchStats Batch::run_parallel(const std::vector<Input>& inputs, Output& out, const Report& report,
                               const Progress& progress) {
  OrderedOutput ordered(out, kHeldPerLane);
  BatchStats stats;
  std::size_t next = 0;
  run_in_order<std::size_t, InputReport>(
      [&]() -> std::optional<std::size_t> {
        if (next < inputs.size()) return next++;
        return std::nullopt;
      },
      options_.threads, options_.threads * 4, [&] { return worker_extractor(); },
      [&](Extractor& extractor, std::size_t, std::size_t i) {
        FinishLane finish{ordered, i};
        OrderedOutput::Lane lane = ordered.lane(i);
        Printer printer(format_, lane, false);
        InputReport read = process(inputs[i], extractor, printer);
        if (!read.stopped && !printer.flush()) read.stopped = true;
        return read;
      },
      [&](std::size_t i, std::exception_ptr error) {
        InputReport read;
        note_failure(inputs[i], error, read);
        return read;
      },
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

BatchStats Batch::run_in_parts(const Input& input, Output& out, const Report& report,
                               const Progress& progress) {
  BatchStats stats;
  InputReport read;
  int fd = open(input, read);
  if (fd < 0) {
    account(read, report, stats);
    return stats;
  }
  Descriptor descriptor(fd);
  FdSource bytes(fd);
  PartReader parts(bytes, utf8::path_text(input.path), options_.documents,
                   matcher_.rules().language(), options_.part_bytes);
  OrderedOutput ordered(out, kHeldPerLane);
  // What a part yielded, piece by piece, for this thread to add up in order.
  struct PieceDone {
    std::vector<std::string> notes;
    std::string id;
    bool read = false;  // its lines were extracted
    bool ends = false;
    DocumentSummary summary;
  };
  struct PartDone {
    std::vector<PieceDone> pieces;
    bool stopped = false;
    std::exception_ptr error;
    std::uint64_t read_to = 0;  // the input's bytes read when the part was cut
  };
  DocumentSummary document;   // the document being read, as its parts come in
  std::uint64_t records = 0;  // in the parts handed over, for progress
  std::string document_id;
  bool document_open = false;
  run_in_order<Part, PartDone>(
      [&] {
        std::optional<Part> part = parts.next();
        if (part) part->read_to = parts.reading().bytes;
        return part;
      },
      options_.threads, 2 * options_.threads, [&] { return worker_extractor(); },
      [&](Extractor& extractor, Part& part, std::size_t i) {
        FinishLane finish{ordered, i};
        OrderedOutput::Lane lane = ordered.lane(i);
        Printer printer(format_, lane, false);
        PartDone done;
        done.read_to = part.read_to;
        for (Part::Piece& piece : part.pieces) {
          PieceDone& result = done.pieces.emplace_back();
          result.notes = std::move(piece.notes);
          result.id = piece.id;
          result.ends = piece.ends;
          result.read = piece.begins || !piece.lines.empty();
          if (!result.read) continue;
          done.stopped = !extractor.extract_part(piece.id, piece.lines, piece.sections, printer);
          result.summary = extractor.summary();
          if (done.stopped) return done;
        }
        done.stopped = !printer.flush();
        return done;
      },
      [&](std::size_t, std::exception_ptr error) {
        PartDone done;
        done.error = error;
        return done;
      },
      [&](std::size_t, PartDone& done) {
        for (PieceDone& piece : done.pieces) {
          read.messages.insert(read.messages.end(), piece.notes.begin(), piece.notes.end());
          if (!piece.read) continue;
          add_part(document, piece.summary);
          for (const auto& [kind, n] : piece.summary.records_by_kind) records += n;
          document_id = piece.id;
          document_open = true;
          if (piece.ends) {
            add_document(read, document_id, document);
            document = DocumentSummary{};
            document_open = false;
          }
        }
        if (done.error) {
          // A document cut short is counted with what it yielded, then the failure named.
          if (document_open) add_document(read, document_id, document);
          document_open = false;
          note_failure(input, done.error, read);
          return false;
        }
        read.stopped = done.stopped;
        if (progress && !done.stopped) {
          BatchStats so_far = stats;
          so_far.bytes = done.read_to;
          so_far.records = records;
          progress(so_far);
        }
        return !done.stopped;
      });
  if (document_open && !read.stopped) add_document(read, document_id, document);
  read.bytes = parts.reading().bytes;
  read.failed = read.failed || parts.reading().failed;
  read.read = !read.failed && !read.skipped;
  ordered.rethrow();
  account(read, report, stats);
  stats.output_closed = ordered.closed() || read.stopped;
  return stats;
}

}  // namespace quantex
