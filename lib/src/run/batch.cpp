#include "quantex/batch.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

#include "quantex/decoder.hpp"
#include "quantex/source.hpp"

namespace quantex {

struct Batch::Outcome {
  std::vector<std::string> messages;
  bool read = false;
  bool skipped = false;
  bool failed = false;
  bool stopped = false;  // the sink asked to stop
  std::uint64_t bytes = 0;
  std::map<std::string, std::uint64_t, std::less<>> records_by_kind;
};

namespace {

// Counts the bytes that pass through, for --stats.
class CountingSource : public ByteSource {
 public:
  CountingSource(ByteSource& inner, std::uint64_t& count) : inner_(inner), count_(count) {}
  std::size_t read(char* data, std::size_t size) override {
    std::size_t n = inner_.read(data, size);
    count_ += n;
    return n;
  }

 private:
  ByteSource& inner_;
  std::uint64_t& count_;
};

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

// The offset of the first NUL byte of a regular file, read ahead so that a binary file is
// skipped before any of its records is written. The block is sized to the file, within
// 64 KB to 1 MB: a small file should not pay for zeroing a megabyte.
std::optional<std::uint64_t> find_nul(int fd, std::uint64_t file_size) {
  std::vector<char> block(
      static_cast<std::size_t>(std::clamp<std::uint64_t>(file_size, 64 << 10, 1 << 20)));
  std::uint64_t offset = 0;
  for (;;) {
    ssize_t n = ::pread(fd, block.data(), block.size(), static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;  // a read error shows again, and is reported, later
    const void* nul = std::memchr(block.data(), '\0', static_cast<std::size_t>(n));
    if (nul != nullptr) return offset + static_cast<std::size_t>(static_cast<const char*>(nul) - block.data());
    offset += static_cast<std::uint64_t>(n);
  }
}

// Whether a file starts with a UTF-16 byte-order mark, or the run forces a wide encoding:
// then NUL bytes are text.
bool starts_wide(int fd) {
  unsigned char head[2] = {0, 0};
  if (::pread(fd, head, 2, 0) != 2) return false;
  return (head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF);
}

// The records an extractor wrote while f ran.
template <class F>
std::map<std::string, std::uint64_t, std::less<>> counting(const Extractor& extractor, F&& f) {
  auto before = extractor.counts();
  f();
  auto after = extractor.counts();
  for (auto& [kind, n] : after) {
    auto old = before.find(kind);
    if (old != before.end()) n -= old->second;
  }
  return after;
}

}  // namespace

Batch::Batch(const Matcher& matcher, const Format& format,
             BatchOptions options)
    : matcher_(matcher), format_(format), options_(std::move(options)) {
  options_.reader.marks = &matcher_.rules().language().marks;
}

Batch::Outcome Batch::process(const Input& input, Extractor& extractor, Sink& sink) const {
  Outcome outcome;
  auto note = [&](std::string_view what) {
    outcome.messages.push_back(fmt::format("{}: {}", input.path, what));
  };
  if (input.kind == Input::Kind::kError) {
    note(input.message);
    outcome.failed = true;
    return outcome;
  }
  if (input.kind == Input::Kind::kSkipped) {
    note(input.message);
    outcome.skipped = true;
    return outcome;
  }
  // Standard input can be named more than once; one worker at a time reads it, so a later
  // "-" finds it at its end, as it would in a one-thread run.
  std::unique_lock<std::mutex> stdin_lock(stdin_mutex_, std::defer_lock);
  if (input.kind == Input::Kind::kStdin) stdin_lock.lock();
  int fd = STDIN_FILENO;
  if (input.kind == Input::Kind::kFile) {
    fd = ::open(input.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      note(error_text(errno));
      outcome.failed = true;
      return outcome;
    }
  }
  Descriptor descriptor(fd);
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    note(error_text(EISDIR));
    outcome.failed = true;
    return outcome;
  }
  bool text = options_.input == InputFormat::kText;
  if (text && !options_.allow_binary && S_ISREG(info.st_mode) && !is_wide_encoding(options_.encoding) &&
      !starts_wide(fd)) {
    if (auto nul = find_nul(fd, static_cast<std::uint64_t>(info.st_size))) {
      note(BinaryInput(*nul).what());
      outcome.skipped = true;
      return outcome;
    }
  }
  try {
    outcome.records_by_kind = counting(extractor, [&] {
      if (text) {
        extract_text(input, fd, extractor, sink, outcome);
      } else {
        extract_documents(input, fd, extractor, sink, outcome);
      }
    });
    outcome.read = !outcome.failed;
  } catch (const BinaryInput& e) {
    note(e.what());
    outcome.skipped = true;
  } catch (const InputError& e) {
    note(e.what());
    outcome.failed = true;
  }
  return outcome;
}

void Batch::extract_text(const Input& input, int fd, Extractor& extractor, Sink& sink,
                         Outcome& outcome) const {
  FdSource raw(fd);
  CountingSource counted(raw, outcome.bytes);
  DecodingSource decoded(counted, options_.encoding, options_.allow_binary);
  LineReader lines(decoded, options_.reader);
  outcome.stopped = !extractor.extract(input.path, lines, sink);
  if (decoded.invalid_bytes() > 0) {
    outcome.messages.push_back(fmt::format(
        "{}: {} byte(s) are not valid {}, the first at byte {}; read as U+FFFD", input.path,
        decoded.invalid_bytes(), decoded.first_invalid_encoding(), decoded.first_invalid_offset()));
    outcome.failed = true;
  }
}

void Batch::extract_documents(const Input& input, int fd, Extractor& extractor, Sink& sink,
                              Outcome& outcome) const {
  FdSource raw(fd);
  CountingSource counted(raw, outcome.bytes);
  ReaderOptions whole_lines = options_.reader;
  whole_lines.max_line_bytes = std::max<std::size_t>(whole_lines.max_line_bytes, 256 << 20);
  LineReader lines(counted, whole_lines);
  simdjson::ondemand::parser parser;
  Line line;
  std::uint64_t cut_line = 0;
  auto bad = [&](std::uint64_t number, std::string_view what) {
    outcome.messages.push_back(fmt::format("{}:{}: {}", input.path, number, what));
    outcome.failed = true;
  };
  while (lines.next(line)) {
    if (line.number == cut_line) continue;
    if (line.continues) {
      cut_line = line.number;
      bad(line.number, "document longer than 256 MiB, skipped");
      continue;
    }
    if (line.text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    simdjson::padded_string json(line.text);
    simdjson::ondemand::document document;
    simdjson::ondemand::object object;
    if (auto error = parser.iterate(json).get(document); error) {
      bad(line.number, fmt::format("not JSON: {}", simdjson::error_message(error)));
      continue;
    }
    if (auto error = document.get_object().get(object); error) {
      bad(line.number, error == simdjson::INCORRECT_TYPE
                           ? std::string("not a JSON object")
                           : fmt::format("not JSON: {}", simdjson::error_message(error)));
      continue;
    }
    // Fields are read in whatever order they come: the id is copied before the text.
    std::string id = std::to_string(line.number);
    std::string_view text;
    bool has_text = false;
    simdjson::error_code error = simdjson::SUCCESS;
    for (auto field : object) {
      std::string_view key;
      if ((error = field.unescaped_key().get(key))) break;
      if (key == options_.id_field) {
        std::string_view value;
        if (field.value().get_string().get(value) == simdjson::SUCCESS) {
          id = value;
        } else if (field.value().raw_json_token().get(value) == simdjson::SUCCESS &&
                   value.substr(0, 4) != "null") {
          id = std::string(value.substr(0, value.find_last_not_of(" \t\r\n") + 1));
        }
      } else if (key == options_.text_field) {
        if ((error = field.value().get_string().get(text))) break;
        // The text view lives in the parser's buffer until the next document.
        has_text = true;
      }
    }
    if (error) {
      bad(line.number, fmt::format("not JSON: {}", simdjson::error_message(error)));
      continue;
    }
    if (!has_text) {
      bad(line.number, fmt::format("no string field \"{}\"", options_.text_field));
      continue;
    }
    MemorySource source(text);
    LineReader document_lines(source, options_.reader);
    if (!extractor.extract(id, document_lines, sink)) {
      outcome.stopped = true;
      return;
    }
  }
}

BatchStats Batch::run(const std::vector<Input>& inputs, Output& out, bool line_buffered,
                      const Report& report, const Progress& progress) {
  Printer printer(format_, out, line_buffered);
  if (!printer.header()) {
    BatchStats stats;
    stats.output_closed = true;
    return stats;
  }
  bool parallel = options_.threads > 1 && inputs.size() > 1;
  BatchStats stats = parallel ? run_parallel(inputs, printer, report, progress)
                              : run_streaming(inputs, printer, report, progress);
  if (!stats.output_closed && !printer.flush()) stats.output_closed = true;
  return stats;
}

void Batch::account(const Outcome& outcome, const Report& report, BatchStats& stats) {
  for (const std::string& message : outcome.messages) report(message);
  ++stats.inputs;
  stats.read += outcome.read;
  stats.skipped += outcome.skipped;
  stats.failed += outcome.failed;
  stats.bytes += outcome.bytes;
  for (const auto& [kind, n] : outcome.records_by_kind) {
    stats.records_by_kind[kind] += n;
    stats.records += n;
  }
}

BatchStats Batch::run_streaming(const std::vector<Input>& inputs, Printer& printer,
                                const Report& report, const Progress& progress) {
  BatchStats stats;
  Extractor extractor(matcher_, options_.extract);
  for (const Input& input : inputs) {
    Outcome outcome = process(input, extractor, printer);
    account(outcome, report, stats);
    if (outcome.stopped) {
      stats.output_closed = true;
      break;
    }
    if (progress) progress(stats);
  }
  return stats;
}

BatchStats Batch::run_parallel(const std::vector<Input>& inputs, Printer& printer,
                               const Report& report, const Progress& progress) {
  struct Slot {
    std::string output;
    Outcome outcome;
    bool done = false;
  };
  // Inputs ahead of the one being written wait in memory; the window bounds how many.
  const std::size_t window = options_.threads * 4;
  std::vector<Slot> slots(inputs.size());
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next = 0;     // the next input a worker takes
  std::size_t written = 0;  // inputs already written by this thread
  bool stop = false;

  auto work = [&] {
    Extractor extractor(matcher_, options_.extract);
    for (;;) {
      std::size_t index;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || next >= inputs.size() || next < written + window; });
        if (stop || next >= inputs.size()) return;
        index = next++;
      }
      std::string output;
      StringOutput target(output);
      Printer buffer(format_, target, false);
      Outcome outcome = process(inputs[index], extractor, buffer);
      buffer.flush();
      {
        std::lock_guard lock(mutex);
        slots[index].output = std::move(output);
        slots[index].outcome = std::move(outcome);
        slots[index].done = true;
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> workers;
  for (std::size_t i = 0; i < std::min(options_.threads, inputs.size()); ++i) {
    workers.emplace_back(work);
  }

  BatchStats stats;
  try {
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      Slot slot;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return slots[i].done; });
        slot = std::move(slots[i]);
        slots[i] = Slot{};
      }
      const Outcome& outcome = slot.outcome;
      account(outcome, report, stats);
      if (!printer.write_formatted(slot.output)) {
        stats.output_closed = true;
        break;
      }
      {
        std::lock_guard lock(mutex);
        written = i + 1;
      }
      changed.notify_all();
      if (progress) progress(stats);
    }
  } catch (...) {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    changed.notify_all();
    for (std::thread& worker : workers) worker.join();
    throw;
  }
  {
    std::lock_guard lock(mutex);
    stop = true;
  }
  changed.notify_all();
  for (std::thread& worker : workers) worker.join();
  return stats;
}

}  // namespace quantex
