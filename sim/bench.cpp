// SPDX-License-Identifier: GPL-2.0-or-later
#include "bench.h"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <cstdlib>
#include <map>
#include <optional>
#include <stdexcept>
#include <vector>

#include "board/memory_map.h"
#include "elf_image.h"
#include "machine.h"

namespace sim {

namespace {

using Clock = std::chrono::steady_clock;

// Reference figures for MicroPython's asyncio on an emulated Cortex-M3 (quoted, not measured here).
constexpr double kMicroPythonSwitchInstructions = 10'500;
constexpr double kMicroPythonFlagRoundTripInstructions = 39'000;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

ElfImage load(const std::string& dir, const char* name) { return ElfImage::load(fmt::format("{}/{}.elf", dir, name)); }

[[noreturn]] void fail(const Machine& m, const char* what) {
  throw std::runtime_error(fmt::format("bench: {}: {}", m.image().path(), m.fault() ? m.describe_fault() : what));
}

// The whole compute image under the Machine: returns (instructions, seconds).
std::pair<uint64_t, double> machine_run(const ElfImage& image) {
  Machine m(image);
  m.set_trace_enabled(false);  // the figures are the runtime's own: no trace hook installed
  auto t0 = Clock::now();
  StopReason r = m.run_until(Machine::kForever);
  double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  if (r != StopReason::Exited) fail(m, "did not exit");
  return {m.instructions(), secs};
}

void empty_block_hook(uc_engine*, uint64_t, uint32_t, void*) {}

// The same image on Unicorn with no hooks at all (or only an empty block hook, to separate
// Unicorn's own hook cost from the Machine's work): peripherals become plain RAM, so the image
// runs the same instruction stream until the WFI after its exit, where uc_emu_start returns.
double bare_run_seconds(const ElfImage& image, bool empty_hook) {
  Cpu cpu;
  cpu.map_ram(board::kFlashBase, board::kFlashSize, "flash");
  cpu.map_ram(board::kSramBase, board::kSramSize, "SRAM");
  cpu.map_ram(board::kPeripheralBase, board::kPeripheralSize, "peripherals");
  for (const ElfSegment& seg : image.segments())
    if (!seg.bytes.empty()) cpu.write(seg.address, seg.bytes.data(), seg.bytes.size());
  uint32_t sp = 0, reset = 0;
  cpu.read32(board::kFlashBase, sp);
  cpu.read32(board::kFlashBase + 4, reset);
  cpu.set_reg(UC_ARM_REG_SP, sp);
  uc_hook hook;
  if (empty_hook)
    uc_hook_add(cpu.engine(), &hook, UC_HOOK_BLOCK, reinterpret_cast<void*>(&empty_block_hook), nullptr, 1, 0);
  auto t0 = Clock::now();
  uc_err err = uc_emu_start(cpu.engine(), reset, 0, 0, 0);
  double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  if (err != UC_ERR_OK) throw std::runtime_error(fmt::format("bench: bare Unicorn run failed: {}", uc_strerror(err)));
  return secs;
}

// QEMU -icount, the deterministic peer: wall seconds of one whole run of a QEMU image (its start and
// exit included); nullopt when QEMU is missing or the run fails.
std::optional<double> qemu_run_seconds(const std::string& elf) {
  std::string command = fmt::format(
      "qemu-system-arm -M mps2-an385 -nographic -monitor none -serial none "
      "-semihosting-config enable=on,target=native -icount shift=0 -kernel '{}' >/dev/null 2>&1",
      elf);
  auto t0 = Clock::now();
  int status = std::system(command.c_str());
  double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  if (status != 0) return std::nullopt;
  return secs;
}

bool qemu_available() { return std::system("command -v qemu-system-arm >/dev/null 2>&1") == 0; }

// Where the guest spends its instructions between the first two marks, by function.
std::string profile_by_function(const Machine& m, uint64_t total) {
  std::map<std::string, uint64_t> by_function;
  for (const auto& [address, count] : m.profile()) {
    const ElfSymbol* s = m.image().symbol_at(address);
    by_function[s ? s->name : fmt::format("0x{:08X}", address)] += count;
  }
  std::vector<std::pair<uint64_t, std::string>> rows;
  for (auto& [name, count] : by_function) rows.push_back({count, name});
  std::sort(rows.rbegin(), rows.rend());
  std::string out;
  for (size_t i = 0; i < rows.size() && i < 15; ++i)
    out += fmt::format("  {:>7.1f}%  {}\n", 100.0 * rows[i].first / total, rows[i].second);
  return out;
}

// Runs an image to its exit and returns its marks (profiling between the first two if asked), with
// the trace port enabled only if `traced`.
std::vector<Mark> marks_of(const ElfImage& image, std::string* profile = nullptr, bool traced = false) {
  Machine m(image);
  m.set_trace_enabled(traced);
  if (profile) {
    m.on_mark([&m](const Mark&) {
      bool first = m.marks().size() == 1;
      if (first) m.clear_profile();
      m.enable_profile(first);
    });
  }
  if (m.run_until(Machine::kForever) != StopReason::Exited) fail(m, "did not exit");
  if (profile && m.marks().size() >= 2)
    *profile = profile_by_function(m, m.marks()[1].instructions - m.marks()[0].instructions);
  return m.marks();
}

// Instructions per unit between marks[i] and marks[i+1], where the closing mark's id is the count.
double per_unit(const std::vector<Mark>& marks, size_t i, const char* what) {
  if (i + 1 >= marks.size() || marks[i + 1].id == 0)
    throw std::runtime_error(fmt::format("bench: {}: expected a pair of marks at {}", what, i));
  return static_cast<double>(marks[i + 1].instructions - marks[i].instructions) / marks[i + 1].id;
}

// How an end-to-end run is made: with the trace port on or off, with or without strict alignment.
struct RunMode {
  bool traced = false;
  bool strict_alignment = false;
};

// One end-to-end run: wall nanoseconds and guest instructions per unit between an image's first two
// marks (the second's id counts the units), as `run` would run it in `mode`.
struct PerUnit {
  double wall_ns = 0, instructions = 0;
};
PerUnit end_to_end(const ElfImage& image, RunMode mode) {
  Machine m(image);
  m.set_trace_enabled(mode.traced);
  m.set_strict_alignment(mode.strict_alignment);
  std::vector<Clock::time_point> wall;
  m.on_mark([&wall](const Mark&) { wall.push_back(Clock::now()); });
  if (m.run_until(Machine::kForever) != StopReason::Exited) fail(m, "did not exit");
  const std::vector<Mark>& marks = m.marks();
  if (marks.size() < 2 || wall.size() < 2 || marks[1].id == 0)
    throw std::runtime_error(fmt::format("bench: {}: expected two marks, the second counting", image.path()));
  double units = marks[1].id;
  return {std::chrono::duration<double, std::nano>(wall[1] - wall[0]).count() / units,
          static_cast<double>(marks[1].instructions - marks[0].instructions) / units};
}

// Medians of `runs` end-to-end runs in a base mode and a variant, alternated so that both see the
// same machine load: wall ns of each, the median of the per-run ratios, and the variant's
// instructions per unit.
struct Cost {
  double base_ns = 0, variant_ns = 0, ratio = 0, variant_instructions = 0;
};
Cost cost_of(const ElfImage& image, int runs, RunMode base, RunMode variant) {
  std::vector<double> base_ns, variant_ns, ratio;
  double instructions = 0;
  for (int i = 0; i < runs; ++i) {
    base_ns.push_back(end_to_end(image, base).wall_ns);
    PerUnit v = end_to_end(image, variant);
    variant_ns.push_back(v.wall_ns);
    ratio.push_back(variant_ns.back() / base_ns.back());
    instructions = v.instructions;  // deterministic: the same every run
  }
  return {median(base_ns), median(variant_ns), median(ratio), instructions};
}

// Code bytes of the runtime (functions in namespace asyncio) in an image.
double runtime_code_bytes(const ElfImage& image) {
  uint64_t bytes = 0;
  for (const ElfSymbol& s : image.symbols())
    if (s.function && (s.name.rfind("asyncio::", 0) == 0 || s.name.find(" asyncio::") != std::string::npos))
      bytes += s.size;
  return static_cast<double>(bytes);
}

std::pair<double, double> irq_to_task(const ElfImage& image, int presses) {
  Machine m(image);
  m.set_trace_enabled(false);
  devices::Button* b1 = m.find_button("B1");
  std::vector<double> instructions, ns;
  if (m.run_until(Machine::kForever) != StopReason::Idle) fail(m, "did not go idle waiting for the button");
  m.on_mark([&m](const Mark&) { m.request_stop(); });
  for (int i = 0; i < presses; ++i) {
    uint64_t before = m.instructions();
    Cycles at = m.clock().now();
    b1->press();  // the falling edge pends the GPIO interrupt
    if (m.run_until(Machine::kForever) != StopReason::StopRequested) fail(m, "the watcher task never marked");
    instructions.push_back(static_cast<double>(m.marks().back().instructions - before));
    ns.push_back(static_cast<double>(m.clock().to_ns(m.marks().back().at - at)));
    b1->release();
    if (m.run_until(Machine::kForever) != StopReason::Idle) fail(m, "did not go idle again");
  }
  return {median(instructions), median(ns)};
}

// Emulated MIPS of one image under the Machine and on bare Unicorn (and with an empty block hook),
// medians of `runs` runs, each peer measured in the same run.
// QEMU runs the same sources built for its mps2-an385 (build/firmware/qemu/NAME.elf); its time is
// that run's minus an empty image's (QEMU's own start and exit), for the Machine's instruction count.
struct Speeds {
  double machine = 0, bare = 0, empty_hook = 0, qemu = 0;
  double vs_bare = 0, vs_qemu = 0;  // medians of each run's ratio
};
Speeds speeds(const std::string& dir, const char* name, int runs, bool with_empty_hook) {
  ElfImage image = load(dir, name);
  bool with_qemu = qemu_available();
  std::string qemu_image = fmt::format("{}/qemu/{}.elf", dir, name);
  std::string qemu_empty = fmt::format("{}/qemu/bench_empty.elf", dir);
  std::vector<double> machine, bare, hooked, qemu, vs_bare, vs_qemu;
  for (int i = 0; i < runs; ++i) {
    auto [instructions, secs] = machine_run(image);
    machine.push_back(instructions / secs / 1e6);
    bare.push_back(instructions / bare_run_seconds(image, false) / 1e6);
    vs_bare.push_back(machine.back() / bare.back());
    if (with_empty_hook) hooked.push_back(instructions / bare_run_seconds(image, true) / 1e6);
    if (with_qemu) {
      std::optional<double> full = qemu_run_seconds(qemu_image), empty = qemu_run_seconds(qemu_empty);
      if (!full || !empty)
        throw std::runtime_error(fmt::format("bench: QEMU could not run {} (or {})", qemu_image, qemu_empty));
      qemu.push_back(instructions / std::max(*full - *empty, 1e-6) / 1e6);
      vs_qemu.push_back(machine.back() / qemu.back());
    }
  }
  return {median(machine), median(bare), with_empty_hook ? median(hooked) : 0, with_qemu ? median(qemu) : 0,
          median(vs_bare), with_qemu ? median(vs_qemu) : 0};
}

}  // namespace

BenchFigures run_benchmarks(const std::string& dir, int runs, bool profile) {
  BenchFigures f;
  f.runs = runs;
  f.unicorn_version = unicorn_version();
  Speeds alu = speeds(dir, "bench_compute", runs, /*with_empty_hook=*/true);
  f.emulated_mips = alu.machine;
  f.bare_unicorn_mips = alu.bare;
  f.empty_hook_unicorn_mips = alu.empty_hook;
  f.qemu_icount_mips = alu.qemu;
  f.emulation_speed_ratio = alu.vs_bare;
  f.qemu_ratio = alu.vs_qemu;
  Speeds memory = speeds(dir, "bench_copy_loop", runs, /*with_empty_hook=*/true);
  f.mips_memory = memory.machine;
  f.bare_unicorn_mips_memory = memory.bare;
  f.empty_hook_unicorn_mips_memory = memory.empty_hook;
  f.memory_speed_ratio = memory.vs_bare;
  f.qemu_ratio_memory = memory.vs_qemu;
  f.qemu_icount_mips_memory = memory.qemu;
  std::vector<double> idle;
  ElfImage idle_blink = load(dir, "bench_idle_blink");
  for (int i = 0; i < runs; ++i) {
    Machine m(idle_blink);
    m.set_trace_enabled(false);
    constexpr double kVirtualSeconds = 600;
    auto t0 = Clock::now();
    if (m.run_until(m.clock().from_ns_ceil(static_cast<uint64_t>(kVirtualSeconds * 1e9))) != StopReason::TimeReached)
      fail(m, "stopped before 10 minutes of virtual time");
    idle.push_back(kVirtualSeconds / std::chrono::duration<double>(Clock::now() - t0).count());
  }
  f.idle_real_time_speedup = median(idle);
  std::vector<Mark> sw = marks_of(load(dir, "bench_switch"), profile ? &f.switch_profile : nullptr);
  f.switch_instructions = per_unit(sw, 0, "bench_switch, 2 tasks");
  f.switch_instructions_1_task = per_unit(sw, 2, "bench_switch, 1 task");
  f.switch_instructions_10_tasks = per_unit(sw, 4, "bench_switch, 10 tasks");
  f.switch_instructions_1000_tasks = per_unit(sw, 6, "bench_switch, 1000 tasks");
  f.switch_instructions_traced =
      per_unit(marks_of(load(dir, "bench_switch"), nullptr, /*traced=*/true), 0, "bench_switch, 2 tasks, traced");
  f.event_round_trip_instructions = per_unit(marks_of(load(dir, "bench_event")), 0, "bench_event");
  const RunMode untraced{false, false}, traced{true, false}, strict{true, true};
  Cost switches = cost_of(load(dir, "bench_e2e_switch"), runs, untraced, traced);
  f.switch_wall_ns_trace_off = switches.base_ns;
  f.switch_wall_ns_trace_on = switches.variant_ns;
  f.switch_trace_on_off_ratio = switches.ratio;
  f.switch_instructions_1000_tasks_traced = switches.variant_instructions;
  Cost events = cost_of(load(dir, "bench_e2e_event"), runs, untraced, traced);
  f.event_round_trip_wall_ns_trace_off = events.base_ns;
  f.event_round_trip_wall_ns_trace_on = events.variant_ns;
  f.event_trace_on_off_ratio = events.ratio;
  // What --strict-alignment costs, beside run's default (trace port on).
  f.switch_strict_alignment_ratio = cost_of(load(dir, "bench_e2e_switch"), runs, traced, strict).ratio;
  f.event_strict_alignment_ratio = cost_of(load(dir, "bench_e2e_event"), runs, traced, strict).ratio;
  std::vector<Mark> mem = marks_of(load(dir, "bench_memory"));
  if (mem.empty()) throw std::runtime_error("bench: bench_memory wrote no marks");
  f.bytes_per_task = mem[0].id;
  f.runtime_flash_bytes = runtime_code_bytes(load(dir, "blink"));
  auto [irq_instructions, irq_ns] = irq_to_task(load(dir, "bench_irq"), 100);
  f.irq_to_task_instructions = irq_instructions;
  f.irq_to_task_ns = irq_ns;
  f.net = run_net_benchmarks(load(dir, "bench_net_echo"));
  return f;
}

std::string bench_table(const BenchFigures& f) {
  std::string s;
  auto row = [&s](const std::string& figure, const std::string& ours, const std::string& peer) {
    s += fmt::format("{:<46} {:>10}   {}\n", figure, ours, peer);
  };
  s += fmt::format("Unicorn {}\n", f.unicorn_version);
  row("figure", "asyncboard", "peer / target");
  auto qemu = [](double qemu_mips, double ratio) {
    return qemu_mips > 0 ? fmt::format("QEMU -icount {:.0f} (ratio {:.2f})", qemu_mips, ratio)
                         : std::string("QEMU -icount: qemu-system-arm not installed");
  };
  row("emulated MIPS (compute loop)", fmt::format("{:.0f}", f.emulated_mips),
      fmt::format("bare Unicorn {:.0f} (ratio {:.2f}), empty block hook {:.0f}; medians of {} runs", f.bare_unicorn_mips,
                  f.emulation_speed_ratio, f.empty_hook_unicorn_mips, f.runs));
  row("", "", qemu(f.qemu_icount_mips, f.qemu_ratio) + "; target: at least QEMU -icount; ratios: medians of each run's");
  row("emulated MIPS (memory-bound loop)", fmt::format("{:.0f}", f.mips_memory),
      fmt::format("bare Unicorn {:.0f} (ratio {:.2f}), empty block hook {:.0f}", f.bare_unicorn_mips_memory,
                  f.memory_speed_ratio, f.empty_hook_unicorn_mips_memory));
  row("", "", qemu(f.qemu_icount_mips_memory, f.qemu_ratio_memory));
  row("virtual/real time, blinking 10 min (idle)", fmt::format("{:.0f}x", f.idle_real_time_speedup),
      "target >= 1000x (a 1 ms periodic tick gave ~250x)");
  std::string switch_peer = fmt::format("MicroPython ~{:.0f} (1 task) .. ~35000 (1000); target <= 50",
                                        kMicroPythonSwitchInstructions);
  row("instructions per sleep_ms(0) switch, 1 task", fmt::format("{:.0f}", f.switch_instructions_1_task), switch_peer);
  row("  2 tasks", fmt::format("{:.0f}", f.switch_instructions), "");
  row("  10 tasks", fmt::format("{:.0f}", f.switch_instructions_10_tasks), "");
  row("  1000 tasks", fmt::format("{:.0f}", f.switch_instructions_1000_tasks), "");
  row("  2 tasks, trace port enabled", fmt::format("{:.0f}", f.switch_instructions_traced),
      "the trace ring's words: Resumed and Suspended");
  row("instructions per Event ping-pong round trip", fmt::format("{:.0f}", f.event_round_trip_instructions), "");
  row("wall ns per switch, 1000 tasks, 2M, trace off", fmt::format("{:.1f}", f.switch_wall_ns_trace_off),
      "bench_e2e_switch end to end, as `run` runs it");
  row("  trace port on (run's default)", fmt::format("{:.1f}", f.switch_wall_ns_trace_on),
      fmt::format("{:.2f}x off; target <= 1.5x", f.switch_trace_on_off_ratio));
  row("  guest instructions per switch, traced", fmt::format("{:.0f}", f.switch_instructions_1000_tasks_traced),
      fmt::format("untraced {:.0f}; target <= 20 more", f.switch_instructions_1000_tasks));
  row("wall ns per Event round trip, 1M, trace off", fmt::format("{:.1f}", f.event_round_trip_wall_ns_trace_off),
      "bench_e2e_event end to end");
  row("  trace port on", fmt::format("{:.1f}", f.event_round_trip_wall_ns_trace_on),
      fmt::format("{:.2f}x off; target <= 1.5x", f.event_trace_on_off_ratio));
  row("--strict-alignment: wall time per switch", fmt::format("{:.2f}x", f.switch_strict_alignment_ratio),
      "beside run's default; code hooks on LDRD/LDM/exclusives");
  row("  per Event round trip", fmt::format("{:.2f}x", f.event_strict_alignment_ratio), "");
  row("instructions, button IRQ -> waiting task runs", fmt::format("{:.0f}", f.irq_to_task_instructions),
      fmt::format("MicroPython ThreadSafeFlag round trip ~{:.0f}", kMicroPythonFlagRoundTripInstructions));
  row("  the same in virtual microseconds", fmt::format("{:.2f}", f.irq_to_task_ns / 1000),
      fmt::format("at {} MHz, 1 cycle per instruction", board::kCoreClockHz / 1'000'000));
  row("RAM bytes per minimal sleeping task", fmt::format("{:.0f}", f.bytes_per_task), "MicroPython 80; target <= 64");
  row("flash bytes of the runtime's code", fmt::format("{:.0f}", f.runtime_flash_bytes), "in the blink demo");
  const NetFigures& n = f.net;
  row("instructions, echo round trip (latency 0)", fmt::format("{:.0f}", n.echo_round_trip_instructions),
      "a short line: peer's send -> reply arrives; median of 100");
  row("  the same in virtual microseconds", fmt::format("{:.2f}", n.echo_round_trip_us), "readline, write, drain");
  row("bytes per virtual second, one connection", fmt::format("{:.0f}", n.bytes_per_virtual_second),
      "bulk echo (read, write, drain), default link: CPU-bound");
  row("  guest instructions per byte", fmt::format("{:.1f}", n.instructions_per_byte), "");
  row("concurrent connections served without loss", fmt::format("{}", n.concurrent_connections_served),
      fmt::format("of {}, 10 lines each; target: all 64", n.concurrent_connections));
  row("  virtual microseconds, connects to last reply", fmt::format("{:.0f}", n.concurrent_connections_us), "");
  row("virtual microseconds, peer connect -> established", fmt::format("{:.1f}", n.connect_us),
      "default link: two one-way latencies of 20 us");
  row("  -> the firmware's connection task runs", fmt::format("{:.1f}", n.connect_to_accept_us),
      fmt::format("{:.0f} guest instructions", n.connect_to_accept_instructions));
  s += "(MicroPython figures are reference values for an emulated Cortex-M3, not measured here.)\n";
  if (!f.switch_profile.empty()) s += "\nwhere a sleep_ms(0) switch (2 tasks) spends its instructions:\n" + f.switch_profile;
  return s;
}

std::string bench_json(const BenchFigures& f) {
  return fmt::format(
      "{{\"unicorn_version\": \"{}\", \"runs\": {}, \"emulated_mips\": {:.1f}, \"bare_unicorn_mips\": {:.1f}, \"empty_hook_unicorn_mips\": {:.1f}, "
      "\"emulation_speed_ratio\": {:.3f}, \"switch_instructions\": {:.1f}, \"switch_instructions_1_task\": {:.1f}, "
      "\"switch_instructions_10_tasks\": {:.1f}, \"switch_instructions_1000_tasks\": {:.1f}, "
      "\"event_round_trip_instructions\": {:.1f}, \"irq_to_task_instructions\": {:.1f}, \"irq_to_task_ns\": {:.1f}, "
      "\"bytes_per_task\": {:.0f}, \"runtime_flash_bytes\": {:.0f}, \"mips_alu\": {:.1f}, \"mips_memory\": {:.1f}, "
      "\"mips_ratio_vs_bare_unicorn\": {:.3f}, \"mips_memory_ratio_vs_bare_unicorn\": {:.3f}, "
      "\"idle_real_time_speedup\": {:.0f}, \"qemu_icount_mips\": {:.1f}, \"qemu_icount_mips_memory\": {:.1f}, "
      "\"mips_ratio_vs_qemu_icount\": {:.3f}, \"mips_memory_ratio_vs_qemu_icount\": {:.3f}, "
      "\"switch_instructions_traced\": {:.1f}, \"echo_round_trip_instructions\": {:.0f}, \"echo_round_trip_us\": {:.2f}, "
      "\"net_bytes_per_virtual_second\": {:.0f}, \"net_instructions_per_byte\": {:.2f}, "
      "\"concurrent_connections_served\": {}, \"concurrent_connections_us\": {:.0f}, \"connect_us\": {:.1f}, "
      "\"connect_to_accept_us\": {:.1f}, \"connect_to_accept_instructions\": {:.0f}, "
      "\"switch_wall_ns_trace_off\": {:.2f}, \"switch_wall_ns_trace_on\": {:.2f}, \"switch_trace_on_off_ratio\": {:.3f}, "
      "\"switch_instructions_1000_tasks_traced\": {:.1f}, \"event_round_trip_wall_ns_trace_off\": {:.2f}, "
      "\"event_round_trip_wall_ns_trace_on\": {:.2f}, \"event_trace_on_off_ratio\": {:.3f}, "
      "\"empty_hook_unicorn_mips_memory\": {:.1f}, \"bare_unicorn_mips_memory\": {:.1f}, "
      "\"switch_strict_alignment_ratio\": {:.3f}, \"event_strict_alignment_ratio\": {:.3f}}}",
      f.unicorn_version, f.runs, f.emulated_mips, f.bare_unicorn_mips, f.empty_hook_unicorn_mips, f.emulation_speed_ratio,
      f.switch_instructions, f.switch_instructions_1_task, f.switch_instructions_10_tasks,
      f.switch_instructions_1000_tasks, f.event_round_trip_instructions, f.irq_to_task_instructions, f.irq_to_task_ns,
      f.bytes_per_task, f.runtime_flash_bytes, f.emulated_mips, f.mips_memory, f.emulation_speed_ratio,
      f.memory_speed_ratio, f.idle_real_time_speedup, f.qemu_icount_mips, f.qemu_icount_mips_memory, f.qemu_ratio,
      f.qemu_ratio_memory, f.switch_instructions_traced,
      f.net.echo_round_trip_instructions, f.net.echo_round_trip_us, f.net.bytes_per_virtual_second,
      f.net.instructions_per_byte, f.net.concurrent_connections_served, f.net.concurrent_connections_us,
      f.net.connect_us, f.net.connect_to_accept_us, f.net.connect_to_accept_instructions, f.switch_wall_ns_trace_off,
      f.switch_wall_ns_trace_on, f.switch_trace_on_off_ratio, f.switch_instructions_1000_tasks_traced,
      f.event_round_trip_wall_ns_trace_off, f.event_round_trip_wall_ns_trace_on, f.event_trace_on_off_ratio,
      f.empty_hook_unicorn_mips_memory, f.bare_unicorn_mips_memory, f.switch_strict_alignment_ratio,
      f.event_strict_alignment_ratio);
}

}  // namespace sim
