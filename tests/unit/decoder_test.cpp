// Encodings: UTF-8 with and without a BOM, UTF-16 LE and BE with a BOM, GB18030 and GBK,
// forced encodings, undecodable bytes replaced and counted, NUL bytes as binary input.
#define BOOST_TEST_MODULE decoder
#include "quantex/decoder.hpp"

#include <iconv.h>

#include <boost/test/unit_test.hpp>
#include <string>

namespace {

const std::string kUtf8 = "审批时限压缩至5个工作日，贷款28.6亿元。\r\n第二行：满意度99.9％\n";

std::string convert(const std::string& text, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  BOOST_REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(text.size() * 4 + 8, '\0');
  char* in = const_cast<char*>(text.data());
  std::size_t in_left = text.size();
  char* o = out.data();
  std::size_t o_left = out.size();
  BOOST_REQUIRE(iconv(cd, &in, &in_left, &o, &o_left) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - o_left);
  return out;
}

struct Decoded {
  std::string text;
  std::string encoding;
  std::uint64_t invalid = 0;
  std::uint64_t first_invalid = 0;
};

Decoded decode(const std::string& bytes, std::string encoding = "", std::size_t chunk = 1 << 16,
               std::size_t out_size = 1 << 16) {
  quantex::MemorySource memory(bytes);
  quantex::ChunkedSource source(memory, chunk);
  quantex::DecodingSource decoder(source, encoding, false);
  Decoded d;
  std::string buffer(out_size, '\0');
  while (std::size_t n = decoder.read(buffer.data(), buffer.size())) d.text.append(buffer, 0, n);
  d.encoding = decoder.encoding();
  d.invalid = decoder.invalid_bytes();
  d.first_invalid = decoder.first_invalid_offset();
  return d;
}

}  // namespace

BOOST_AUTO_TEST_CASE(utf8_passes_and_its_bom_is_stripped) {
  BOOST_TEST(decode(kUtf8).text == kUtf8);
  Decoded d = decode("\xEF\xBB\xBF" + kUtf8);
  BOOST_TEST(d.text == kUtf8);
  BOOST_TEST(d.encoding == "UTF-8");
}

BOOST_AUTO_TEST_CASE(utf16_with_a_bom_is_detected) {
  Decoded le = decode(convert(kUtf8, "UTF-16"));  // glibc writes a BOM, little-endian here
  BOOST_TEST(le.text == kUtf8);
  Decoded be = decode("\xFE\xFF" + convert(kUtf8, "UTF-16BE"));
  BOOST_TEST(be.text == kUtf8);
  BOOST_TEST(be.encoding == "UTF-16BE");
}

BOOST_AUTO_TEST_CASE(gbk_and_gb18030_are_detected) {
  for (const char* encoding : {"GBK", "GB18030", "GB2312"}) {
    Decoded d = decode(convert(kUtf8, encoding));
    BOOST_TEST(d.text == kUtf8, encoding);
    BOOST_TEST(d.encoding == "GB18030");
    BOOST_TEST(d.invalid == 0u);
  }
}

BOOST_AUTO_TEST_CASE(any_chunk_size_decodes_the_same) {
  std::string gbk = convert(kUtf8, "GBK");
  std::string utf16 = convert(kUtf8, "UTF-16");
  for (std::size_t chunk : {1, 2, 3, 5, 7}) {
    BOOST_TEST(decode(gbk, "GB18030", chunk, 4).text == kUtf8);
    BOOST_TEST(decode(utf16, "", chunk, 5).text == kUtf8);
    BOOST_TEST(decode(kUtf8, "", chunk, 4).text == kUtf8);
  }
}

BOOST_AUTO_TEST_CASE(invalid_bytes_are_replaced_counted_and_passed) {
  std::string broken = "新增企业12家\n" + std::string("\xFF\xFE") + "贷款3亿元\n";
  Decoded d = decode(broken, "UTF-8");
  BOOST_TEST(d.text == "新增企业12家\n\xEF\xBF\xBD\xEF\xBF\xBD贷款3亿元\n");
  BOOST_TEST(d.invalid == 2u);
  BOOST_TEST(d.first_invalid == 18u);

  std::string gbk = convert("新增企业12家\n", "GBK") + "\x81" + convert("\n贷款3亿元\n", "GBK");
  Decoded g = decode(gbk, "GB18030", 3);
  BOOST_TEST(g.invalid == 1u);
  BOOST_TEST(g.text.find("贷款3亿元") != std::string::npos);
}

// Without a byte-order mark each line decides: a file that joins UTF-8 and GBK parts keeps
// both, and a stray byte in UTF-8 is one bad byte of UTF-8, not a file of GB18030.
BOOST_AUTO_TEST_CASE(lines_decide_between_utf8_and_gb18030) {
  std::string gbk = convert(kUtf8, "GBK");
  for (std::size_t chunk : {1, 3, 7, 1 << 16}) {
    Decoded mixed = decode(kUtf8 + gbk + kUtf8, "", chunk, 5);
    BOOST_TEST(mixed.text == kUtf8 + kUtf8 + kUtf8);
    BOOST_TEST(mixed.invalid == 0u);
    BOOST_TEST(mixed.encoding == "UTF-8");

    Decoded stray = decode("\xFF" + kUtf8, "", chunk, 5);
    BOOST_TEST(stray.text == "\xEF\xBF\xBD" + kUtf8);
    BOOST_TEST(stray.invalid == 1u);
    BOOST_TEST(stray.first_invalid == 0u);
  }
  const std::string truncated = gbk + "\x81";  // a character cut at the end of the input
  quantex::MemorySource memory(truncated);
  quantex::DecodingSource decoder(memory, "", false);
  std::string buffer(1 << 16, '\0');
  while (decoder.read(buffer.data(), buffer.size()) > 0) {
  }
  BOOST_TEST(decoder.encoding() == "GB18030");
  BOOST_TEST(decoder.first_invalid_encoding() == "GB18030");
}

// UTF-8 is checked a block at a time up to its last character, then character by character:
// wherever a read cuts the text, a character or an invalid byte comes out the same.
BOOST_AUTO_TEST_CASE(any_read_size_finds_the_same_invalid_bytes) {
  std::string text = kUtf8 + "\xE5\x8F" + "满意度" + "\xED\xA0\x80" + "𠀀5家\n" + kUtf8;
  std::string expected = kUtf8 + "\xEF\xBF\xBD\xEF\xBF\xBD" + "满意度" +
                         "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" + "𠀀5家\n" + kUtf8;
  for (std::size_t out_size = 4; out_size <= 48; ++out_size) {
    for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{1} << 16}) {
      Decoded d = decode(text, "UTF-8", chunk, out_size);
      BOOST_TEST(d.text == expected, "chunk " << chunk << ", read " << out_size);
      BOOST_TEST(d.invalid == 5u);
      BOOST_TEST(d.first_invalid == kUtf8.size());
    }
  }
}

// The offset of the NUL byte decoding text throws at, and whether text came before it: text
// is delivered when read() returns it, and the reads here ask for 4 KB at a time.
std::pair<std::uint64_t, bool> binary_at(const std::string& text) {
  try {
    decode(text, "", 1 << 16, 4096);
  } catch (const quantex::BinaryInput& e) {
    return {e.offset(), e.after_text()};
  }
  BOOST_FAIL("no BinaryInput");
  return {};
}

BOOST_AUTO_TEST_CASE(nul_bytes_mean_binary) {
  // In the first block read, before any text is delivered: a binary file.
  BOOST_TEST((binary_at("abc" + std::string(1, '\0') + "def") ==
              std::pair<std::uint64_t, bool>{3, false}));
  // Past the first block, after whole lines were delivered: binary data after text.
  std::string lines;
  while (lines.size() < 100000) lines += "审批时限压缩至5个工作日。\n";
  BOOST_TEST((binary_at(lines + '\0') == std::pair<std::uint64_t, bool>{lines.size(), true}));
  // In a wide encoding a NUL byte is text.
  BOOST_TEST(decode(std::string("a\0b\0", 4), "UTF-16LE").text == "ab");
}

BOOST_AUTO_TEST_CASE(wide_encodings_are_named_exactly) {
  for (const char* wide : {"UTF-16", "utf16le", "UTF-16BE", "UTF_32", "UCS-2", "ucs4"}) {
    BOOST_TEST(quantex::is_wide_encoding(wide), wide);
  }
  for (const char* narrow : {"ISO-8859-16", "CP1632", "GB18030", "UTF-8", "KOI8-R", ""}) {
    BOOST_TEST(!quantex::is_wide_encoding(narrow), narrow);
  }
}

BOOST_AUTO_TEST_CASE(unknown_forced_encoding_is_an_input_error) {
  BOOST_CHECK_THROW(decode(kUtf8, "NO-SUCH-ENCODING"), quantex::InputError);
}
