// HtmlPage: one self-contained web page of a document and its records (quantex view): the
// text with each record highlighted by kind and its fields shown on hover, a legend with the
// count of each kind, and a table of the records that filters by kind, tag, goal and subject.
// No network: the style and the script are in the page.
//
//   std::string page;
//   quantex::write_html_page("report.txt", text, records, page);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "quantex/record.hpp"

namespace quantex {

// text: the document as quantex reads it (lines joined by \n), against which the records'
// start and end (code points) are counted.
void write_html_page(std::string_view title, std::string_view text,
                     const std::vector<OwnedRecord>& records, std::string& out);

}  // namespace quantex
