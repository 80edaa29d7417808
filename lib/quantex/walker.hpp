// Walker: the PATH arguments of a run, expanded into the inputs to read, in order.
//
// A file is read as given, "-" is standard input, and a folder is walked recursively with
// its entries in byte order of their names, so runs are repeatable. The walk skips hidden
// entries (names starting with ".") unless asked, follows symbolic links only when asked
// (and names the links it leaves), names and skips .jsonl files unless the inputs are JSON
// Lines, skips what is
// neither a file nor a folder (FIFOs, sockets, devices) with a note, and keeps only files
// whose names pass the globs. A path that cannot be looked at becomes an input that carries
// its error, so the problem is reported in its place in the order.
//
//   quantex::WalkOptions options;
//   options.globs = {"*.txt", "!draft*"};
//   for (const quantex::Input& input : quantex::expand_paths({"reports/", "-"}, options)) ...
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quantex {

struct WalkOptions {
  bool follow_links = false;
  bool hidden = false;      // walk names starting with "." too
  bool json_lines = false;  // inputs are JSON Lines documents (else .jsonl files are noted)
  // fnmatch patterns on a file's name, or on its path below the folder when the pattern
  // holds a "/"; a leading "!" excludes. With any non-excluding glob, a file must match one.
  std::vector<std::string> globs;
};

struct Input {
  enum class Kind { kFile, kStdin, kSkipped, kError } kind = Kind::kFile;
  std::string path;               // as given or as found below a given folder
  std::string message;            // why it is skipped, or its error
  std::size_t stdin_ordinal = 0;  // standard input: how many times it was named before
};

std::vector<Input> expand_paths(const std::vector<std::string>& paths, const WalkOptions& options);

// Whether a file name says it holds JSON Lines documents (.jsonl, .ndjson).
bool is_json_lines(std::string_view name);

// Whether a name (relative path below a walked folder) passes the globs.
bool passes_globs(const std::string& relative, const std::vector<std::string>& globs);

// What is wrong with a glob that would match nothing as the user meant it (an empty one, a
// [ never closed), or nullopt.
std::optional<std::string> glob_problem(std::string_view glob);

}  // namespace quantex
