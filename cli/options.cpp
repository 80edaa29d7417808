#include "options.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <thread>
#include <vector>

namespace quantex::cli {
namespace {

constexpr const char* kUsage =
    "Usage: quantex [extract] [OPTIONS] [PATH...]\n"
    "       quantex rules list|check|test|dump [OPTIONS] [FILE...]\n"
    "       quantex explain [OPTIONS] TEXT\n"
    "       quantex view [OPTIONS] FILE\n"
    "       quantex number TEXT...\n";

constexpr const char* kExamples = R"(
Examples:
  quantex report.txt                      records of one report, as JSON Lines
  quantex -f tsv -k money,count reports/  money and counts of every file below reports/
  cat report.txt | quantex --context      standard input, with each record's sentence
  quantex -a my-rules.toml report.txt     the default rules plus your own
  quantex --input jsonl --text-field content --id-field title docs.jsonl
  quantex explain '审批时限压缩至5个工作日'  why each number was read, or missed, as it was
  quantex view report.txt > report.html   the report with its records highlighted
  quantex rules test my-rules.toml        run the examples of every rule
  quantex number 3300多亿 十七点八          how a numeral reads

Exit status: 0 every input was read; 1 some input could not be read or decoded, or the
output could not be written (each named on standard error, the others were processed);
2 usage or rule error (nothing was processed).
)";

// One usage line for the whole tool, however a subcommand's help is asked for, instead of
// CLI11's own line under the description.
class Formatter : public CLI::Formatter {
 public:
  std::string make_usage(const CLI::App* app, std::string name) const override {
    if (app->get_parent() == nullptr) return std::string("\n") + kUsage;
    return CLI::Formatter::make_usage(app, std::move(name));
  }
};

void add_rule_options(CLI::App& app, Config& config) {
  app.add_option("-r,--rules", config.rules,
                 "Rule file or folder of *.toml files to use instead of the defaults "
                 "(repeatable)")
      ->type_name("FILE|DIR")
      ->allow_extra_args(false);
  app.add_option("-a,--add-rules", config.added_rules,
                 "Rule file or folder to add to the defaults, whose fragments, units and "
                 "qualifiers it may use (repeatable)")
      ->type_name("FILE|DIR")
      ->allow_extra_args(false);
}

// The number of single-character edits from a to b (Levenshtein).
std::size_t edits(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Every option and subcommand name an app and its subcommands know: --format, rules, list.
void known_names(const CLI::App& app, std::vector<std::string>& names) {
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
  }
  for (const CLI::App* sub : app.get_subcommands({})) {
    names.push_back(sub->get_name());
    known_names(*sub, names);
  }
}

// "did you mean --format?" for an argument one or two edits from a known name.
std::string suggestion(const CLI::App& app, const std::string& message) {
  std::vector<std::string> names;
  known_names(app, names);
  std::string hint;
  std::size_t start = message.find(": ");
  if (start == std::string::npos) return hint;
  std::string words = message.substr(start + 2);
  std::replace(words.begin(), words.end(), ',', ' ');
  std::size_t at = 0;
  while (at < words.size()) {
    std::size_t end = words.find(' ', at);
    std::string word = words.substr(at, end == std::string::npos ? end : end - at);
    at = end == std::string::npos ? words.size() : end + 1;
    if (word.size() < 3) continue;
    std::string best;
    std::size_t best_edits = 3;
    for (const std::string& name : names) {
      std::size_t e = edits(word, name);
      if (e < best_edits) best_edits = e, best = name;
    }
    if (!best.empty()) hint += fmt::format("did you mean '{}' for '{}'?\n", best, word);
  }
  return hint;
}

}  // namespace

std::optional<Config> parse_arguments(int argc, char** argv, int& status) {
  Config config;
  config.threads = std::max(1u, std::thread::hardware_concurrency());

  CLI::App app(
      "quantex: quantitative indicators (time limits, percentages, money, counts) from Chinese "
      "report text, as JSON Lines, TSV or CSV.",
      "quantex");
  app.formatter(std::make_shared<Formatter>());
  app.footer(kExamples);
  app.set_version_flag("-V,--version", fmt::format("quantex {}", QUANTEX_VERSION));

  app.add_option("PATH", config.paths,
                 "Files, folders (walked recursively, in name order) or - for standard "
                 "input; none reads standard input");
  app.add_option("-f,--format", config.format, "Output format: jsonl, tsv or csv")
      ->check(CLI::IsMember({"jsonl", "tsv", "csv"}).description(""))
      ->type_name("FORMAT")
      ->default_str("jsonl");
  add_rule_options(app, config);
  app.add_option("-k,--kind", config.kinds,
                 "Keep only these kinds (comma-separated: time_limit,percentage,money,count)")
      ->type_name("LIST")
      ->delimiter(',')
      ->allow_extra_args(false);
  app.add_option("--tag", config.tags, "Keep only records with one of these tags (comma-separated)")
      ->type_name("LIST")
      ->delimiter(',')
      ->allow_extra_args(false);
  app.add_flag("--context", config.context, "Add the sentence around each record as context");
  app.add_option("--fields", config.fields,
                 "Fields to write, in this order (comma-separated; default: all but context)")
      ->type_name("LIST")
      ->delimiter(',')
      ->allow_extra_args(false);
  app.add_flag("--no-header", config.no_header, "TSV and CSV: leave out the header row");
  app.add_flag("--bom", config.bom, "CSV: begin with a UTF-8 byte-order mark, for spreadsheets");
  app.add_option("-j,--threads", config.threads,
                 "Threads: files read in parallel, or one input cut into parts (default: cores)")
      ->type_name("N")
      ->check(CLI::Range(1, 1024).description(""));
  app.add_flag("--follow", config.follow, "Follow symbolic links while walking folders");
  app.add_flag("--hidden", config.hidden,
               "Walk hidden files and folders too (names starting with .)");
  app.add_option("--glob", config.globs,
                 "Walk only files whose name matches (repeatable; !PATTERN excludes)")
      ->type_name("PATTERN")
      ->allow_extra_args(false);
  app.add_option("--encoding", config.encoding,
                 "Read every input in this encoding (an iconv name: UTF-8, GB18030, UTF-16LE...) "
                 "instead of detecting it")
      ->type_name("NAME");
  app.add_flag("--binary", config.binary, "Read files with NUL bytes instead of skipping them");
  app.add_option("--input", config.input,
                 "Input kind: text, or jsonl for one JSON document per line")
      ->check(CLI::IsMember({"text", "jsonl"}).description(""))
      ->type_name("KIND")
      ->default_str("text");
  app.add_option("--text-field", config.text_field,
                 "JSON Lines input: field with the text (default: text)")
      ->type_name("FIELD");
  app.add_option("--id-field", config.id_field,
                 "JSON Lines input: field with the document id (default: id; else its line "
                 "number)")
      ->type_name("FIELD");
  app.add_option("--first-line", config.first_line,
                 "Number the input's lines from N: a block of a bigger file (a Dask partition, "
                 "parallel --pipe) then gives the whole file's line numbers and ids")
      ->type_name("N")
      ->check(CLI::PositiveNumber.description(""));
  app.add_flag("-q,--quiet", config.quiet, "No progress line on a terminal");
  app.add_flag("--stats", config.stats, "Print a summary on standard error at the end");

  // "extract" is the default command; naming it changes nothing. Options may stand before
  // or after it: the subcommand passes them on to the app (fallthrough).
  CLI::App* extract = app.add_subcommand("extract", "Extract records (the default command)");
  extract->fallthrough();
  extract->footer("");
  extract->add_option("PATH", config.paths, "Files, folders or - for standard input");

  CLI::App* rules = app.add_subcommand("rules", "List, check, test or print rule files");
  rules->require_subcommand(1);
  rules->footer("");
  CLI::App* list = rules->add_subcommand("list", "List the rules: id, kind, priority, source");
  add_rule_options(*list, config);
  list->add_flag("--patterns", config.patterns,
                 "List each rule's id and its pattern as RE2 runs it, fragments expanded");
  CLI::App* check = rules->add_subcommand(
      "check", "Check rule files (loaded with the defaults, as -a does): status 2 on error");
  add_rule_options(*check, config);
  check->add_option("FILE", config.paths, "Rule files or folders")->required();
  CLI::App* test = rules->add_subcommand(
      "test", "Run every rule's examples and counter-examples: status 1 on a failure");
  add_rule_options(*test, config);
  test->add_option("FILE", config.paths, "Rule files or folders to add to the set");
  CLI::App* dump = rules->add_subcommand(
      "dump", "Print the built-in rule files, or write them into DIR (to edit and use with -r)");
  dump->add_option("DIR", config.dump_folder, "A folder to write the files into");
  for (CLI::App* sub : {list, check, test, dump}) sub->footer("");

  CLI::App* explain =
      app.add_subcommand("explain",
                         "Show how a text is read: clauses, rules tried, candidates, overlaps, "
                         "numbers, units, meaning; and why a number made no record");
  explain->footer("");
  add_rule_options(*explain, config);
  explain->add_option("TEXT", config.explained, "The text (one or more lines)")->required();
  CLI::App* view = app.add_subcommand(
      "view",
      "Write one self-contained HTML page: the document with its records highlighted "
      "and a table of them");
  view->footer("");
  add_rule_options(*view, config);
  view->add_option("FILE", config.paths, "The document (- for standard input)")->required();
  CLI::App* number =
      app.add_subcommand("number",
                         "Print how each numeral reads, one value a line; - and status 1 for "
                         "what is not a number");
  number->footer("");
  number->add_option("TEXT", config.numerals, "Numerals")->required();

  auto usage_error = [&](const std::string& what) {
    fmt::print(stderr, "quantex: {}\nRun 'quantex --help' for usage.\n", what);
    status = 2;
    return std::nullopt;
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    status = app.exit(e);
    return std::nullopt;
  } catch (const CLI::CallForAllHelp& e) {
    status = app.exit(e);
    return std::nullopt;
  } catch (const CLI::CallForVersion& e) {
    status = app.exit(e);
    return std::nullopt;
  } catch (const CLI::ParseError& e) {
    std::string hint = suggestion(app, e.what());
    fmt::print(stderr, "quantex: {}\n{}Run 'quantex --help' for usage.\n", e.what(), hint);
    status = 2;
    return std::nullopt;
  }
  // Options that would do nothing as given are mistakes, said as such.
  bool json_lines = config.input == "jsonl";
  if (!json_lines && (app.count("--text-field") > 0 || app.count("--id-field") > 0)) {
    return usage_error("--text-field and --id-field read JSON Lines: give --input jsonl too");
  }
  if (config.no_header && config.format == "jsonl") {
    return usage_error("--no-header is for TSV and CSV (-f tsv, -f csv)");
  }
  if (config.bom && config.format != "csv") return usage_error("--bom is for CSV (-f csv)");
  if (config.text_field.empty()) config.text_field = "text";
  if (config.id_field.empty()) config.id_field = "id";
  // Asking for the context field asks for the context.
  if (std::find(config.fields.begin(), config.fields.end(), "context") != config.fields.end()) {
    config.context = true;
  }
  if (list->parsed()) config.command = Command::kRulesList;
  if (check->parsed()) config.command = Command::kRulesCheck;
  if (test->parsed()) config.command = Command::kRulesTest;
  if (dump->parsed()) config.command = Command::kRulesDump;
  if (explain->parsed()) config.command = Command::kExplain;
  if (view->parsed()) config.command = Command::kView;
  if (number->parsed()) config.command = Command::kNumber;
  if (config.command == Command::kExtract && config.paths.empty()) config.paths = {"-"};
  return config;
}

}  // namespace quantex::cli
