#include "quantex/view.hpp"

#include "quantex/collector.hpp"
#include "quantex/decoder.hpp"
#include "quantex/extractor.hpp"
#include "quantex/html_page.hpp"
#include "quantex/utf8.hpp"

namespace quantex {

std::string view_page(const Matcher& matcher, std::string_view path, std::string_view bytes,
                      const std::string& encoding, bool allow_binary) {
  std::string decoded;
  {
    MemorySource raw(bytes);
    DecodingSource source(raw, encoding, allow_binary);
    char block[1 << 16];
    while (std::size_t n = source.read(block, sizeof block)) decoded.append(block, n);
  }
  const ReaderOptions reading{.marks = &matcher.rules().language().marks};
  // The text as the extractor reads it, which the records' offsets count: lines joined by \n.
  std::string text;
  MemorySource for_text(decoded);
  LineReader lines(for_text, reading);
  Line line;
  while (lines.next(line)) {
    text += line.text;
    if (!line.continues) text += '\n';
  }
  MemorySource for_records(decoded);
  LineReader record_lines(for_records, reading);
  Extractor extractor(matcher, {});
  Collector collector;
  const std::string name = utf8::path_text(path);
  extractor.extract(name, record_lines, collector);
  std::string page;
  write_html_page(name, text, collector.records(), page);
  return page;
}

}  // namespace quantex
