// SPDX-License-Identifier: GPL-2.0-or-later
#include "run_output.h"

#include <cstdio>
#include <fmt/format.h>

namespace sim::cli {

TraceHash g_trace;
std::vector<std::string>* g_captured = nullptr;

void TraceHash::add(std::string_view text) {
  for (unsigned char c : text) {
    hash_ ^= c;
    hash_ *= 0x100000001B3ull;
  }
  hash_ ^= '\n';
  hash_ *= 0x100000001B3ull;
}

std::string TraceHash::hex() const { return fmt::format("{:016x}", hash_); }

void print(const std::string& line, bool shown, bool hashed) {
  if (shown) {
    std::fputs(line.c_str(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
  }
  if (hashed) g_trace.add(line);
  if (g_captured) g_captured->push_back(line);
}

void print_header(const std::string& line) { print(line, true, false); }

bool write_file(const std::string& path, const std::string& text, const char* what) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  bool ok = f && std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (f && std::fclose(f) != 0) ok = false;
  if (!ok) std::fprintf(stderr, "asyncboard run: cannot write the %s to '%s'\n", what, path.c_str());
  return ok;
}

}  // namespace sim::cli
