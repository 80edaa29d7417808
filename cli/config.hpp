// What the command line asked for, checked; built by options.cpp, used by commands.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace quantex::cli {

enum class Command {
  kExtract,
  kRulesList,
  kRulesCheck,
  kRulesTest,
  kRulesDump,
  kExplain,
  kView,
  kNumber
};

struct Config {
  Command command = Command::kExtract;
  std::vector<std::string> paths;        // extract: inputs; rules check/test: rule files
  std::vector<std::string> numerals;     // number: the texts to read
  std::vector<std::string> explained;    // explain: the text, in words
  std::string dump_folder;               // rules dump: where to write the files
  std::vector<std::string> rules;        // -r: replace the default rules
  std::vector<std::string> added_rules;  // -a: add to them
  std::string format = "jsonl";
  std::vector<std::string> kinds;
  std::vector<std::string> tags;
  std::vector<std::string> fields;
  bool context = false;
  bool no_header = false;
  bool bom = false;
  std::size_t threads = 1;
  bool follow = false;
  bool hidden = false;
  std::vector<std::string> globs;
  std::string encoding;
  bool binary = false;
  std::string input = "text";
  std::string text_field;  // empty until parsed: then "text" unless given
  std::string id_field;
  bool quiet = false;
  bool stats = false;
  std::uint64_t first_line = 1;
  bool patterns = false;  // rules list: ids and expanded patterns
};

}  // namespace quantex::cli
