// The decoder and the line reader on any bytes, cut into pieces of any size, in a detected
// or a forced encoding: no crash, and every line valid UTF-8 whose offsets add up.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "quantex/decoder.hpp"
#include "quantex/line_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  // The first byte picks the piece size, the second the encoding; the rest is the input.
  std::size_t chunk = 1 + data[0] % 64;
  static const char* const kEncodings[] = {"", "", "", "UTF-8", "GB18030", "UTF-16LE", "UTF-16BE"};
  const char* encoding = kEncodings[data[1] % 7];
  std::string_view bytes(reinterpret_cast<const char*>(data + 2), size - 2);
  quantex::MemorySource memory(bytes);
  quantex::ChunkedSource pieces(memory, chunk);
  try {
    quantex::DecodingSource decoded(pieces, encoding, data[1] & 0x80);
    quantex::ReaderOptions options;
    options.marks = &fuzz::default_matcher().rules().language().marks;
    options.max_line_bytes = 64 + data[0];  // long lines are cut
    quantex::LineReader lines(decoded, options);
    quantex::Line line;
    std::uint64_t previous = 0;
    while (lines.next(line)) {
      fuzz::check(fuzz::valid_utf8(line.text), "a line is valid UTF-8");
      fuzz::check(line.number >= previous, "line numbers never go back");
      previous = line.number;
    }
  } catch (const quantex::InputError&) {
  } catch (const quantex::BinaryInput&) {
  }
  return 0;
}
