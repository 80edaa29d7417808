// Documents: what one input holds, read from its bytes.
//
// A text input (a file, standard input) is one document: its bytes decoded (DecodingSource,
// which also keeps the binary policy) and cut into lines. A JSON Lines input holds one
// document per line: the text field of each object, named by its id field. What goes wrong
// with one document (not JSON, no text field, too long) is noted in the input's report and
// the source moves on to the next; what ends the input (a read error, binary data) is thrown.
//
//   quantex::InputReport report;
//   auto documents = quantex::read_documents(bytes, "report.txt", options, report);
//   std::string_view id;
//   quantex::LineReader* lines;
//   while (documents->next(id, lines)) extractor.extract(id, *lines, sink);
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quantex/line_reader.hpp"
#include "quantex/source.hpp"

namespace quantex {

enum class InputFormat { kText, kJsonLines };

struct DocumentOptions {
  InputFormat input = InputFormat::kText;
  std::string encoding;             // iconv name; empty: detect per file
  bool allow_binary = false;        // read text with NUL bytes anyway
  std::string text_field = "text";  // JSON Lines documents: where the text is
  std::string id_field = "id";      // and the document's id (else its line number)
  // The number of the input's first line: a block cut from a bigger file (a Dask partition,
  // parallel --pipe) numbers its lines, and so its documents' ids, as the whole file does.
  std::uint64_t first_line = 1;
  ReaderOptions reader;
};

// What reading one input found, besides its records.
struct InputReport {
  std::vector<std::string> messages;  // each "PATH: what" or "PATH:LINE: what"
  bool read = false;                  // read to its end
  bool skipped = false;               // left alone on purpose (binary, not a file)
  bool failed = false;                // could not be read or decoded, wholly or in part
  bool stopped = false;               // the sink asked to stop
  std::uint64_t bytes = 0;
  std::uint64_t documents = 0;
  std::uint64_t too_large = 0;  // lines holding a number too large for a record
  std::map<std::string, std::uint64_t, std::less<>> records_by_kind;
};

class DocumentSource {
 public:
  virtual ~DocumentSource() = default;
  // The next document's id and lines, valid until the next call; false at the end of the
  // input, once what its end tells (bytes that did not decode) is in the report.
  virtual bool next(std::string_view& id, LineReader*& lines) = 0;
};

// The documents of the input `path` whose bytes come from `bytes`; both must outlive the
// source, and so must the report, which it adds to (report.bytes as they are read). With
// passed, each further kProgressBytes read are told to it: the progress of one large input.
inline constexpr std::uint64_t kProgressBytes = 4 << 20;
std::unique_ptr<DocumentSource> read_documents(
    ByteSource& bytes, std::string path, const DocumentOptions& options, InputReport& report,
    std::function<void(std::uint64_t bytes_read)> passed = {});

}  // namespace quantex
