#include "quantex/html_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "quantex/normalizer.hpp"
#include "quantex/utf8.hpp"

namespace quantex {
namespace {

void escaped(std::string_view text, std::string& out) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
}

std::string escaped(std::string_view text) {
  std::string out;
  escaped(text, out);
  return out;
}

// What hovering over a record shows.
std::string summary(const OwnedRecord& r) {
  std::string out =
      fmt::format("{} {}", r.kind, describe({r.value, r.unit, r.op, r.from, r.min, r.max}));
  if (!r.subject.empty()) out += fmt::format("\nsubject: {}", r.subject);
  if (r.change != Change::kNone) out += fmt::format("\nchange: {}", change_name(r.change));
  out += r.target ? "\na goal" : "\na result";
  out += fmt::format("\nrule: {}", r.rule);
  return out;
}

constexpr const char* kStyle = R"(
body { font: 15px/1.7 sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
pre { white-space: pre-wrap; }
.r { border-radius: 3px; padding: 0 1px; cursor: help; }
.k-time_limit { background: #cfe8ff; } .k-percentage { background: #d8f5d0; }
.k-money { background: #ffe5b4; } .k-count { background: #ecd9ff; } .k-other { background: #eee; }
.r.goal { outline: 1px dashed #444; } .r.dim { opacity: .25; }
table { border-collapse: collapse; width: 100%; margin-top: 1em; }
td, th { border-bottom: 1px solid #ddd; padding: 2px 6px; text-align: left; }
.legend span { margin-right: 1.5em; } .filters * { margin-right: 1em; }
)";

constexpr const char* kScript = R"(
function apply() {
  const kind = document.getElementById('kind').value, tag = document.getElementById('tag').value;
  const target = document.getElementById('target').value;
  const subject = document.getElementById('subject').value;
  let shown = 0;
  for (const row of document.querySelectorAll('#records tbody tr')) {
    const ok = (!kind || row.dataset.kind === kind) &&
      (!tag || row.dataset.tags.split(' ').includes(tag)) &&
      (!target || row.dataset.target === target) &&
      (!subject || row.dataset.subject.includes(subject));
    row.style.display = ok ? '' : 'none';
    shown += ok;
    for (const span of document.querySelectorAll('.r[data-i="' + row.dataset.i + '"]'))
      span.classList.toggle('dim', !ok);
  }
  document.getElementById('shown').textContent = shown;
}
for (const id of ['kind', 'tag', 'target']) document.getElementById(id).onchange = apply;
document.getElementById('subject').oninput = apply;
)";

}  // namespace

void write_html_page(std::string_view title, std::string_view text,
                     const std::vector<OwnedRecord>& records, std::string& out) {
  // Byte offset of each code point, to place records counted in code points.
  std::vector<std::size_t> byte_at;
  for (std::size_t pos = 0; pos < text.size(); utf8::next(text, pos)) byte_at.push_back(pos);
  byte_at.push_back(text.size());
  auto byte = [&](std::uint64_t point) {
    return byte_at[std::min<std::size_t>(point, byte_at.size() - 1)];
  };
  // The records by start; one that would cross another's end is left out of the text (it
  // stays in the table): spans must nest.
  std::vector<std::size_t> order(records.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return records[a].start < records[b].start;
  });
  std::map<std::string, std::size_t> kinds;
  std::set<std::string> tags;
  for (const OwnedRecord& r : records) {
    ++kinds[r.kind];
    tags.insert(r.tags.begin(), r.tags.end());
  }
  auto kind_class = [](const std::string& kind) {
    for (const char* known : {"time_limit", "percentage", "money", "count"}) {
      if (kind == known) return fmt::format("k-{}", kind);
    }
    return std::string("k-other");
  };

  out += "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">\n<title>";
  escaped(title, out);
  out += fmt::format("</title>\n<style>{}</style></head><body>\n<h1>", kStyle);
  escaped(title, out);
  out += "</h1>\n<p class=\"legend\">";
  for (const auto& [kind, n] : kinds) {
    out += fmt::format("<span class=\"r {}\">{}</span> {} &nbsp; ", kind_class(kind), escaped(kind),
                       n);
  }
  out += fmt::format("{} records</p>\n<pre id=\"text\">", records.size());
  std::vector<std::size_t> open_ends;  // byte ends of the spans open, innermost last
  std::size_t at = 0;
  for (std::size_t i : order) {
    const OwnedRecord& r = records[i];
    std::size_t begin = byte(r.start), end = byte(r.end);
    while (!open_ends.empty() && open_ends.back() <= begin) {
      escaped(text.substr(at, open_ends.back() - at), out);
      at = open_ends.back();
      out += "</span>";
      open_ends.pop_back();
    }
    if (begin < at || end <= begin || (!open_ends.empty() && end > open_ends.back())) continue;
    escaped(text.substr(at, begin - at), out);
    at = begin;
    out += fmt::format("<span class=\"r {}{}\" data-i=\"{}\" title=\"{}\">", kind_class(r.kind),
                       r.target ? " goal" : "", i, escaped(summary(r)));
    open_ends.push_back(end);
  }
  while (!open_ends.empty()) {
    escaped(text.substr(at, open_ends.back() - at), out);
    at = open_ends.back();
    out += "</span>";
    open_ends.pop_back();
  }
  escaped(text.substr(at), out);
  out += "</pre>\n<p class=\"filters\">kind <select id=\"kind\"><option value=\"\">all</option>";
  for (const auto& [kind, n] : kinds) {
    out += fmt::format("<option>{}</option>", escaped(kind));
  }
  out += "</select>tag <select id=\"tag\"><option value=\"\">all</option>";
  for (const std::string& tag : tags) out += fmt::format("<option>{}</option>", escaped(tag));
  out +=
      "</select>goal <select id=\"target\"><option value=\"\">all</option>"
      "<option value=\"true\">goals</option><option value=\"false\">results</option>"
      "</select>subject <input id=\"subject\" placeholder=\"contains\"> "
      "<span id=\"shown\">";
  out += fmt::format("{}</span> shown</p>\n", records.size());
  out +=
      "<table id=\"records\"><thead><tr><th>line</th><th>kind</th><th>text</th><th>value</th>"
      "<th>unit</th><th>op</th><th>subject</th><th>change</th><th>goal</th><th>tags</th>"
      "<th>rule</th></tr></thead><tbody>\n";
  for (std::size_t i = 0; i < records.size(); ++i) {
    const OwnedRecord& r = records[i];
    std::string tag_list;
    for (const std::string& tag : r.tags) tag_list += (tag_list.empty() ? "" : " ") + tag;
    out += fmt::format(
        "<tr data-i=\"{}\" data-kind=\"{}\" data-tags=\"{}\" data-target=\"{}\" "
        "data-subject=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}"
        "</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        i, escaped(r.kind), escaped(tag_list), r.target ? "true" : "false", escaped(r.subject),
        r.line, escaped(r.kind), escaped(r.text), r.value.to_string(), escaped(r.unit),
        escaped(op_symbol(r.op)), escaped(r.subject),
        r.change == Change::kNone ? "" : change_name(r.change), r.target ? "goal" : "",
        escaped(tag_list), escaped(r.rule));
  }
  out += fmt::format("</tbody></table>\n<script>{}</script>\n</body></html>\n", kScript);
}

}  // namespace quantex
