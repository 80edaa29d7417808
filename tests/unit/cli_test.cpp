// The command line end to end: standard input, files, folders, TSV, --kind, exit statuses,
// the message for a bad rule file, and a reader of the output that goes away (SIGPIPE).
// tests/cli_test.py covers the batch and encoding options in the same way.
#define BOOST_TEST_MODULE cli
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Run {
  int status = -1;
  std::string out;
  std::string err;
};

std::string read_all(int fd) {
  std::string text;
  char buffer[65536];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) text.append(buffer, n);
  return text;
}

// Runs quantex with args, standard input from the file `input` (or /dev/null).
Run run(const std::vector<std::string>& args, const std::string& input = "/dev/null") {
  int out[2], err[2];
  BOOST_REQUIRE(::pipe(out) == 0 && ::pipe(err) == 0);
  pid_t pid = ::fork();
  BOOST_REQUIRE(pid >= 0);
  if (pid == 0) {
    int in = ::open(input.c_str(), O_RDONLY);
    ::dup2(in, 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    ::close(out[0]);
    ::close(err[0]);
    std::vector<char*> argv{const_cast<char*>(QUANTEX_BINARY)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(QUANTEX_BINARY, argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(err[1]);
  Run r;
  r.out = read_all(out[0]);  // quantex's messages are short: stderr cannot fill its pipe
  r.err = read_all(err[0]);
  ::close(out[0]);
  ::close(err[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

struct Folder {
  Folder() : path(fs::temp_directory_path() / ("quantex-cli-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Folder() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const {
    fs::path file = path / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
  }
  fs::path path;
};

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    out.push_back(text.substr(start, nl - start));
  }
  return out;
}

const std::string kReport =
    "审批时限由20个工作日压减至8个工作日，为企业发放贷款28.6亿元。\n"
    "全市新增市场主体1246家，网上可办率达到99.9%。\n";

}  // namespace

BOOST_AUTO_TEST_CASE(standard_input_by_default_and_by_dash) {
  Folder f;
  std::string input = f.write("in.txt", kReport);
  for (const auto& args : {std::vector<std::string>{}, std::vector<std::string>{"-"}}) {
    Run r = run(args, input);
    BOOST_TEST(r.status == 0);
    BOOST_TEST(r.err == "");
    auto out = lines(r.out);
    BOOST_REQUIRE_EQUAL(out.size(), 4u);
    BOOST_TEST(out[0].find("\"doc\":\"-\",\"line\":1,\"col\":6") != std::string::npos);
    BOOST_TEST(out[1].find("\"value\":2860000000,\"unit\":\"CNY\"") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(files_and_folders_in_order) {
  Folder f;
  std::string b = f.write("dir/b.txt", "新增企业2家\n");
  std::string a = f.write("dir/a.txt", "新增企业1家\n");
  std::string c = f.write("c.txt", "新增企业3家\n");
  Run r = run({c, (f.path / "dir").string()});
  BOOST_TEST(r.status == 0);
  auto out = lines(r.out);
  BOOST_REQUIRE_EQUAL(out.size(), 3u);
  BOOST_TEST(out[0].find("\"doc\":\"" + c + "\"") != std::string::npos);
  BOOST_TEST(out[1].find("\"doc\":\"" + a + "\"") != std::string::npos);
  BOOST_TEST(out[2].find("\"doc\":\"" + b + "\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(tsv_and_kind) {
  Folder f;
  Run r = run({"--format", "tsv", "--kind", "money", f.write("r.txt", kReport)});
  BOOST_TEST(r.status == 0);
  auto out = lines(r.out);
  BOOST_REQUIRE_EQUAL(out.size(), 2u);
  BOOST_TEST(out[0].rfind("doc\tline\tcol\tstart\tend\trule\tkind\ttext\tvalue\tunit\top", 0) == 0);
  BOOST_TEST(out[1].find("\tmoney\t28.6亿元\t2860000000\tCNY\t=") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(exit_statuses) {
  Folder f;
  std::string good = f.write("good.txt", kReport);
  std::string missing = (f.path / "missing.txt").string();
  BOOST_TEST(run({good}).status == 0);
  Run partial = run({missing, good});
  BOOST_TEST(partial.status == 1);
  BOOST_TEST(partial.err == "quantex: " + missing + ": No such file or directory\n");
  BOOST_TEST(lines(partial.out).size() == 4u);  // the good file still read
  Run usage = run({"--format", "yaml", good});
  BOOST_TEST(usage.status == 2);
  BOOST_TEST(usage.out == "");
  BOOST_TEST(usage.err.rfind("quantex: ", 0) == 0);
  BOOST_TEST(run({"--help"}).status == 0);
}

BOOST_AUTO_TEST_CASE(bad_rule_file) {
  Folder f;
  std::string rules = f.write("mine.toml",
                              "[[rule]]\nid = \"mine.count\"\nkind = \"count\"\n"
                              "pattern = '(?P<value>[0-9]+)(?P<unit>个)(?P<amount>元)'\n");
  Run r = run({"-a", rules, f.write("r.txt", kReport)});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.out == "");
  BOOST_TEST(r.err == "quantex: " + rules + ":4:11: rule mine.count: unknown group (?P<amount>)\n");
}

BOOST_AUTO_TEST_CASE(a_closed_pipe_ends_quietly) {
  Folder f;
  std::string big;
  while (big.size() < (8u << 20)) big += kReport;
  std::string input = f.write("big.txt", big);
  int out[2], err[2];
  BOOST_REQUIRE(::pipe(out) == 0 && ::pipe(err) == 0);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    ::close(out[0]);
    ::close(err[0]);
    ::execl(QUANTEX_BINARY, QUANTEX_BINARY, input.c_str(), nullptr);
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(err[1]);
  char first[256];
  BOOST_TEST(::read(out[0], first, sizeof first) > 0);
  ::close(out[0]);  // the reader goes away, as `head -1` does
  std::string messages = read_all(err[0]);
  ::close(err[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
  BOOST_TEST(messages == "");
}
