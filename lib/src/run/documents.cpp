#include "quantex/documents.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <optional>

#include "quantex/decoder.hpp"

namespace quantex {
namespace {

// Passes an input's bytes on, counting them (for --stats); with passed, tells it the count
// each time another `every` bytes have come through.
class CountingSource : public ByteSource {
 public:
  CountingSource(ByteSource& inner, std::uint64_t& count, std::function<void(std::uint64_t)> passed,
                 std::uint64_t every)
      : inner_(inner), count_(count), passed_(std::move(passed)), every_(every), next_(every) {}
  std::size_t read(char* data, std::size_t size) override {
    std::size_t n = inner_.read(data, size);
    count_ += n;
    if (passed_ && count_ >= next_) {
      next_ = count_ + every_;
      passed_(count_);
    }
    return n;
  }

 private:
  ByteSource& inner_;
  std::uint64_t& count_;
  std::function<void(std::uint64_t)> passed_;
  std::uint64_t every_;
  std::uint64_t next_;
};

ReaderOptions numbered(ReaderOptions reader, std::uint64_t first_line) {
  reader.first_line = first_line;
  return reader;
}

// A text input: one document, named by its path.
class TextDocument : public DocumentSource {
 public:
  TextDocument(ByteSource& bytes, std::string path, const DocumentOptions& options,
               InputReport& report, std::function<void(std::uint64_t)> passed)
      : path_(std::move(path)),
        report_(report),
        counted_(bytes, report.bytes, std::move(passed), kProgressBytes),
        decoded_(counted_, options.encoding, options.allow_binary),
        lines_(decoded_, numbered(options.reader, options.first_line)) {}

  bool next(std::string_view& id, LineReader*& lines) override {
    if (given_) {
      if (decoded_.invalid_bytes() > 0) {
        report_.messages.push_back(
            fmt::format("{}: {} byte(s) are not valid {}, the first at byte {}; read as U+FFFD",
                        path_, decoded_.invalid_bytes(), decoded_.first_invalid_encoding(),
                        decoded_.first_invalid_offset()));
        report_.failed = true;
      }
      return false;
    }
    given_ = true;
    decoded_.start();  // a binary file throws here, before its document begins
    id = path_;
    lines = &lines_;
    return true;
  }

 private:
  std::string path_;
  InputReport& report_;
  CountingSource counted_;
  DecodingSource decoded_;
  LineReader lines_;
  bool given_ = false;
};

// A JSON Lines input: a document per line that holds a JSON object with a string text
// field.
class JsonLinesDocuments : public DocumentSource {
 public:
  // A longer line is not read as a document: it is noted and skipped.
  static constexpr std::size_t kLongestDocument = 256 << 20;

  JsonLinesDocuments(ByteSource& bytes, std::string path, const DocumentOptions& options,
                     InputReport& report, std::function<void(std::uint64_t)> passed)
      : path_(std::move(path)),
        options_(options),
        report_(report),
        counted_(bytes, report.bytes, std::move(passed), kProgressBytes),
        lines_(counted_, whole_lines(numbered(options.reader, options.first_line))) {}

  bool next(std::string_view& id, LineReader*& lines) override {
    Line line;
    while (lines_.next(line)) {
      if (line.number == cut_line_) continue;
      if (line.continues) {
        cut_line_ = line.number;
        bad(line.number, "document longer than 256 MiB, skipped");
        continue;
      }
      if (line.number == options_.first_line && line.text.starts_with("\xEF\xBB\xBF")) {
        line.text.remove_prefix(3);  // a byte-order mark, as editors on Windows write
      }
      if (line.text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      std::string_view text;
      if (!parse(line, text)) continue;
      document_lines_.reset();
      document_source_.emplace(text);
      document_lines_.emplace(*document_source_, options_.reader);
      id = id_;
      lines = &*document_lines_;
      return true;
    }
    if (missing_text_ > 1) {
      // One message for them all: a wrong --text-field misses it on every line.
      report_.messages.push_back(fmt::format(
          "{}: {} line(s) in all have no field \"{}\" (the first is named above); --text-field "
          "names the field that holds the text",
          path_, missing_text_, options_.text_field));
      missing_text_ = 0;
    }
    return false;
  }

 private:
  static ReaderOptions whole_lines(ReaderOptions reader) {
    reader.max_line_bytes = std::max(reader.max_line_bytes, kLongestDocument);
    return reader;
  }

  void bad(std::uint64_t number, std::string_view what) {
    note(number, what);
    report_.failed = true;
  }

  void note(std::uint64_t number, std::string_view what) {
    report_.messages.push_back(fmt::format("{}:{}: {}", path_, number, what));
  }

  static std::string_view type_name(simdjson::ondemand::json_type type) {
    switch (type) {
      case simdjson::ondemand::json_type::array: return "an array";
      case simdjson::ondemand::json_type::object: return "an object";
      case simdjson::ondemand::json_type::number: return "a number";
      case simdjson::ondemand::json_type::string: return "a string";
      case simdjson::ondemand::json_type::boolean: return "a boolean";
      case simdjson::ondemand::json_type::null: return "null";
    }
    return "a value";
  }

  // Reads a document's id into id_: a string, or a number or boolean as written. What makes
  // no id (an object, an array, a string that is not valid) is said, and the line number
  // stays the id; null is no id, silently.
  std::optional<std::string> read_id(simdjson::ondemand::value value,
                                     simdjson::ondemand::json_type type) {
    using Type = simdjson::ondemand::json_type;
    std::string_view written;
    if (type == Type::null) return std::nullopt;
    if (type == Type::string) {
      if (value.get_string().get(written) != simdjson::SUCCESS) {
        return fmt::format("id \"{}\" is not a valid string; the line number is the id",
                           options_.id_field);
      }
      id_ = written;
      return std::nullopt;
    }
    if (type == Type::number || type == Type::boolean) {
      written = value.raw_json_token();
      id_ = std::string(written.substr(0, written.find_last_not_of(" \t\r\n") + 1));
      return std::nullopt;
    }
    return fmt::format("id \"{}\" is {}; the line number is the id", options_.id_field,
                       type_name(type));
  }

  // Reads the line's object into id_ and text (a view into the parser's buffer, valid until
  // the next document); false, with a note, when the line is no such object.
  bool parse(const Line& line, std::string_view& text) {
    // A document may be tens of megabytes: parsed in the reader's buffer when enough of it
    // follows the line for simdjson's padding, not copied.
    simdjson::padded_string_view json;
    if (line.readable >= line.text.size() + simdjson::SIMDJSON_PADDING) {
      json = simdjson::padded_string_view(line.text.data(), line.text.size(), line.readable);
    } else {
      json_ = simdjson::padded_string(line.text);
      json = json_;
    }
    simdjson::ondemand::document document;
    simdjson::ondemand::object object;
    if (auto error = parser_.iterate(json).get(document); error) {
      bad(line.number, fmt::format("not JSON: {}", simdjson::error_message(error)));
      return false;
    }
    if (auto error = document.get_object().get(object); error) {
      bad(line.number, error == simdjson::INCORRECT_TYPE
                           ? std::string("not a JSON object")
                           : fmt::format("not JSON: {}", simdjson::error_message(error)));
      return false;
    }
    // Fields are read in whatever order they come: the id is copied before the text.
    id_ = std::to_string(line.number);
    bool text_missing = true;
    std::optional<std::string> text_problem;  // the field is there but holds no text
    simdjson::error_code error = simdjson::SUCCESS;
    for (auto field : object) {
      std::string_view key;
      if ((error = field.unescaped_key().get(key))) break;
      simdjson::ondemand::json_type type;
      if ((error = field.value().type().get(type))) break;
      if (key == options_.id_field) {
        if (auto problem = read_id(field.value(), type)) {
          note(line.number, *problem);
          id_ = std::to_string(line.number);
        }
      } else if (key == options_.text_field) {
        text_missing = false;
        if (type != simdjson::ondemand::json_type::string) {
          text_problem = fmt::format("field \"{}\" is {}, not a string", key, type_name(type));
        } else if (field.value().get_string().get(text) != simdjson::SUCCESS) {
          text_problem = fmt::format("field \"{}\" is not a valid string", key);
        }
      }
    }
    if (error) {
      bad(line.number, fmt::format("not JSON: {}", simdjson::error_message(error)));
      return false;
    }
    if (text_missing) {
      if (missing_text_++ > 0) {
        report_.failed = true;  // counted, and said once at the end
        return false;
      }
      text_problem = fmt::format("no field \"{}\"", options_.text_field);
    }
    if (text_problem) {
      bad(line.number, *text_problem + ", skipped");
      return false;
    }
    return true;
  }

  std::string path_;
  const DocumentOptions& options_;
  InputReport& report_;
  CountingSource counted_;
  LineReader lines_;
  std::uint64_t cut_line_ = 0;      // a line too long to be a document, skipped to its end
  std::uint64_t missing_text_ = 0;  // lines without the text field
  simdjson::ondemand::parser parser_;
  simdjson::padded_string json_;
  std::string id_;
  std::optional<MemorySource> document_source_;
  std::optional<LineReader> document_lines_;
};

}  // namespace

std::unique_ptr<DocumentSource> read_documents(ByteSource& bytes, std::string path,
                                               const DocumentOptions& options, InputReport& report,
                                               std::function<void(std::uint64_t)> passed) {
  if (options.input == InputFormat::kJsonLines) {
    return std::make_unique<JsonLinesDocuments>(bytes, std::move(path), options, report,
                                                std::move(passed));
  }
  return std::make_unique<TextDocument>(bytes, std::move(path), options, report, std::move(passed));
}

}  // namespace quantex
