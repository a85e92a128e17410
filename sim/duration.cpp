// SPDX-License-Identifier: GPL-2.0-or-later
#include "duration.h"

#include <cmath>
#include <cstdlib>
#include <fmt/format.h>

namespace sim {

std::optional<devices::Nanoseconds> parse_duration(std::string_view text) {
  // Digits, an optional fraction, a unit: nothing else (no sign, exponent, hex or spaces).
  size_t i = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == 0) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    size_t start = ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == start) return std::nullopt;
  }
  std::string s(text);
  char* end = nullptr;
  double value = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || !std::isfinite(value) || value < 0) return std::nullopt;
  std::string_view unit(end);
  double scale;
  if (unit == "s") scale = 1e9;
  else if (unit == "ms") scale = 1e6;
  else if (unit == "us") scale = 1e3;
  else if (unit == "ns") scale = 1;
  else return std::nullopt;
  double ns = std::round(value * scale);
  if (ns > 1.8e19) return std::nullopt;
  return static_cast<devices::Nanoseconds>(ns);
}

std::string format_duration(devices::Nanoseconds ns) {
  struct Unit { devices::Nanoseconds size; const char* name; };
  for (Unit u : {Unit{1'000'000'000, "s"}, Unit{1'000'000, "ms"}, Unit{1'000, "us"}}) {
    if (ns < u.size) continue;
    devices::Nanoseconds whole = ns / u.size, rest = ns % u.size;
    if (rest == 0) return fmt::format("{}{}", whole, u.name);
    // Exact decimals: the remainder padded to the unit's digits, trailing zeros dropped.
    int digits = u.size == 1'000'000'000 ? 9 : u.size == 1'000'000 ? 6 : 3;
    std::string frac = fmt::format("{:0{}}", rest, digits);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    return fmt::format("{}.{}{}", whole, frac, u.name);
  }
  return fmt::format("{}ns", ns);
}

std::string format_ms(devices::Nanoseconds ns) {
  return fmt::format("{:>10.3f} ms", static_cast<double>(ns) / 1e6);
}

}  // namespace sim
