#include "duration.h"

#include <cmath>
#include <cstdlib>
#include <fmt/format.h>

namespace sim {

std::optional<devices::Nanoseconds> parse_duration(std::string_view text) {
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
    if (ns >= u.size) {
      if (ns % u.size == 0) return fmt::format("{}{}", ns / u.size, u.name);
      double v = static_cast<double>(ns) / static_cast<double>(u.size);
      return fmt::format("{:.6g}{}", v, u.name);
    }
  }
  return fmt::format("{}ns", ns);
}

std::string format_ms(devices::Nanoseconds ns) {
  return fmt::format("{:>10.3f} ms", static_cast<double>(ns) / 1e6);
}

}  // namespace sim
