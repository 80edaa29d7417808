// The whole extraction on any bytes, as a file is read: no crash, every output line valid
// UTF-8 and valid JSON, and each record's offsets consistent.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "quantex/decoder.hpp"
#include "quantex/extractor.hpp"
#include "quantex/printer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const quantex::Matcher& matcher = fuzz::default_matcher();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  quantex::MemorySource memory(bytes);
  quantex::Format format(quantex::FormatKind::kJsonLines, quantex::default_fields(), false);
  std::string output;
  quantex::StringOutput target(output);
  quantex::Printer printer(format, target, false);
  quantex::ExtractOptions options;
  options.context = size % 2 == 1;
  quantex::Extractor extractor(matcher, options);
  try {
    quantex::DecodingSource decoded(memory, "", false);
    quantex::LineReader lines(decoded, {.marks = &matcher.rules().language().marks});
    extractor.extract("fuzz", lines, printer);
  } catch (const quantex::InputError&) {
  } catch (const quantex::BinaryInput&) {
  }
  printer.flush();
  fuzz::check(fuzz::valid_utf8(output), "the output is valid UTF-8");
  simdjson::ondemand::parser parser;
  for (std::size_t start = 0; start < output.size();) {
    std::size_t end = output.find('\n', start);
    fuzz::check(end != std::string::npos, "every record ends its line");
    simdjson::padded_string json(std::string_view(output).substr(start, end - start));
    simdjson::ondemand::document record;
    fuzz::check(parser.iterate(json).get(record) == simdjson::SUCCESS, "a record is JSON");
    std::uint64_t line = 0, col = 0, first = 0, last = 0;
    fuzz::check(record["line"].get(line) == simdjson::SUCCESS && line >= 1, "line >= 1");
    fuzz::check(record["col"].get(col) == simdjson::SUCCESS && col >= 1, "col >= 1");
    fuzz::check(record["start"].get(first) == simdjson::SUCCESS, "a start");
    fuzz::check(record["end"].get(last) == simdjson::SUCCESS && first < last, "start < end");
    start = end + 1;
  }
  return 0;
}
