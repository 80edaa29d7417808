#include "quantex/format.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <iterator>
#include <utility>

namespace quantex {
namespace {

constexpr std::array<std::pair<Field, std::string_view>, 19> kFieldNames = {{
    {Field::kDoc, "doc"},         {Field::kLine, "line"},     {Field::kCol, "col"},
    {Field::kStart, "start"},     {Field::kEnd, "end"},       {Field::kRule, "rule"},
    {Field::kKind, "kind"},       {Field::kText, "text"},     {Field::kValue, "value"},
    {Field::kUnit, "unit"},       {Field::kOp, "op"},         {Field::kFrom, "from"},
    {Field::kMin, "min"},         {Field::kMax, "max"},       {Field::kSubject, "subject"},
    {Field::kChange, "change"},   {Field::kTarget, "target"}, {Field::kTags, "tags"},
    {Field::kContext, "context"},
}};

// The bytes a JSON string cannot hold as they are: controls, DEL, the quote and backslash.
constexpr std::array<bool, 256> kEscaped = [] {
  std::array<bool, 256> escaped{};
  for (std::size_t byte = 0; byte < 0x20; ++byte) escaped[byte] = true;
  escaped['"'] = escaped['\\'] = escaped[0x7F] = true;
  return escaped;
}();

void json_string(std::string_view text, std::string& out) {
  out += '"';
  // Copy runs that need no escape at once; most text is one such run.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (!kEscaped[byte]) continue;
    out.append(text.substr(run, i - run));
    run = i + 1;
    char c = text[i];
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", byte);
    }
  }
  out.append(text.substr(run));
  out += '"';
}

// One field of a record, viewed without copying.
struct FieldValue {
  enum class Type { kAbsent, kText, kCount, kNumber, kTrue, kTags } type = Type::kAbsent;
  std::string_view text;
  std::uint64_t count = 0;
  Decimal number;
};

FieldValue field_value(const Record& r, Field field) {
  using Type = FieldValue::Type;
  FieldValue v;
  auto text = [&v](std::string_view s, bool always) {
    v.type = always || !s.empty() ? Type::kText : Type::kAbsent;
    v.text = s;
    return v;
  };
  auto count = [&v](std::uint64_t n) {
    v.type = Type::kCount;
    v.count = n;
    return v;
  };
  auto number = [&v](const std::optional<Decimal>& d) {
    if (d) {
      v.type = Type::kNumber;
      v.number = *d;
    }
    return v;
  };
  switch (field) {
    case Field::kDoc: return text(r.doc, true);
    case Field::kLine: return count(r.line);
    case Field::kCol: return count(r.col);
    case Field::kStart: return count(r.start);
    case Field::kEnd: return count(r.end);
    case Field::kRule: return text(r.rule, true);
    case Field::kKind: return text(r.kind, true);
    case Field::kText: return text(r.text, true);
    case Field::kValue: return number(r.value);
    case Field::kUnit: return text(r.unit, true);
    case Field::kOp: return text(op_symbol(r.op), true);
    case Field::kFrom: return number(r.from);
    case Field::kMin: return number(r.min);
    case Field::kMax: return number(r.max);
    case Field::kSubject: return text(r.subject, false);
    case Field::kChange: return text(change_name(r.change), false);
    case Field::kTarget: v.type = r.target ? Type::kTrue : Type::kAbsent; return v;
    case Field::kTags: v.type = r.tags.empty() ? Type::kAbsent : Type::kTags; return v;
    case Field::kContext: return text(r.context, false);
  }
  return {};
}

// Appends a number field. fmt::format_int writes the digits into a buffer of its own, which
// is appended at once; format_to a string's back_inserter would push them one by one.
void append_number(const FieldValue& v, std::string& out) {
  if (v.type == FieldValue::Type::kCount) {
    fmt::format_int digits(v.count);
    out.append(digits.data(), digits.size());
  } else {
    v.number.append_to(out);
  }
}

// Every record names its fields: the table is in the order of the enum, so that a field's
// name is one index away.
constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < kFieldNames.size(); ++i) {
    if (static_cast<std::size_t>(kFieldNames[i].first) != i) return false;
  }
  return true;
}
static_assert(in_enum_order());

}  // namespace

std::string_view field_name(Field field) {
  auto index = static_cast<std::size_t>(field);
  return index < kFieldNames.size() ? kFieldNames[index].second : "";
}

std::optional<Field> parse_field(std::string_view name) {
  for (const auto& [f, n] : kFieldNames) {
    if (n == name) return f;
  }
  return std::nullopt;
}

std::vector<Field> default_fields() {
  std::vector<Field> fields;
  for (const auto& [f, name] : kFieldNames) {
    if (f != Field::kContext) fields.push_back(f);
  }
  return fields;
}

Format::Format(FormatKind kind, std::vector<Field> fields, bool header, bool bom)
    : kind_(kind), fields_(std::move(fields)), header_(header), bom_(bom) {
  for (Field field : fields_) json_keys_.push_back(fmt::format("\"{}\":", field_name(field)));
}

void Format::header(std::string& out) const {
  if (bom_) out += "\xEF\xBB\xBF";
  if (kind_ == FormatKind::kJsonLines || !header_) return;
  char separator = kind_ == FormatKind::kTsv ? '\t' : ',';
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) out += separator;
    out += field_name(fields_[i]);
  }
  out += kind_ == FormatKind::kTsv ? "\n" : "\r\n";
}

void Format::record(const Record& record, std::string& out) const {
  if (kind_ == FormatKind::kJsonLines) {
    json(record, out);
  } else {
    delimited(record, out);
  }
}

void Format::json(const Record& record, std::string& out) const {
  out += '{';
  bool first = true;
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    FieldValue v = field_value(record, fields_[i]);
    if (v.type == FieldValue::Type::kAbsent) continue;
    if (!first) out += ',';
    first = false;
    out += json_keys_[i];
    if (v.type == FieldValue::Type::kText) {
      json_string(v.text, out);
    } else if (v.type == FieldValue::Type::kTrue) {
      out += "true";
    } else if (v.type == FieldValue::Type::kTags) {
      out += '[';
      for (std::size_t t = 0; t < record.tags.size(); ++t) {
        if (t > 0) out += ',';
        json_string(record.tags[t], out);
      }
      out += ']';
    } else {
      append_number(v, out);
    }
  }
  out += "}\n";
}

void Format::delimited(const Record& record, std::string& out) const {
  char separator = kind_ == FormatKind::kTsv ? '\t' : ',';
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) out += separator;
    FieldValue v = field_value(record, fields_[i]);
    switch (v.type) {
      case FieldValue::Type::kAbsent: break;
      case FieldValue::Type::kText: cell(v.text, out); break;
      case FieldValue::Type::kTrue: out += "true"; break;
      case FieldValue::Type::kTags: {
        std::string tags;  // tags are rare: a copy here costs nothing on the common path
        for (std::string_view tag : record.tags) {
          if (!tags.empty()) tags += ',';
          tags += tag;
        }
        cell(tags, out);
        break;
      }
      default: append_number(v, out);
    }
  }
  out += kind_ == FormatKind::kTsv ? "\n" : "\r\n";
}

void Format::cell(std::string_view text, std::string& out) const {
  if (kind_ == FormatKind::kTsv) {
    for (char c : text) {
      switch (c) {
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\\': out += "\\\\"; break;
        default: out += c;
      }
    }
    return;
  }
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace quantex
