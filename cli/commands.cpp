#include "commands.hpp"

#include <dirent.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "memory.hpp"
#include "progress.hpp"
#include "quantex/batch.hpp"
#include "quantex/decoder.hpp"
#include "quantex/explain.hpp"
#include "quantex/numeral.hpp"
#include "quantex/rule_tests.hpp"
#include "quantex/view.hpp"

namespace quantex::cli {
namespace {

void complain(std::string_view message) { fmt::print(stderr, "quantex: {}\n", message); }

// The *.toml files a -r/-a argument names: the file itself, or a folder's, in name order.
bool read_rule_path(const std::string& path, std::vector<RuleSource>& sources) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    complain(fmt::format("{}: {}", path, std::strerror(errno)));
    return false;
  }
  std::vector<std::string> files;
  if (S_ISDIR(info.st_mode)) {
    DIR* dir = ::opendir(path.c_str());
    if (dir == nullptr) {
      complain(fmt::format("{}: {}", path, std::strerror(errno)));
      return false;
    }
    while (dirent* entry = ::readdir(dir)) {
      std::string name = entry->d_name;
      if (name.size() > 5 && name.substr(name.size() - 5) == ".toml" && name[0] != '.') {
        files.push_back(path + (path.back() == '/' ? "" : "/") + name);
      }
    }
    ::closedir(dir);
    if (files.empty()) {
      // Most likely the wrong folder: loading nothing from it would run without a word.
      complain(fmt::format("{}: no rule files (*.toml) in this folder", path));
      return false;
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
  }
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
      complain(fmt::format("{}: cannot read: {}", file, std::strerror(errno)));
      return false;
    }
    sources.push_back({file, text.str()});
  }
  return true;
}

// The rule set the options ask for: -r files instead of the defaults, then -a files and
// `extra` (the files of rules check/test) added.
std::optional<RuleSet> load_rules(const Config& config, const std::vector<std::string>& extra) {
  std::vector<RuleSource> sources;
  bool ok = true;
  if (config.rules.empty()) {
    sources = default_rule_sources();
  } else {
    for (const std::string& path : config.rules) ok = read_rule_path(path, sources) && ok;
  }
  for (const std::string& path : config.added_rules) ok = read_rule_path(path, sources) && ok;
  for (const std::string& path : extra) ok = read_rule_path(path, sources) && ok;
  if (!ok) return std::nullopt;
  std::vector<std::string> errors;
  auto rules = RuleSet::load(sources, errors);
  for (const std::string& error : errors) complain(error);
  return rules;
}

// The rules compiled, on as many threads as the run may use.
std::optional<Matcher> compile_rules(const RuleSet& rules, const Config& config) {
  std::vector<std::string> errors;
  auto matcher = Matcher::compile(rules, static_cast<unsigned>(config.threads), errors);
  for (const std::string& error : errors) complain(error);
  return matcher;
}

std::optional<Format> make_format(const Config& config) {
  FormatKind kind = config.format == "tsv"   ? FormatKind::kTsv
                    : config.format == "csv" ? FormatKind::kCsv
                                             : FormatKind::kJsonLines;
  std::vector<Field> fields = default_fields();
  if (config.context) fields.push_back(Field::kContext);
  if (!config.fields.empty()) {
    fields.clear();
    for (const std::string& name : config.fields) {
      auto field = parse_field(name);
      if (!field) {
        complain(fmt::format("--fields: unknown field '{}'", name));
        return std::nullopt;
      }
      if (std::find(fields.begin(), fields.end(), *field) != fields.end()) {
        // A JSON object with the key twice means different things to different readers.
        complain(fmt::format("--fields: '{}' is given twice", name));
        return std::nullopt;
      }
      fields.push_back(*field);
    }
  }
  return Format(kind, fields, !config.no_header, config.bom && kind == FormatKind::kCsv);
}

// The inputs' size in bytes for the progress line; 0 when one of them has none to tell
// (standard input, a pipe).
std::uint64_t total_size(const std::vector<Input>& inputs) {
  std::uint64_t total = 0;
  for (const Input& input : inputs) {
    if (input.kind == Input::Kind::kSkipped || input.kind == Input::Kind::kError) continue;
    struct stat st {};
    if (input.kind != Input::Kind::kFile || ::stat(input.path.c_str(), &st) != 0 ||
        !S_ISREG(st.st_mode)) {
      return 0;
    }
    total += static_cast<std::uint64_t>(st.st_size);
  }
  return total;
}

std::string summary(const BatchStats& stats, double seconds) {
  std::string kinds;
  for (const auto& [kind, n] : stats.records_by_kind) {
    kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ", kind, n);
  }
  double megabytes = static_cast<double>(stats.bytes) / 1e6;
  std::string too_large = stats.too_large > 0
                              ? fmt::format("; {} line(s) with a number too large", stats.too_large)
                              : "";
  return fmt::format(
      "{} input(s): {} read, {} skipped, {} failed; {} document(s); {:.1f} MB; {} record(s){}{}{}"
      "{}; {:.2f} s, {:.1f} MB/s",
      stats.inputs, stats.read, stats.skipped, stats.failed, stats.documents, megabytes,
      stats.records, kinds.empty() ? "" : " (", kinds, kinds.empty() ? "" : ")", too_large, seconds,
      seconds > 0 ? megabytes / seconds : 0.0);
}

int extract(const Config& config) {
  auto rules = load_rules(config, {});
  if (!rules) return 2;
  if (std::none_of(rules->rules().begin(), rules->rules().end(),
                   [](const Rule& r) { return !r.excludes(); })) {
    complain("-r: the rule files hold no [[rule]] that yields records (none, or only exclusions)");
    return 2;
  }
  auto format = make_format(config);
  if (!format) return 2;
  if (!config.encoding.empty() && !known_encoding(config.encoding)) {
    complain(
        fmt::format("--encoding: iconv knows no encoding '{}' (try UTF-8, GB18030, "
                    "UTF-16LE)",
                    config.encoding));
    return 2;
  }
  for (const std::string& kind : config.kinds) {
    bool known = std::any_of(rules->rules().begin(), rules->rules().end(),
                             [&](const Rule& r) { return r.kind == kind; });
    if (!known) {
      complain(fmt::format("--kind: no rule yields kind '{}'", kind));
      return 2;
    }
  }
  auto matcher = compile_rules(*rules, config);
  if (!matcher) return 2;
  BatchOptions options;
  options.threads = config.threads;
  options.worker_start = use_huge_pages_on_thread_heap;
  options.documents.encoding = config.encoding;
  options.documents.allow_binary = config.binary;
  options.documents.input = config.input == "jsonl" ? InputFormat::kJsonLines : InputFormat::kText;
  options.documents.text_field = config.text_field;
  options.documents.id_field = config.id_field;
  options.documents.first_line = config.first_line;
  options.extract.context = config.context;
  options.extract.kinds = config.kinds;
  options.extract.tags = config.tags;

  WalkOptions walk;
  walk.follow_links = config.follow;
  walk.hidden = config.hidden;
  walk.json_lines = options.documents.input == InputFormat::kJsonLines;
  walk.globs = config.globs;
  for (const std::string& glob : config.globs) {
    if (auto problem = glob_problem(glob)) {
      complain(fmt::format("--glob '{}': {}", glob, *problem));
      return 2;
    }
  }
  std::vector<Input> inputs = expand_paths(config.paths, walk);

  auto started = std::chrono::steady_clock::now();
  const bool show_progress = !config.quiet && ::isatty(STDERR_FILENO);
  ProgressLine progress(inputs.size(), show_progress ? total_size(inputs) : 0, show_progress);
  Batch batch(*matcher, *format, options);
  FdOutput out(STDOUT_FILENO);
  BatchStats stats;
  try {
    stats = batch.run(
        inputs, out, ::isatty(STDOUT_FILENO),
        [&](std::string_view message) {
          progress.clear();
          complain(message);
        },
        [&](const BatchStats& so_far) { progress.update(so_far); });
  } catch (const OutputError& e) {
    progress.clear();
    complain(fmt::format("standard output: {}", e.what()));
    return 1;
  }
  progress.clear();
  if (config.stats) {
    std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started;
    complain(summary(stats, seconds.count()));
  }
  return stats.failed > 0 ? 1 : 0;
}

int rules_list(const Config& config) {
  auto rules = load_rules(config, {});
  if (!rules) return 2;
  if (config.patterns) {
    for (const Rule& rule : rules->rules()) fmt::print("{}\t{}\n", rule.id, rule.pattern);
    return 0;
  }
  fmt::print("id\tkind\tpriority\tsource\n");
  for (const Rule& rule : rules->rules()) {
    fmt::print("{}\t{}\t{}\t{}\n", rule.id, rule.kind, rule.priority, to_string(rule.where));
  }
  return 0;
}

int rules_check(const Config& config) {
  auto rules = load_rules(config, config.paths);
  if (!rules || !compile_rules(*rules, config)) return 2;
  fmt::print("{} rules, no errors\n", rules->rules().size());
  return 0;
}

int rules_test(const Config& config) {
  auto rules = load_rules(config, config.paths);
  if (!rules) return 2;
  auto matcher = compile_rules(*rules, config);
  if (!matcher) return 2;
  RuleTestReport report = run_rule_tests(*matcher);
  for (const RuleTestFailure& failure : report.failures) {
    fmt::print("{}: rule {}: {}\n", failure.where, failure.rule, failure.what);
  }
  fmt::print("{} examples, {} counter-examples, {} failure(s)\n", report.examples,
             report.counter_examples, report.failures.size());
  return report.failures.empty() ? 0 : 1;
}

int explain(const Config& config) {
  auto rules = load_rules(config, {});
  if (!rules) return 2;
  auto matcher = compile_rules(*rules, config);
  if (!matcher) return 2;
  std::string text;
  for (const std::string& word : config.explained) text += (text.empty() ? "" : " ") + word;
  fmt::print("{}", quantex::explain(*matcher, text));
  return 0;
}

int view(const Config& config) {
  auto rules = load_rules(config, {});
  if (!rules) return 2;
  auto matcher = compile_rules(*rules, config);
  if (!matcher) return 2;
  const std::string& path = config.paths.front();
  std::string bytes;
  if (path == "-") {
    std::stringstream in;
    in << std::cin.rdbuf();
    bytes = in.str();
  } else {
    std::ifstream in(path, std::ios::binary);
    std::stringstream all;
    all << in.rdbuf();
    if (!in) {
      complain(fmt::format("{}: {}", path, std::strerror(errno)));
      return 1;
    }
    bytes = all.str();
  }
  try {
    fmt::print("{}", view_page(*matcher, path, bytes, config.encoding, config.binary));
  } catch (const std::exception& e) {
    complain(fmt::format("{}: {}", path, e.what()));
    return 1;
  }
  return 0;
}

int rules_dump(const Config& config) {
  const std::vector<RuleSource>& sources = default_rule_sources();
  if (config.dump_folder.empty()) {
    for (const RuleSource& source : sources) {
      fmt::print("# ==> {} <==\n{}\n", source.name, source.text);
    }
    return 0;
  }
  for (const RuleSource& source : sources) {
    std::string name = source.name.substr(source.name.rfind('/') + 1);
    std::string path = config.dump_folder + "/" + name;
    std::ofstream out(path, std::ios::binary);
    out << source.text;
    out.close();
    if (!out) {
      complain(fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
      return 1;
    }
  }
  fmt::print(stderr, "quantex: {} rule files written to {}; use them with -r {}\n", sources.size(),
             config.dump_folder, config.dump_folder);
  return 0;
}

int number(const Config& config) {
  // The glyphs are the rules' ([language.numerals]): -r and -a change them.
  auto rules = load_rules(config, {});
  if (!rules) return 2;
  int status = 0;
  for (const std::string& text : config.numerals) {
    auto numeral = read_numeral(text, rules->language());
    if (!numeral) {
      fmt::print("-\n");
      status = 1;
    } else if (numeral->more) {
      fmt::print("{}\t>\n", numeral->value.to_string());
    } else {
      fmt::print("{}\n", numeral->value.to_string());
    }
  }
  return status;
}

}  // namespace

int run(const Config& config) {
  switch (config.command) {
    case Command::kExtract: return extract(config);
    case Command::kRulesList: return rules_list(config);
    case Command::kRulesDump: return rules_dump(config);
    case Command::kExplain: return explain(config);
    case Command::kView: return view(config);
    case Command::kRulesCheck: return rules_check(config);
    case Command::kRulesTest: return rules_test(config);
    case Command::kNumber: return number(config);
  }
  return 2;
}

}  // namespace quantex::cli
