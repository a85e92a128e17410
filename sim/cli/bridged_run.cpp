// SPDX-License-Identifier: GPL-2.0-or-later
#include "bridged_run.h"

#include <csignal>

#include <fmt/format.h>

#include "../duration.h"
#include "../elf_image.h"
#include "../host_bridge.h"
#include "../machine.h"
#include "../pacer.h"
#include "run_output.h"

namespace sim::cli {

namespace {

Machine* g_running = nullptr;  // what Ctrl-C stops (request_stop is one atomic store: signal-safe)
volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void on_interrupt(int) {
  g_interrupted = 1;
  if (g_running) g_running->request_stop();
}

}  // namespace

ScenarioResult run_bridged_firmware(const BridgedRun& run) {
  try {
    ElfImage image = ElfImage::load(run.file);
    Machine m(image);
    HostBridge bridge(m.network());
    print_header(fmt::format("firmware {}", run.file));
    for (const std::string& spec : run.forwards) {
      uint16_t port = bridge.forward(spec);
      print(fmt::format("  forwarding 127.0.0.1:{} -> board port {}", port, spec.substr(spec.find(':') + 1)));
    }
    for (const std::string& spec : run.allowed) {
      bridge.allow_connect(spec);
      print(fmt::format("  the firmware may connect to {}", spec));
    }
    std::fflush(stdout);
    m.on_console_line([&run](const ConsoleLine& l) {
      print(fmt::format("  [{}] uart  {}", format_ms(l.at), l.text), !run.quiet);
      std::fflush(stdout);
    });
    m.on_diagnostic([&](const std::string& d) { print(fmt::format("  [{}] note  {}", format_ms(m.clock().now_ns()), d), !run.quiet); });

    Pacer pacer(m, run.speed);
    pacer.set_slice(m.clock().core_hz() / 1000);  // 1 ms: a real client's bytes wait at most that long
    pacer.set_wait([&](std::chrono::steady_clock::time_point due) {
      do {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(due - std::chrono::steady_clock::now());
        bridge.poll(static_cast<int>(std::max<long>(0, left.count())));
        for (const std::string& line : bridge.take_log())
          print(fmt::format("  [{}] net   {}", format_ms(m.clock().now_ns()), line), !run.quiet);
        std::fflush(stdout);
      } while (std::chrono::steady_clock::now() < due && !g_interrupted);
    });

    g_running = &m;
    g_interrupted = 0;
    auto previous_int = std::signal(SIGINT, on_interrupt);
    auto previous_term = std::signal(SIGTERM, on_interrupt);
    Cycles until = run.time_limit ? m.clock().from_ns_ceil(run.time_limit) : Machine::kForever;
    StopReason r = pacer.run_until(until);
    std::signal(SIGINT, previous_int);
    std::signal(SIGTERM, previous_term);
    g_running = nullptr;

    std::string at = fmt::format("{:.3f} ms", static_cast<double>(m.clock().now_ns()) / 1e6);
    if (r == StopReason::Faulted) {
      for (const std::string& line : m.fault_details()) print("  " + line);
      return {kFirmwareFault, "firmware fault: " + m.describe_fault()};
    }
    if (m.exit_status())
      return {*m.exit_status() == 0 ? kPassed : kExpectationFailed, fmt::format("exited with status {} at {}", *m.exit_status(), at)};
    if (g_interrupted) return {kPassed, fmt::format("stopped by a signal at {}", at)};
    return {kPassed, fmt::format("served until the time limit ({})", at)};
  } catch (const BridgeError& e) {
    return {kUsageOrFileError, e.what()};
  } catch (const ElfError& e) {
    return {kUsageOrFileError, e.what()};
  } catch (const CpuError& e) {
    return {kUsageOrFileError, e.what()};
  }
}

}  // namespace sim::cli
