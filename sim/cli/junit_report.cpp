// SPDX-License-Identifier: GPL-2.0-or-later
#include "junit_report.h"

#include <fmt/format.h>

namespace sim::cli {

namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the valid UTF-8 sequence at s[i] (0 if there is none).
size_t utf8_length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  if (n == 2 && c < 0xC2) return 0;  // overlong
  return n;
}

const char* kind_of(int code) {
  switch (code) {
    case 1: return "expectation failed";
    case 2: return "usage or file error";
    case 3: return "firmware fault";
    default: return "passed";
  }
}

}  // namespace

std::string xml_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '&': out += "&amp;"; ++i; continue;
      case '<': out += "&lt;"; ++i; continue;
      case '>': out += "&gt;"; ++i; continue;
      case '"': out += "&quot;"; ++i; continue;
      case '\'': out += "&apos;"; ++i; continue;
      default: break;
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {  // not allowed in XML 1.0
      out += kReplacement;
      ++i;
      continue;
    }
    size_t n = utf8_length(text, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

std::string junit_xml(const std::vector<CaseReport>& cases) {
  int failures = 0, errors = 0;
  double seconds = 0;
  for (const CaseReport& c : cases) {
    if (c.code == 1) ++failures;
    if (c.code >= 2) ++errors;
    seconds += c.seconds;
  }
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += fmt::format("<testsuites name=\"asyncboard\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{:.3f}\">\n",
                   cases.size(), failures, errors, seconds);
  x += fmt::format("  <testsuite name=\"asyncboard run\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{:.3f}\">\n",
                   cases.size(), failures, errors, seconds);
  for (const CaseReport& c : cases) {
    x += fmt::format("    <testcase classname=\"asyncboard\" name=\"{}\" file=\"{}\" time=\"{:.3f}\">\n", xml_text(c.name),
                     xml_text(c.file), c.seconds);
    if (c.code != 0) {
      const char* element = c.code == 1 ? "failure" : "error";
      x += fmt::format("      <{} type=\"{}\" message=\"{}\">{}</{}>\n", element, kind_of(c.code), xml_text(c.message),
                       xml_text(c.message), element);
    }
    std::string out;
    for (const std::string& line : c.output) out += line + "\n";
    x += fmt::format("      <system-out>{}</system-out>\n", xml_text(out));
    x += "    </testcase>\n";
  }
  x += "  </testsuite>\n</testsuites>\n";
  return x;
}

}  // namespace sim::cli
