// The batch and its parts: results handed over in input order whatever thread made them, a
// worker's exception made that item's named failure (not std::terminate), a failed write
// stopping the workers; documents read from bytes in memory; a run over files whose output
// is the same on one thread and on several, with every problem named; and the hook each
// worker thread calls first.
#define BOOST_TEST_MODULE batch
#include "quantex/batch.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "default_rules.hpp"
#include "quantex/collector.hpp"
#include "quantex/ordered_pool.hpp"

namespace {

struct Worker {
  int id;
};

// Runs items 0..count-1 on `threads` threads; item i is "i", and items in `throwing` throw.
std::vector<std::string> pool(std::size_t count, std::size_t threads,
                              std::vector<std::size_t> throwing, bool state_throws = false) {
  std::vector<std::string> delivered;
  std::atomic<int> workers{0};
  std::size_t next = 0;
  quantex::run_in_order<std::size_t, std::string>(
      [&]() -> std::optional<std::size_t> {
        if (next < count) return next++;
        return std::nullopt;
      },
      threads, 2,
      [&] {
        if (state_throws) throw std::runtime_error("no state");
        return std::make_unique<Worker>(Worker{workers++});
      },
      [&](Worker&, std::size_t&, std::size_t i) {
        if (std::find(throwing.begin(), throwing.end(), i) != throwing.end()) {
          throw std::runtime_error("boom");
        }
        return std::to_string(i);
      },
      [](std::size_t i, std::exception_ptr error) {
        try {
          std::rethrow_exception(error);
        } catch (const std::exception& e) {
          return std::to_string(i) + " failed: " + e.what();
        }
      },
      [&](std::size_t i, std::string& result) {
        BOOST_TEST(i == delivered.size());
        delivered.push_back(result);
        return true;
      });
  return delivered;
}

}  // namespace

BOOST_AUTO_TEST_CASE(results_come_in_order_and_a_throwing_worker_is_a_named_failure) {
  for (std::size_t threads : {1, 2, 4}) {
    std::vector<std::string> got = pool(9, threads, {3, 7});
    BOOST_TEST(got == (std::vector<std::string>{"0", "1", "2", "3 failed: boom", "4", "5", "6",
                                                "7 failed: boom", "8"}));
  }
  std::vector<std::string> all_failed = pool(3, 2, {}, true);
  BOOST_TEST(all_failed == (std::vector<std::string>{"0 failed: no state", "1 failed: no state",
                                                     "2 failed: no state"}));
}

// An item the source cannot make is that item's failure, and the end of the stream.
BOOST_AUTO_TEST_CASE(a_source_that_throws_ends_the_stream_with_a_named_failure) {
  for (std::size_t threads : {1, 2}) {
    std::vector<std::string> delivered;
    int next = 0;
    quantex::run_in_order<int, std::string>(
        [&]() -> std::optional<int> {
          if (next == 3) throw std::runtime_error("unreadable");
          return next++;
        },
        threads, 2, [] { return std::make_unique<int>(0); },
        [](int&, int& item, std::size_t) { return std::to_string(item); },
        [](std::size_t i, std::exception_ptr error) {
          try {
            std::rethrow_exception(error);
          } catch (const std::exception& e) {
            return std::to_string(i) + " failed: " + e.what();
          }
        },
        [&](std::size_t, std::string& result) {
          delivered.push_back(result);
          return true;
        });
    BOOST_TEST(delivered == (std::vector<std::string>{"0", "1", "2", "3 failed: unreadable"}));
  }
}

BOOST_AUTO_TEST_CASE(a_failed_delivery_stops_the_workers) {
  std::atomic<std::size_t> worked{0};
  int next = 0;
  auto run = [&] {
    quantex::run_in_order<int, int>(
        [&]() -> std::optional<int> {
          if (next < 1000) return next++;
          return std::nullopt;
        },
        2, 2, [] { return std::make_unique<int>(0); },
        [&](int&, int&, std::size_t i) {
          ++worked;
          return static_cast<int>(i);
        },
        [](std::size_t, std::exception_ptr) { return -1; },
        [](std::size_t i, int&) -> bool {
          if (i == 5) throw std::runtime_error("disk full");
          return true;
        });
  };
  BOOST_CHECK_THROW(run(), std::runtime_error);
  // The window keeps the workers close behind the writer: they stopped long before 1000.
  BOOST_TEST(worked.load() < 20u);
}

BOOST_AUTO_TEST_CASE(json_lines_documents_from_memory) {
  quantex::DocumentOptions options;
  options.input = quantex::InputFormat::kJsonLines;
  options.reader.marks = &test::default_language().marks;
  const std::string bytes =
      "{\"id\": \"a\", \"text\": \"新增企业3家\"}\n"
      "not json\n"
      "\n"
      "{\"text\": \"贷款5亿元\", \"id\": 7}\n"
      "[1, 2]\n"
      "{\"id\": \"b\"}\n";
  quantex::MemorySource source(bytes);
  quantex::InputReport report;
  auto documents = quantex::read_documents(source, "docs.jsonl", options, report);
  quantex::Extractor extractor(test::default_matcher(), {});
  quantex::Collector collector;
  std::string_view id;
  quantex::LineReader* lines = nullptr;
  std::vector<std::string> ids;
  while (documents->next(id, lines)) {
    ids.emplace_back(id);
    extractor.extract(id, *lines, collector);
  }
  BOOST_TEST(ids == (std::vector<std::string>{"a", "7"}));
  BOOST_REQUIRE_EQUAL(collector.records().size(), 2u);
  BOOST_TEST(collector.records()[1].doc == "7");
  BOOST_TEST(report.failed);
  BOOST_TEST(report.messages ==
             (std::vector<std::string>{"docs.jsonl:2: not a JSON object",
                                       "docs.jsonl:5: not a JSON object",
                                       "docs.jsonl:6: no field \"text\", skipped"}));
  BOOST_TEST(report.bytes == bytes.size());
}

namespace {

// A folder of inputs for a run, removed afterwards.
struct Folder {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("quantex-batch-" + std::to_string(::getpid()));
  Folder() { std::filesystem::create_directories(path); }
  ~Folder() { std::filesystem::remove_all(path); }
  std::string write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path / name, std::ios::binary) << bytes;
    return (path / name).string();
  }
};

struct Run {
  std::string output;
  std::vector<std::string> messages;
  quantex::BatchStats stats;
};

Run run(const std::vector<quantex::Input>& inputs, std::size_t threads) {
  quantex::Format format(quantex::FormatKind::kTsv, {quantex::Field::kDoc, quantex::Field::kText},
                         true, false);
  quantex::BatchOptions options;
  options.threads = threads;
  quantex::Batch batch(test::default_matcher(), format, options);
  Run out;
  quantex::StringOutput target(out.output);
  out.stats = batch.run(
      inputs, target, false, [&](std::string_view message) { out.messages.emplace_back(message); },
      nullptr);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_run_is_the_same_on_one_thread_and_on_several) {
  Folder folder;
  std::vector<quantex::Input> inputs = {
      {quantex::Input::Kind::kFile, folder.write("a.txt", "新增企业3家。\n贷款5亿元。\n"), ""},
      {quantex::Input::Kind::kFile, folder.write("b.dat", std::string("\0\1", 2) + "3家"), ""},
      {quantex::Input::Kind::kFile, (folder.path / "missing.txt").string(), ""},
      {quantex::Input::Kind::kError, "gone", "Permission denied"},
      {quantex::Input::Kind::kFile, folder.write("c.txt", "办结率99.9％\n"), ""},
  };
  Run one = run(inputs, 1);
  for (std::size_t threads : {2, 3}) {
    Run several = run(inputs, threads);
    BOOST_TEST(several.output == one.output);
    BOOST_TEST(several.messages == one.messages);
  }
  BOOST_TEST(one.stats.inputs == 5u);
  BOOST_TEST(one.stats.read == 2u);
  BOOST_TEST(one.stats.skipped == 1u);
  BOOST_TEST(one.stats.failed == 2u);
  BOOST_TEST(one.stats.documents == 2u);
  BOOST_TEST(one.stats.records == 3u);
  BOOST_TEST(one.stats.records_by_kind.at("money") == 1u);
  BOOST_REQUIRE_EQUAL(one.messages.size(), 3u);
  BOOST_TEST(one.messages[0] == inputs[1].path + ": binary file (NUL byte at offset 0), skipped");
  BOOST_TEST(one.messages[1] == inputs[2].path + ": No such file or directory");
  BOOST_TEST(one.messages[2] == "gone: Permission denied");
  BOOST_TEST(one.output.starts_with("doc\ttext\n" + inputs[0].path + "\t3家\n"));
}

namespace {

// One input read in parts of part_bytes on `threads` threads (one thread: the whole input
// in order), as JSON Lines with context, or TSV for JSON Lines documents.
Run run_one(const quantex::Input& input, std::size_t threads, std::size_t part_bytes,
            bool json_lines) {
  std::vector<quantex::Field> fields = quantex::default_fields();
  fields.push_back(quantex::Field::kContext);
  quantex::Format format(quantex::FormatKind::kJsonLines, fields, false);
  quantex::BatchOptions options;
  options.threads = threads;
  options.part_bytes = part_bytes;
  options.extract.context = true;
  if (json_lines) {
    options.documents.input = quantex::InputFormat::kJsonLines;
    options.documents.text_field = "content";
    options.documents.id_field = "title";
  }
  quantex::Batch batch(test::default_matcher(), format, options);
  Run out;
  quantex::StringOutput target(out.output);
  out.stats = batch.run(
      {input}, target, false, [&](std::string_view message) { out.messages.emplace_back(message); },
      nullptr);
  return out;
}

// The files of a folder, in name order; none when it is absent.
std::vector<std::string> files_in(const std::filesystem::path& folder) {
  std::vector<std::string> files;
  if (!std::filesystem::is_directory(folder)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.is_regular_file()) files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

void same_in_parts(const std::string& path, bool json_lines, std::size_t& parts_checked) {
  quantex::Input input{quantex::Input::Kind::kFile, path, ""};
  Run whole = run_one(input, 1, 1 << 20, json_lines);
  for (std::size_t part_bytes : {std::size_t{200}, std::size_t{4096}}) {
    Run parts = run_one(input, 2, part_bytes, json_lines);
    BOOST_TEST(parts.output == whole.output, path << " in parts of " << part_bytes);
    BOOST_TEST(parts.messages == whole.messages, path);
    BOOST_TEST(parts.stats.records == whole.stats.records);
    BOOST_TEST(parts.stats.documents == whole.stats.documents);
    BOOST_TEST(parts.stats.bytes == whole.stats.bytes);
  }
  ++parts_checked;
}

}  // namespace

// A single input read on two threads, cut every 200 bytes (every document many times), gives
// the records, messages and counts of one thread: the samples always, the corpus's reports,
// GBK files and JSON Lines documents when ../shared is there.
BOOST_AUTO_TEST_CASE(one_input_in_parts_reads_as_one_thread_does) {
  const std::filesystem::path top = std::filesystem::path(QUANTEX_TEST_DATA) / ".." / "..";
  std::size_t checked = 0;
  for (const std::string& path : files_in(top / "samples")) same_in_parts(path, false, checked);
  BOOST_TEST(checked >= 5u);
  const std::filesystem::path corpus = top / ".." / "shared" / "corpus";
  std::vector<std::string> reports = files_in(corpus / "reports");
  std::vector<std::string> gbk = files_in(corpus / "gbk");
  if (reports.empty()) {
    BOOST_TEST_MESSAGE("../shared/corpus is absent: the corpus cases are skipped");
    return;
  }
  for (std::size_t i = 0; i < reports.size(); i += 5) same_in_parts(reports[i], false, checked);
  for (std::size_t i = 0; i < gbk.size(); i += 5) same_in_parts(gbk[i], false, checked);
  for (const std::string& path : files_in(corpus / "jsonl")) same_in_parts(path, true, checked);
}

// A failure part way through an input (binary data after text) comes after the records of
// the lines before it, as with one thread.
BOOST_AUTO_TEST_CASE(a_failure_in_a_later_part_comes_in_its_place) {
  Folder folder;
  std::string text;
  while (text.size() < 200000) text += "新增企业3家。\n";
  std::string path = folder.write("late.txt", text + std::string(1, '\0') + "新增4家。\n");
  quantex::Input input{quantex::Input::Kind::kFile, path, ""};
  Run whole = run_one(input, 1, 1 << 20, false);
  Run parts = run_one(input, 2, 1000, false);
  BOOST_TEST(parts.output == whole.output);
  BOOST_TEST(parts.messages == whole.messages);
  BOOST_REQUIRE_EQUAL(parts.messages.size(), 1u);
  BOOST_TEST(parts.messages[0].find("binary data after text") != std::string::npos);
  BOOST_TEST(parts.stats.failed == 1u);
}

// worker_start runs once on each worker thread, before the thread's first item, and never on
// the calling thread: over several inputs and over one input in parts. A run on one thread
// has no workers and never calls it.
BOOST_AUTO_TEST_CASE(worker_start_runs_once_on_each_worker_thread) {
  Folder folder;
  std::string text;
  while (text.size() < 20000) text += "新增企业3家。\n";
  std::vector<quantex::Input> inputs;
  for (int i = 0; i < 6; ++i) {
    inputs.push_back(
        {quantex::Input::Kind::kFile, folder.write("w" + std::to_string(i) + ".txt", text), ""});
  }
  quantex::Format format(quantex::FormatKind::kTsv, {quantex::Field::kText}, false, false);
  for (std::size_t threads : {1, 2, 3}) {
    for (bool in_parts : {false, true}) {
      std::mutex mutex;
      std::vector<std::thread::id> started;
      quantex::BatchOptions options;
      options.threads = threads;
      options.part_bytes = 1000;
      options.worker_start = [&] {
        std::lock_guard lock(mutex);
        started.push_back(std::this_thread::get_id());
      };
      quantex::Batch batch(test::default_matcher(), format, options);
      std::string output;
      quantex::StringOutput target(output);
      std::vector<std::string> messages;
      quantex::BatchStats stats = batch.run(
          in_parts ? std::vector<quantex::Input>{inputs[0]} : inputs, target, false,
          [&](std::string_view message) { messages.emplace_back(message); }, nullptr);
      BOOST_TEST(messages.empty());
      BOOST_TEST(stats.records == (in_parts ? 1u : 6u) * (text.size() / 20));
      const std::size_t workers = threads == 1 ? 0 : threads;
      BOOST_TEST(started.size() == workers, threads << " threads, in parts: " << in_parts);
      std::sort(started.begin(), started.end());
      BOOST_TEST((std::unique(started.begin(), started.end()) == started.end()));
      BOOST_TEST(std::count(started.begin(), started.end(), std::this_thread::get_id()) == 0);
    }
  }
}
