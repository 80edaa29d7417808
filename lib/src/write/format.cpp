#include "quantex/format.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <type_traits>
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

// Whether any of the eight bytes of w must be escaped: below 0x20 (a byte of 0x80 or more
// has its high bit set and is not), or the quote, the backslash or DEL. The tests of
// "Bit Twiddling Hacks" (hasless, haszero), exact when asking whether any byte matches.
bool any_escaped(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101, kHighs = 0x8080808080808080;
  auto has_zero = [](std::uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  return (((w - kOnes * 0x20) & ~w & kHighs) | has_zero(w ^ (kOnes * '"')) |
          has_zero(w ^ (kOnes * '\\')) | has_zero(w ^ (kOnes * 0x7F))) != 0;
}

// The most bytes a JSON string of text takes: its quotes, and \u00XX for every byte.
std::size_t json_string_bound(std::string_view text) { return 2 + 6 * text.size(); }

// Writes text as a JSON string at out, which has room for json_string_bound(text) bytes.
char* write_json_string(std::string_view text, char* out) {
  *out++ = '"';
  std::size_t i = 0;
  // Eight bytes at a time while none needs an escape: nearly all text.
  for (std::uint64_t w; i + 8 <= text.size(); i += 8) {
    std::memcpy(&w, text.data() + i, 8);
    if (any_escaped(w)) break;
    std::memcpy(out, &w, 8);
    out += 8;
  }
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (!kEscaped[static_cast<unsigned char>(c)]) {
      *out++ = c;
      continue;
    }
    *out++ = '\\';
    switch (c) {
      case '"': *out++ = '"'; break;
      case '\\': *out++ = '\\'; break;
      case '\n': *out++ = 'n'; break;
      case '\r': *out++ = 'r'; break;
      case '\t': *out++ = 't'; break;
      case '\b': *out++ = 'b'; break;
      case '\f': *out++ = 'f'; break;
      default: out = fmt::format_to(out, "u{:04x}", static_cast<unsigned char>(c));
    }
  }
  *out++ = '"';
  return out;
}

// A field of a record that is left out (JSON Lines) or empty (TSV, CSV).
struct Absent {};
// target when true.
struct True {};
struct Tags {
  const std::vector<std::string_view>& names;
};

// Hands one field of a record, viewed without copying, to `use` as the type it has: text
// (std::string_view), a count (std::uint64_t), a number (Decimal), Absent, True or Tags.
template <class Use>
void with_field(const Record& r, Field field, Use&& use) {
  auto text = [&](std::string_view s, bool always) {
    if (always || !s.empty()) return use(s);
    use(Absent{});
  };
  auto number = [&](const std::optional<Decimal>& d) {
    if (d) return use(*d);
    use(Absent{});
  };
  switch (field) {
    case Field::kDoc: return text(r.doc, true);
    case Field::kLine: return use(r.line);
    case Field::kCol: return use(r.col);
    case Field::kStart: return use(r.start);
    case Field::kEnd: return use(r.end);
    case Field::kRule: return text(r.rule, true);
    case Field::kKind: return text(r.kind, true);
    case Field::kText: return text(r.text, true);
    case Field::kValue: return use(r.value);
    case Field::kUnit: return text(r.unit, true);
    case Field::kOp: return text(op_symbol(r.op), true);
    case Field::kFrom: return number(r.from);
    case Field::kMin: return number(r.min);
    case Field::kMax: return number(r.max);
    case Field::kSubject: return text(r.subject, false);
    case Field::kChange: return text(change_name(r.change), false);
    case Field::kTarget: return r.target ? use(True{}) : use(Absent{});
    case Field::kTags: return r.tags.empty() ? use(Absent{}) : use(Tags{r.tags});
    case Field::kContext: return text(r.context, false);
  }
}

// The most bytes a field's value takes in JSON.
template <class Value>
std::size_t json_bound(const Value& v) {
  using T = std::decay_t<Value>;
  if constexpr (std::is_same_v<T, std::string_view>) {
    return json_string_bound(v);
  } else if constexpr (std::is_same_v<T, Decimal>) {
    return v.plain_size_bound();
  } else if constexpr (std::is_same_v<T, Tags>) {
    std::size_t bound = 2;
    for (std::string_view name : v.names) bound += 1 + json_string_bound(name);
    return bound;
  } else {
    return 20;  // a count's digits, "true", or nothing
  }
}

// Writes a field's value as JSON at out, which has room for json_bound(v) bytes.
template <class Value>
char* write_json(const Value& v, char* out) {
  using T = std::decay_t<Value>;
  if constexpr (std::is_same_v<T, std::string_view>) {
    return write_json_string(v, out);
  } else if constexpr (std::is_same_v<T, Decimal>) {
    return v.write_plain(out);
  } else if constexpr (std::is_same_v<T, std::uint64_t>) {
    fmt::format_int digits(v);
    std::memcpy(out, digits.data(), digits.size());
    return out + digits.size();
  } else if constexpr (std::is_same_v<T, True>) {
    std::memcpy(out, "true", 4);
    return out + 4;
  } else {
    static_assert(std::is_same_v<T, Tags>, "an absent field writes nothing, not even its key");
    *out++ = '[';
    for (std::size_t t = 0; t < v.names.size(); ++t) {
      if (t > 0) *out++ = ',';
      out = write_json_string(v.names[t], out);
    }
    *out++ = ']';
    return out;
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
  static_assert([] {
    for (const auto& [field, name] : kFieldNames) {
      if (name.size() + 4 > JsonKey::kSlot - 1) return false;  // ,"name": and the slot's copy
    }
    return true;
  }());
  for (Field field : fields_) {
    JsonKey key;
    auto end = fmt::format_to_n(key.bytes.begin(), key.bytes.size(), ",\"{}\":", field_name(field));
    key.size = static_cast<std::size_t>(end.size);
    json_keys_.push_back(key);
  }
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
  std::size_t room = 3;  // {, } and the newline
  for (Field field : fields_) {
    with_field(record, field, [&](const auto& v) { room += JsonKey::kSlot + json_bound(v); });
  }
  const std::size_t at = out.size();
  out.resize(at + room);
  char* end = out.data() + at;
  *end++ = '{';
  bool first = true;
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    with_field(record, fields_[i], [&](const auto& v) {
      if constexpr (!std::is_same_v<std::decay_t<decltype(v)>, Absent>) {
        // The whole slot at once, a constant size; the first key goes without its comma.
        const JsonKey& key = json_keys_[i];
        const std::size_t skip = first ? 1 : 0;
        std::memcpy(end, key.bytes.data() + skip, JsonKey::kSlot - 1);
        end += key.size - skip;
        end = write_json(v, end);
        first = false;
      }
    });
  }
  *end++ = '}';
  *end++ = '\n';
  out.resize(static_cast<std::size_t>(end - out.data()));
}

void Format::delimited(const Record& record, std::string& out) const {
  char separator = kind_ == FormatKind::kTsv ? '\t' : ',';
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) out += separator;
    with_field(record, fields_[i], [&](const auto& v) {
      using T = std::decay_t<decltype(v)>;
      if constexpr (std::is_same_v<T, std::string_view>) {
        cell(v, out);
      } else if constexpr (std::is_same_v<T, std::uint64_t>) {
        fmt::format_int digits(v);
        out.append(digits.data(), digits.size());
      } else if constexpr (std::is_same_v<T, Decimal>) {
        v.append_to(out);
      } else if constexpr (std::is_same_v<T, True>) {
        out += "true";
      } else if constexpr (std::is_same_v<T, Tags>) {
        std::string tags;  // tags are rare: a copy here costs nothing on the common path
        for (std::string_view tag : v.names) {
          if (!tags.empty()) tags += ',';
          tags += tag;
        }
        cell(tags, out);
      }
    });
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
