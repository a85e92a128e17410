// SPDX-License-Identifier: GPL-2.0-or-later
// What `asyncboard run` prints: every line goes to standard output (unless -q hides it), into the
// run's trace hash, and into the current file's capture for the JUnit report.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sim::cli {

// The run's trace hash: FNV-1a (64 bits) over every line the run produces -- steps, console lines
// and notes, each with its virtual time -- and its result. Wall-clock figures and file paths stay
// out of it, so the same firmware and scenario give the same hash on every run and every machine.
class TraceHash {
 public:
  void add(std::string_view text);
  std::string hex() const;

 private:
  uint64_t hash_ = 0xCBF29CE484222325ull;
};

// The current file's: reset per file by the run command.
extern TraceHash g_trace;
extern std::vector<std::string>* g_captured;  // non-null while --junit collects the file's output

// A line of a run's output: printed (unless `shown` is false: -q), hashed (unless it names a file),
// and captured.
void print(const std::string& line, bool shown = true, bool hashed = true);
// A run's first line, naming the file as the user wrote its path: shown, not hashed.
void print_header(const std::string& line);

// Writes a file whole; false (with a message on stderr naming `what` and the path) if it cannot.
bool write_file(const std::string& path, const std::string& text, const char* what);

}  // namespace sim::cli
