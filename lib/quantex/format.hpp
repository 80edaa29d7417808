// Format: records as JSON Lines, TSV or CSV text. The field names and their order are the
// output's API (INDICATORS.md and the README).
//
// JSON Lines writes one object a line with the fields that have a value (from, min, max,
// subject, change, target, tags and context only when present; target only when true); strings are
// escaped per RFC 8259 and numbers are plain (2860000000, 0.5). TSV writes a header row, then every
// field, empty when absent, with tab, newline, carriage return and backslash escaped as \t \n \r
// \\. CSV quotes per RFC 4180 and ends rows with CRLF. --fields picks and orders the fields of any
// format.
//
//   quantex::Format format(quantex::FormatKind::kTsv, quantex::default_fields(), true);
//   std::string out;
//   format.header(out);
//   format.record(record, out);
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quantex/record.hpp"

namespace quantex {

enum class Field {
  kDoc,
  kLine,
  kCol,
  kStart,
  kEnd,
  kRule,
  kKind,
  kText,
  kValue,
  kUnit,
  kOp,
  kFrom,
  kMin,
  kMax,
  kSubject,
  kChange,
  kTarget,
  kTags,
  kContext,
};

std::string_view field_name(Field field);
std::optional<Field> parse_field(std::string_view name);
// Every field but context, in the contract's order.
std::vector<Field> default_fields();

enum class FormatKind { kJsonLines, kTsv, kCsv };

class Format {
 public:
  // bom: begin the output with a UTF-8 byte-order mark (spreadsheet programs want one).
  Format(FormatKind kind, std::vector<Field> fields, bool header, bool bom = false);

  // What starts the output: the byte-order mark if asked for, then the header row for TSV
  // and CSV (none for JSON Lines, or when headers are off).
  void header(std::string& out) const;
  // Appends one record, line end included.
  void record(const Record& record, std::string& out) const;

 private:
  void json(const Record& record, std::string& out) const;
  void delimited(const Record& record, std::string& out) const;
  void cell(std::string_view text, std::string& out) const;

  FormatKind kind_;
  std::vector<Field> fields_;
  // ,"name": for each field, made once. The printer copies a whole slot, a size the
  // compiler knows, and keeps key.size bytes of it.
  struct JsonKey {
    static constexpr std::size_t kSlot = 16;
    std::array<char, kSlot> bytes{};
    std::size_t size = 0;
  };
  std::vector<JsonKey> json_keys_;
  bool header_;
  bool bom_;
};

}  // namespace quantex
