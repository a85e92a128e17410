#include "run_command.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <filesystem>
#include <memory>
#include <optional>
#include <fmt/format.h>

#include "../duration.h"
#include "../elf_image.h"
#include "../gdb_server.h"
#include "../machine.h"
#include "../pacer.h"
#include "../scenario.h"
#include "../scenario_recorder.h"
#include "../scenario_runner.h"
#include "../trace_recorder.h"
#include "../vcd_recorder.h"
#include "junit_report.h"
#include "parallel_runs.h"

namespace sim::cli {

namespace {

std::vector<std::string>* g_captured = nullptr;  // the current file's output, for --junit

// The run's trace hash: FNV-1a (64 bits) over every line the run produces -- steps, console lines
// and notes, each with its virtual time -- and its result. Wall-clock figures stay out of it, so
// the same firmware and scenario give the same hash on every run and every machine.
class TraceHash {
 public:
  void add(std::string_view text) {
    for (unsigned char c : text) {
      hash_ ^= c;
      hash_ *= 0x100000001B3ull;
    }
    hash_ ^= '\n';
    hash_ *= 0x100000001B3ull;
  }
  std::string hex() const { return fmt::format("{:016x}", hash_); }

 private:
  uint64_t hash_ = 0xCBF29CE484222325ull;
};
TraceHash g_trace;

// A line of a run's output: printed (unless -q hides details), hashed (unless it names a file:
// paths differ between checkouts), and kept for the JUnit report.
void print(const std::string& line, bool shown = true, bool hashed = true) {
  if (shown) {
    std::fputs(line.c_str(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
  }
  if (hashed) g_trace.add(line);
  if (g_captured) g_captured->push_back(line);
}

// A run's first line, naming the file as the user wrote its path: not part of the trace.
void print_header(const std::string& line) { print(line, true, false); }

// Writes a file whole; false (with a message on stderr) if it cannot.
bool write_file(const std::string& path, const std::string& text, const char* what) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  bool ok = f && std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (f && std::fclose(f) != 0) ok = false;
  if (!ok) std::fprintf(stderr, "asyncboard run: cannot write the %s to '%s'\n", what, path.c_str());
  return ok;
}

// Where --vcd/--trace PATH goes for one of several files: PATH with "-NAME" before its extension.
std::string output_path_for(const std::string& path, const std::string& file, bool several) {
  if (path.empty() || !several) return path;
  std::filesystem::path p(path);
  std::string stem = std::filesystem::path(file).stem().string();
  if (stem == "scenario") stem = std::filesystem::path(file).parent_path().filename().string();
  return (p.parent_path() / (p.stem().string() + "-" + stem + p.extension().string())).string();
}

bool is_scenario(const std::string& file) {
  std::string ext = std::filesystem::path(file).extension().string();
  return ext == ".yaml" || ext == ".yml";
}

// The recorders --vcd and --trace ask for, attached to a machine before it runs; write() saves them.
struct Recorders {
  std::string vcd_path, trace_path;
  std::optional<VcdRecorder> vcd;
  std::optional<TraceRecorder> trace;
  void attach(Machine& m) {
    if (!vcd_path.empty()) vcd.emplace(m);
    if (!trace_path.empty()) trace.emplace(m);
  }
  bool write(const Machine& m) {
    bool ok = true;
    if (vcd) ok &= write_file(vcd_path, vcd->vcd(m), "VCD");
    if (trace) ok &= write_file(trace_path, trace->json(), "trace");
    return ok;
  }
};

ScenarioResult run_scenario_file(const std::string& file, bool quiet, std::string& name, Recorders& recorders) {
  Scenario sc;
  try {
    sc = parse_scenario_file(file);
  } catch (const ScenarioError& e) {
    return {kUsageOrFileError, e.what()};
  }
  name = sc.name;
  print_header(fmt::format("scenario {} ({})", sc.name, file));
  bool written = true;
  MachineHooks hooks;
  hooks.started = [&recorders](Machine& m) { recorders.attach(m); };
  hooks.finished = [&](Machine& m) { written = recorders.write(m); };
  ScenarioResult r = run_scenario(
      sc, [quiet](const std::string& line) { print(line, !quiet, line.rfind("  firmware ", 0) != 0); }, hooks);
  if (!written && r.code < kUsageOrFileError) return {kUsageOrFileError, "cannot write the --vcd or --trace output"};
  return r;
}

// A firmware image under gdb: the session decides what runs.
ScenarioResult debug_firmware_file(const std::string& file, int port) {
  try {
    ElfImage image = ElfImage::load(file);
    Machine m(image);
    m.on_console_line([](const ConsoleLine& l) { print(fmt::format("  [{}] uart  {}", format_ms(l.at), l.text)); });
    print_header(fmt::format("firmware {}", file));
    GdbServer gdb(m, static_cast<uint16_t>(port));
    StopReason r = gdb.serve([](const std::string& line) { print(line); });
    if (r == StopReason::Faulted) return {kFirmwareFault, "firmware fault: " + m.describe_fault()};
    if (r == StopReason::Exited && *m.exit_status() != 0)
      return {kExpectationFailed, fmt::format("exited with status {}", *m.exit_status())};
    return {kPassed, "debug session ended"};
  } catch (const ElfError& e) {
    return {kUsageOrFileError, e.what()};
  } catch (const std::runtime_error& e) {
    return {kUsageOrFileError, e.what()};
  }
}

// A firmware image alone: run it until it exits, faults, idles forever or reaches the limit.
ScenarioResult run_firmware(Machine& m, const std::string& file, devices::Nanoseconds limit, bool quiet, double speed) {
  m.on_console_line([quiet](const ConsoleLine& l) { print(fmt::format("  [{}] uart  {}", format_ms(l.at), l.text), !quiet); });
  m.on_diagnostic([quiet, &m](const std::string& d) {
    print(fmt::format("  [{}] note  {}", format_ms(m.clock().now_ns()), d), !quiet);
  });
  print_header(fmt::format("firmware {}", file));
  Pacer pacer(m, speed);
  StopReason r = speed > 0 ? pacer.run_until(m.clock().from_ns_ceil(limit)) : m.run_until(m.clock().from_ns_ceil(limit));
  std::string at = fmt::format("{:.3f} ms", static_cast<double>(m.clock().now_ns()) / 1e6);
  switch (r) {
    case StopReason::Faulted:
      for (const std::string& line : m.fault_details()) print("  " + line);
      return {kFirmwareFault, "firmware fault: " + m.describe_fault()};
    case StopReason::Exited:
      if (*m.exit_status() == 0) return {kPassed, fmt::format("exited with status 0 at {}", at)};
      return {kExpectationFailed, fmt::format("exited with status {} at {}", *m.exit_status(), at)};
    case StopReason::Idle: return {kPassed, fmt::format("idle with nothing scheduled at {}", at)};
    case StopReason::TimeReached:
    case StopReason::StopRequested:
    case StopReason::Breakpoint:
    case StopReason::Stepped:
      return {kExpectationFailed, fmt::format("still running at the time limit ({}); raise it with --time-limit", at)};
  }
  return {kUsageOrFileError, "unreachable"};
}

ScenarioResult run_firmware_file(const std::string& file, devices::Nanoseconds limit, bool quiet, double speed,
                                 Recorders& recorders) {
  try {
    ElfImage image = ElfImage::load(file);
    Machine m(image);
    recorders.attach(m);
    ScenarioResult r = run_firmware(m, file, limit, quiet, speed);
    // The recordings are written however the run ended; not being able to is a file error.
    if (!recorders.write(m) && r.code < kUsageOrFileError)
      return {kUsageOrFileError, "cannot write the --vcd or --trace output (" + r.message + ")"};
    return r;
  } catch (const ElfError& e) {
    return {kUsageOrFileError, e.what()};
  } catch (const CpuError& e) {
    return {kUsageOrFileError, e.what()};
  }
}

// `--record OUT.yaml FIRMWARE.elf`: an interactive session -- commands on standard input drive the
// board in virtual time; the session becomes a scenario that replays it.
//   wait 100ms | press B1 | release B1 | click B1 | set-pin PA3 high|low|float | quit
ScenarioResult record_session(const std::string& file, const std::string& out_path) {
  try {
    ElfImage image = ElfImage::load(file);
    Machine m(image);
    ScenarioRecorder recorder;
    m.on_console_line([&recorder](const ConsoleLine& l) {
      recorder.console(l.text);
      print(fmt::format("  [{}] uart  {}", format_ms(l.at), l.text));
    });
    print_header(fmt::format("firmware {} (recording: wait 100ms, press B1, release B1, click B1, set-pin PA3 high, quit)", file));
    // As the scenario player waits: to the same instant, so the replay runs cycle for cycle alike.
    auto run_for = [&m, &recorder](devices::Nanoseconds d) -> std::optional<ScenarioResult> {
      recorder.wait(d);
      if (m.run_until(m.clock().now() + m.clock().from_ns_ceil(d)) == StopReason::Faulted)
        return ScenarioResult{kFirmwareFault, "firmware fault: " + m.describe_fault()};
      return std::nullopt;
    };
    char buffer[512];
    int line_number = 0;
    while (std::fgets(buffer, sizeof buffer, stdin)) {
      ++line_number;
      std::string line(buffer);
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
      std::vector<std::string> w;
      for (size_t i = 0; i < line.size();) {
        size_t j = line.find(' ', i);
        if (j == std::string::npos) j = line.size();
        if (j > i) w.push_back(line.substr(i, j - i));
        i = j + 1;
      }
      if (w.empty() || w[0][0] == '#') continue;
      auto complain = [&](const std::string& why) {
        std::fprintf(stderr, "record: line %d: %s\n", line_number, why.c_str());
      };
      if (w[0] == "quit") break;
      if (w[0] == "wait" && w.size() == 2) {
        auto d = parse_duration(w[1]);
        if (!d) {
          complain("'" + w[1] + "' is not a duration (e.g. 100ms)");
          continue;
        }
        if (auto fault = run_for(*d)) return *fault;
      } else if ((w[0] == "press" || w[0] == "release" || w[0] == "click") && w.size() == 2) {
        devices::Button* b = m.find_button(w[1]);
        if (!b) {
          complain(fmt::format("no button named '{}' (the board has: {})", w[1], fmt::join(m.button_names(), ", ")));
          continue;
        }
        if (w[0] != "release") {
          recorder.input("press", w[1]);
          b->press();
        }
        if (w[0] == "click") {  // as the click step does: held for 50 ms
          if (auto fault = run_for(50'000'000)) return *fault;
        }
        if (w[0] != "press") {
          recorder.input("release", w[1]);
          b->release();
        }
      } else if (w[0] == "set-pin" && w.size() == 3) {
        std::string digits = w[1].rfind("PA", 0) == 0 ? w[1].substr(2) : w[1];
        int pin = digits.empty() || digits.size() > 2 || digits.find_first_not_of("0123456789") != std::string::npos
                      ? -1
                      : std::stoi(digits);
        if (pin < 0 || pin > 15 || (w[2] != "high" && w[2] != "low" && w[2] != "float")) {
          complain("set-pin takes a pin PA0..PA15 and high, low or float");
          continue;
        }
        recorder.input("set-pin", fmt::format("{{ pin: PA{}, value: {} }}", pin, w[2]));
        if (w[2] == "float")
          m.gpio_a().release_input(pin);
        else
          m.gpio_a().drive_input(pin, w[2] == "high");
      } else {
        complain("unknown command '" + line + "' (wait 100ms, press B1, release B1, click B1, set-pin PA3 high, quit)");
        continue;
      }
    }
    std::string name = std::filesystem::path(out_path).stem().string();
    std::error_code ec;
    std::string firmware = std::filesystem::absolute(file, ec).string();
    if (!write_file(out_path, recorder.yaml(name, firmware), "recorded scenario"))
      return {kUsageOrFileError, "cannot write " + out_path};
    return {kPassed, fmt::format("recorded {:.3f} s of virtual time into {}", static_cast<double>(m.clock().now_ns()) / 1e9,
                                 out_path)};
  } catch (const ElfError& e) {
    return {kUsageOrFileError, e.what()};
  } catch (const CpuError& e) {
    return {kUsageOrFileError, e.what()};
  }
}

}  // namespace

int run_command(const RunOptions& options) {
  auto limit = parse_duration(options.time_limit);
  if (!limit) {
    std::fprintf(stderr, "asyncboard run: --time-limit '%s' is not a duration (e.g. 10s, 500ms)\n",
                 options.time_limit.c_str());
    return kUsageOrFileError;
  }
  if (options.gdb_port >= 0 && (options.files.size() != 1 || is_scenario(options.files[0]))) {
    std::fprintf(stderr, "asyncboard run: --gdb debugs one firmware image (.elf)\n");
    return kUsageOrFileError;
  }
  if (!options.record.empty()) {
    if (options.files.size() != 1 || is_scenario(options.files[0])) {
      std::fprintf(stderr, "asyncboard run: --record records a session with one firmware image (.elf)\n");
      return kUsageOrFileError;
    }
    ScenarioResult r = record_session(options.files[0], options.record);
    print(fmt::format("{} {}: {}", r.code == kPassed ? "RECORDED" : r.code == kFirmwareFault ? "FAULT" : "ERROR",
                      std::filesystem::path(options.files[0]).filename().string(), r.message));
    return r.code;
  }
  int worst = kPassed, passed = 0, failed = 0;
  std::vector<CaseReport> reports;
  if (options.jobs > 1 && options.files.size() > 1 && options.gdb_port < 0) {
    std::error_code ec;
    std::string self = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    auto args = [&options](const std::string& file) {
      std::vector<std::string> a = {"run", file, "--time-limit", options.time_limit};
      if (options.quiet) a.push_back("-q");
      if (!options.vcd.empty()) a.insert(a.end(), {"--vcd", output_path_for(options.vcd, file, true)});
      if (!options.trace.empty()) a.insert(a.end(), {"--trace", output_path_for(options.trace, file, true)});
      if (options.speed > 0) a.insert(a.end(), {"--speed", fmt::format("{}", options.speed)});
      return a;
    };
    run_in_parallel(self, options.files, options.jobs, args, [&](size_t i, const ChildRun& child) {
      CaseReport report;
      report.name = std::filesystem::path(options.files[i]).filename().string();
      report.file = options.files[i];
      report.code = child.status;
      report.seconds = child.seconds;
      for (const std::string& line : child.lines) {
        std::fputs((line + "\n").c_str(), stdout);
        // The child's result line: "PASS name: message [trace ...] (... ms wall)" (or FAIL, FAULT, ERROR).
        size_t colon = line.find(": ");
        bool result = colon != std::string::npos && (line.rfind("PASS ", 0) == 0 || line.rfind("FAIL ", 0) == 0 ||
                                                     line.rfind("FAULT ", 0) == 0 || line.rfind("ERROR ", 0) == 0);
        if (result) {
          report.name = line.substr(line.find(' ') + 1, colon - line.find(' ') - 1);
          report.message = line.substr(colon + 2);
        } else {
          report.output.push_back(line);
        }
      }
      std::fflush(stdout);
      if (report.message.empty() && !child.lines.empty()) report.message = child.lines.back();
      (child.status == kPassed ? passed : failed)++;
      worst = std::max(worst, child.status);
      reports.push_back(std::move(report));
    });
  }
  for (const std::string& file : options.jobs > 1 && options.files.size() > 1 && options.gdb_port < 0
                                     ? std::vector<std::string>{}
                                     : options.files) {
    auto t0 = std::chrono::steady_clock::now();
    std::string name = std::filesystem::path(file).filename().string();
    CaseReport report;
    g_captured = options.junit.empty() ? nullptr : &report.output;
    g_trace = TraceHash();
    Recorders recorders;
    recorders.vcd_path = output_path_for(options.vcd, file, options.files.size() > 1);
    recorders.trace_path = output_path_for(options.trace, file, options.files.size() > 1);
    ScenarioResult r = options.gdb_port >= 0 ? debug_firmware_file(file, options.gdb_port)
                       : is_scenario(file)    ? run_scenario_file(file, options.quiet, name, recorders)
                                              : run_firmware_file(file, *limit, options.quiet, options.speed, recorders);
    g_captured = nullptr;
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    report.name = name;
    report.file = file;
    report.code = r.code;
    report.message = r.message;
    report.seconds = ms / 1000;
    reports.push_back(std::move(report));
    g_trace.add(r.message);
    std::string trace = r.code == kUsageOrFileError ? "" : fmt::format(" [trace {}]", g_trace.hex());
    if (r.code == kPassed) {
      ++passed;
      print(fmt::format("PASS {}: {}{} ({:.0f} ms wall)", name, r.message, trace, ms));
    } else {
      ++failed;
      print(fmt::format("{} {}: {}{}", r.code == kFirmwareFault ? "FAULT" : r.code == kUsageOrFileError ? "ERROR" : "FAIL",
                        name, r.message, trace));
    }
    worst = std::max(worst, static_cast<int>(r.code));
  }
  if (options.files.size() > 1) print(fmt::format("{} passed, {} failed", passed, failed));
  if (!options.junit.empty() && !write_file(options.junit, junit_xml(reports), "JUnit report"))
    return std::max(worst, static_cast<int>(kUsageOrFileError));
  return worst;
}

}  // namespace sim::cli
