// View: a document and its records as one web page (quantex view). The bytes are decoded
// once, as quantex decodes an input, read into lines, extracted, and written by
// write_html_page beside the text the records' offsets count.
//
//   std::string page = quantex::view_page(matcher, "report.txt", bytes, "", false);
#pragma once

#include <string>
#include <string_view>

#include "quantex/matcher.hpp"

namespace quantex {

// encoding and allow_binary as for any input (an empty encoding: detected). Throws what
// decoding throws (InputError, BinaryInput).
std::string view_page(const Matcher& matcher, std::string_view path, std::string_view bytes,
                      const std::string& encoding, bool allow_binary);

}  // namespace quantex
