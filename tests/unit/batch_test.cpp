// The batch and its parts: results handed over in input order whatever thread made them, a
// worker's exception made that item's named failure (not std::terminate), a failed write
// stopping the workers; documents read from bytes in memory; and a run over files whose
// output is the same on one thread and on several, with every problem named.
#define BOOST_TEST_MODULE batch
#include "quantex/batch.hpp"

#include <unistd.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
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
  quantex::run_in_order<std::string>(
      count, threads, 2,
      [&] {
        if (state_throws) throw std::runtime_error("no state");
        return std::make_unique<Worker>(Worker{workers++});
      },
      [&](Worker&, std::size_t i) {
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

BOOST_AUTO_TEST_CASE(a_failed_delivery_stops_the_workers) {
  std::atomic<std::size_t> worked{0};
  BOOST_CHECK_THROW(quantex::run_in_order<int>(
                        1000, 2, 2, [] { return std::make_unique<int>(0); },
                        [&](int&, std::size_t i) {
                          ++worked;
                          return static_cast<int>(i);
                        },
                        [](std::size_t, std::exception_ptr) { return -1; },
                        [](std::size_t i, int&) -> bool {
                          if (i == 5) throw std::runtime_error("disk full");
                          return true;
                        }),
                    std::runtime_error);
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
