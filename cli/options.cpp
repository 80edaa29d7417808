#include "options.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstring>
#include <thread>
#include <vector>

namespace quantex::cli {
namespace {

constexpr const char* kExamples = R"(
Examples:
  quantex report.txt                      records of one report, as JSON Lines
  quantex -f tsv -k money,count reports/  money and counts of every file below reports/
  cat report.txt | quantex --context      standard input, with each record's sentence
  quantex -a my-rules.toml report.txt     the default rules plus your own
  quantex --input jsonl --text-field content --id-field title docs.jsonl
  quantex rules test my-rules.toml        run the examples of every rule
  quantex number 3300多亿 百分之十七点八     how a numeral reads

Exit status: 0 every input was read; 1 some input could not be read or decoded, or the
output could not be written (each named on standard error, the others were processed);
2 usage or rule error (nothing was processed).
)";

void add_rule_options(CLI::App& app, Config& config) {
  app.add_option("-r,--rules", config.rules,
                 "Rule file or folder of *.toml files to use instead of the defaults "
                 "(repeatable)")
      ->allow_extra_args(false);
  app.add_option("-a,--add-rules", config.added_rules,
                 "Rule file or folder to add to the defaults, whose fragments, units and "
                 "qualifiers it may use (repeatable)")
      ->allow_extra_args(false);
}

}  // namespace

std::optional<Config> parse_arguments(int argc, char** argv, int& status) {
  Config config;
  config.threads = std::max(1u, std::thread::hardware_concurrency());

  CLI::App app(
      "quantex: quantitative indicators (time limits, percentages, money, counts) "
      "from Chinese report text, as JSON Lines, TSV or CSV.\n\n"
      "Usage: quantex [extract] [OPTIONS] [PATH...]\n"
      "       quantex rules list|check|test [OPTIONS] [FILE...]\n"
      "       quantex number TEXT...\n",
      "quantex");
  app.footer(kExamples);
  app.set_version_flag("-V,--version", fmt::format("quantex {}", QUANTEX_VERSION));

  app.add_option("PATH", config.paths,
                 "Files, folders (walked recursively, in name order) or - for standard "
                 "input; none reads standard input");
  app.add_option("-f,--format", config.format, "Output format")
      ->check(CLI::IsMember({"jsonl", "tsv", "csv"}))
      ->default_str("jsonl");
  add_rule_options(app, config);
  app.add_option("-k,--kind", config.kinds,
                 "Keep only these kinds (comma-separated: time_limit,percentage,money,count)")
      ->delimiter(',')
      ->allow_extra_args(false);
  app.add_flag("--context", config.context, "Add the sentence around each record as context");
  app.add_option("--fields", config.fields,
                 "Fields to write, in this order (comma-separated; default: all but context)")
      ->delimiter(',')
      ->allow_extra_args(false);
  app.add_flag("!--no-header", config.header, "TSV and CSV: leave out the header row");
  app.add_flag("--bom", config.bom, "CSV: begin with a UTF-8 byte-order mark, for spreadsheets");
  app.add_option("-j,--threads", config.threads,
                 "Threads: files read in parallel, or one input cut into parts (default: cores)")
      ->check(CLI::Range(1, 1024));
  app.add_flag("--follow", config.follow, "Follow symbolic links while walking folders");
  app.add_option("--glob", config.globs,
                 "Walk only files whose name matches (repeatable; !PATTERN excludes)")
      ->allow_extra_args(false);
  app.add_option("--encoding", config.encoding,
                 "Read every input in this encoding (an iconv name: UTF-8, GB18030, UTF-16LE...) "
                 "instead of detecting it");
  app.add_flag("--binary", config.binary, "Read files with NUL bytes instead of skipping them");
  app.add_option("--input", config.input,
                 "Input kind: text, or jsonl for one JSON document per line")
      ->check(CLI::IsMember({"text", "jsonl"}))
      ->default_str("text");
  app.add_option("--text-field", config.text_field, "JSON Lines input: field with the text")
      ->default_str("text");
  app.add_option("--id-field", config.id_field,
                 "JSON Lines input: field with the document id (else its line number)")
      ->default_str("id");
  app.add_flag("-q,--quiet", config.quiet, "No progress line on a terminal");
  app.add_flag("--stats", config.stats, "Print a summary on standard error at the end");

  // "extract" is the default command; naming it changes nothing. Options may stand before
  // or after it: the subcommand passes them on to the app (fallthrough).
  CLI::App* extract = app.add_subcommand("extract", "Extract records (the default command)");
  extract->fallthrough();
  extract->add_option("PATH", config.paths, "Files, folders or - for standard input");

  CLI::App* rules = app.add_subcommand("rules", "List, check or test rule files");
  rules->require_subcommand(1);
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
  CLI::App* number =
      app.add_subcommand("number",
                         "Print how each numeral reads, one value a line; - and status 1 for "
                         "what is not a number");
  number->add_option("TEXT", config.numerals, "Numerals")->required();

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
    fmt::print(stderr, "quantex: {}\nRun 'quantex --help' for usage.\n", e.what());
    status = 2;
    return std::nullopt;
  }
  if (list->parsed()) config.command = Command::kRulesList;
  if (check->parsed()) config.command = Command::kRulesCheck;
  if (test->parsed()) config.command = Command::kRulesTest;
  if (number->parsed()) config.command = Command::kNumber;
  if (config.command == Command::kExtract && config.paths.empty()) config.paths = {"-"};
  return config;
}

}  // namespace quantex::cli
