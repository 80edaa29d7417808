#include "quantex/walker.hpp"

#include <dirent.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <set>
#include <system_error>

namespace quantex {
namespace {

std::string error_text(int error) { return std::generic_category().message(error); }

std::string join(const std::string& folder, const std::string& name) {
  if (!folder.empty() && folder.back() == '/') return folder + name;
  return folder + "/" + name;
}

class Walk {
 public:
  Walk(const WalkOptions& options, std::vector<Input>& out) : options_(options), out_(out) {}

  void folder(const std::string& path, const std::string& relative) {
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0) {
      // A folder reached twice through links would loop; the pair names it.
      if (!seen_.insert({info.st_dev, info.st_ino}).second) return;
    }
    DIR* dir = ::opendir(path.c_str());
    if (dir == nullptr) {
      out_.push_back({Input::Kind::kError, path, error_text(errno)});
      return;
    }
    std::vector<std::string> names;
    while (dirent* entry = ::readdir(dir)) {
      std::string name = entry->d_name;
      if (name == "." || name == ".." || (name[0] == '.' && !options_.hidden)) continue;
      names.push_back(name);
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      entry(join(path, name), relative.empty() ? name : relative + "/" + name);
    }
  }

 private:
  void entry(const std::string& path, const std::string& relative) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
      out_.push_back({Input::Kind::kError, path, error_text(errno)});
      return;
    }
    if (S_ISLNK(info.st_mode)) {
      if (!options_.follow_links) {
        // Not read, but said: a link left out without a word looks like a file with nothing.
        if (passes_globs(relative, options_.globs)) {
          out_.push_back(
              {Input::Kind::kSkipped, path, "symbolic link, skipped (--follow reads it)"});
        }
        return;
      }
      if (::stat(path.c_str(), &info) != 0) {
        out_.push_back({Input::Kind::kError, path, error_text(errno)});
        return;
      }
    }
    if (S_ISDIR(info.st_mode)) {
      folder(path, relative);
    } else if (!passes_globs(relative, options_.globs)) {
      return;
    } else if (S_ISREG(info.st_mode) && !options_.json_lines && is_json_lines(relative)) {
      // Read as text, documents in JSON would give records of their markup.
      out_.push_back({Input::Kind::kSkipped, path,
                      "JSON Lines documents, skipped (--input jsonl reads them)"});
    } else if (S_ISREG(info.st_mode)) {
      out_.push_back({Input::Kind::kFile, path, ""});
    } else {
      out_.push_back({Input::Kind::kSkipped, path, "not a regular file, skipped"});
    }
  }

  const WalkOptions& options_;
  std::vector<Input>& out_;
  std::set<std::pair<dev_t, ino_t>> seen_;
};

}  // namespace

bool is_json_lines(std::string_view name) {
  return name.ends_with(".jsonl") || name.ends_with(".ndjson");
}

bool passes_globs(const std::string& relative, const std::vector<std::string>& globs) {
  std::string name = relative.substr(relative.rfind('/') + 1);
  bool any_include = false;
  bool included = false;
  for (const std::string& glob : globs) {
    bool exclude = !glob.empty() && glob[0] == '!';
    std::string pattern = exclude ? glob.substr(1) : glob;
    const std::string& subject = pattern.find('/') == std::string::npos ? name : relative;
    bool match = ::fnmatch(pattern.c_str(), subject.c_str(), 0) == 0;
    if (exclude && match) return false;
    if (!exclude) {
      any_include = true;
      included = included || match;
    }
  }
  return !any_include || included;
}

std::optional<std::string> glob_problem(std::string_view glob) {
  if (!glob.empty() && glob[0] == '!') glob.remove_prefix(1);
  if (glob.empty()) return "an empty pattern matches no name";
  for (std::size_t i = 0; i < glob.size(); ++i) {
    if (glob[i] == '\\') {
      ++i;
    } else if (glob[i] == '[') {
      // A class holds at least one character: []] and [!]] hold a ].
      std::size_t close = i + 1;
      if (close < glob.size() && (glob[close] == '!' || glob[close] == '^')) ++close;
      if (close < glob.size() && glob[close] == ']') ++close;
      close = glob.find(']', close);
      if (close == std::string_view::npos) return "a [ that is never closed";
      i = close;
    }
  }
  return std::nullopt;
}

std::vector<Input> expand_paths(const std::vector<std::string>& paths, const WalkOptions& options) {
  std::vector<Input> inputs;
  Walk walk(options, inputs);
  std::size_t stdin_named = 0;
  for (const std::string& path : paths) {
    if (path == "-") {
      inputs.push_back({Input::Kind::kStdin, "-", "", stdin_named++});
      continue;
    }
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
      inputs.push_back({Input::Kind::kError, path, error_text(errno)});
    } else if (S_ISDIR(info.st_mode)) {
      walk.folder(path, "");
    } else {
      // Given by name, a FIFO or device is read like standard input: <(command) is one.
      inputs.push_back({Input::Kind::kFile, path, ""});
    }
  }
  return inputs;
}

}  // namespace quantex
