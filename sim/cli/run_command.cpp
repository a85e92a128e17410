// SPDX-License-Identifier: GPL-2.0-or-later
#include "run_command.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <fmt/format.h>

#include "../duration.h"
#include "../elf_image.h"
#include "../firmware_memory.h"
#include "../gdb_server.h"
#include "../machine.h"
#include "../pacer.h"
#include "../scenario.h"
#include "../scenario_runner.h"
#include "../trace_recorder.h"
#include "../vcd_recorder.h"
#include "bridged_run.h"
#include "junit_report.h"
#include "parallel_runs.h"
#include "record_session.h"
#include "run_output.h"

namespace sim::cli {

namespace {

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

// What the command line sets up on each machine before it runs: the recorders --vcd and --trace ask
// for (write() saves them) and --strict-alignment.
struct RunSetup {
  std::string vcd_path, trace_path;
  bool strict_alignment = false;
  std::optional<VcdRecorder> vcd;
  std::optional<TraceRecorder> trace;
  void attach(Machine& m) {
    m.set_strict_alignment(strict_alignment);
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

ScenarioResult run_scenario_file(const std::string& file, bool quiet, std::string& name, RunSetup& recorders) {
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
                                 RunSetup& recorders, bool memory) {
  try {
    ElfImage image = ElfImage::load(file);
    Machine m(image);
    recorders.attach(m);
    // Readings after the first virtual second (the start-up code has set up the heap and the pool by
    // then) and every virtual hour, from clock events: the machine is between blocks there.
    std::function<void()> report;
    report = [&m, &report] {
      print(fmt::format("  [{}] memory  {}", format_ms(m.clock().now_ns()), describe(read_firmware_memory(m))));
      devices::Nanoseconds next = m.clock().now_ns() < 3'600'000'000'000ull ? 3'600'000'000'000ull
                                                                              : m.clock().now_ns() + 3'600'000'000'000ull;
      m.clock().schedule_at(next, report);
    };
    if (memory) m.clock().schedule_at(1'000'000'000, report);
    ScenarioResult r = run_firmware(m, file, limit, quiet, speed);
    if (memory) print(fmt::format("  [{}] memory  {} (at the end)", format_ms(m.clock().now_ns()), describe(read_firmware_memory(m))));
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
  if (!options.forward.empty() || !options.allow_connect.empty()) {
    if (options.files.size() != 1 || is_scenario(options.files[0]) || options.gdb_port >= 0 || !options.record.empty()) {
      std::fprintf(stderr, "asyncboard run: --forward and --allow-connect serve one firmware image (.elf)\n");
      return kUsageOrFileError;
    }
    BridgedRun run{options.files[0], options.forward, options.allow_connect,
                   options.time_limit_given ? *limit : 0, options.speed > 0 ? options.speed : 1.0, options.quiet};
    std::string name = std::filesystem::path(options.files[0]).filename().string();
    ScenarioResult r = run_bridged_firmware(run);
    print(fmt::format("{} {}: {}", r.code == kPassed ? "PASS" : r.code == kFirmwareFault ? "FAULT" : r.code == kUsageOrFileError ? "ERROR" : "FAIL",
                      name, r.message));
    return r.code;
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
      if (options.memory) a.push_back("--memory");
      if (options.strict_alignment) a.push_back("--strict-alignment");
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
    RunSetup recorders;
    recorders.strict_alignment = options.strict_alignment;
    recorders.vcd_path = output_path_for(options.vcd, file, options.files.size() > 1);
    recorders.trace_path = output_path_for(options.trace, file, options.files.size() > 1);
    ScenarioResult r = options.gdb_port >= 0 ? debug_firmware_file(file, options.gdb_port)
                       : is_scenario(file)    ? run_scenario_file(file, options.quiet, name, recorders)
                                              : run_firmware_file(file, *limit, options.quiet, options.speed, recorders, options.memory);
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
