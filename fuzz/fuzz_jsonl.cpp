// JSON Lines documents on any bytes: no crash, every id and record valid UTF-8.
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "quantex/collector.hpp"
#include "quantex/documents.hpp"
#include "quantex/extractor.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const quantex::Matcher& matcher = fuzz::default_matcher();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  quantex::MemorySource memory(bytes);
  quantex::DocumentOptions options;
  options.input = quantex::InputFormat::kJsonLines;
  options.reader.marks = &matcher.rules().language().marks;
  quantex::InputReport report;
  quantex::Extractor extractor(matcher, {});
  quantex::Collector collector;
  try {
    auto documents = quantex::read_documents(memory, "fuzz.jsonl", options, report);
    std::string_view id;
    quantex::LineReader* lines = nullptr;
    while (documents->next(id, lines)) {
      fuzz::check(fuzz::valid_utf8(id), "an id is valid UTF-8");
      extractor.extract(id, *lines, collector);
    }
  } catch (const quantex::InputError&) {
  }
  for (const quantex::OwnedRecord& record : collector.records()) {
    fuzz::check(fuzz::valid_utf8(record.text) && fuzz::valid_utf8(record.subject),
                "a record's text is valid UTF-8");
  }
  return 0;
}
