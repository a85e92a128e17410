#include "bench.h"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <map>
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

double switch_instructions(const ElfImage& image, std::string* profile) {
  Machine m(image);
  if (profile) {
    m.on_mark([&m](const Mark& mark) {
      if (mark.id == 1) m.clear_profile();
      m.enable_profile(mark.id == 1);
    });
  }
  if (m.run_until(Machine::kForever) != StopReason::Exited) fail(m, "did not exit");
  // Mark 1 starts the measurement; the closing mark's id is the number of switches made.
  const auto& marks = m.marks();
  if (marks.size() != 2 || marks[0].id != 1 || marks[1].id == 0) fail(m, "expected marks 1 and N");
  if (profile) *profile = profile_by_function(m, marks[1].instructions - marks[0].instructions);
  return static_cast<double>(marks[1].instructions - marks[0].instructions) / marks[1].id;
}

std::pair<double, double> irq_to_task(const ElfImage& image, int presses) {
  Machine m(image);
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

}  // namespace

BenchFigures run_benchmarks(const std::string& dir, int runs, bool profile) {
  BenchFigures f;
  f.runs = runs;
  ElfImage compute = load(dir, "bench_compute");
  std::vector<double> emulated, bare, hooked;
  for (int i = 0; i < runs; ++i) {
    auto [instructions, secs] = machine_run(compute);
    emulated.push_back(instructions / secs / 1e6);
    bare.push_back(instructions / bare_run_seconds(compute, false) / 1e6);
    hooked.push_back(instructions / bare_run_seconds(compute, true) / 1e6);
  }
  f.emulated_mips = median(emulated);
  f.bare_unicorn_mips = median(bare);
  f.empty_hook_unicorn_mips = median(hooked);
  f.emulation_speed_ratio = f.emulated_mips / f.bare_unicorn_mips;
  f.switch_instructions = switch_instructions(load(dir, "bench_switch"), profile ? &f.switch_profile : nullptr);
  auto [irq_instructions, irq_ns] = irq_to_task(load(dir, "bench_irq"), 100);
  f.irq_to_task_instructions = irq_instructions;
  f.irq_to_task_ns = irq_ns;
  return f;
}

std::string bench_table(const BenchFigures& f) {
  std::string s;
  s += fmt::format("{:<44} {:>12}   {}\n", "figure", "asyncboard", "peer");
  s += fmt::format("{:<44} {:>12.0f}   bare Unicorn {:.0f} (ratio {:.2f}; medians of {} runs)\n",
                   "emulated MIPS (compute loop)", f.emulated_mips, f.bare_unicorn_mips, f.emulation_speed_ratio, f.runs);
  s += fmt::format("{:<44} {:>12}   Unicorn with an empty block hook {:.0f}\n", "", "", f.empty_hook_unicorn_mips);
  s += fmt::format("{:<44} {:>12.0f}   MicroPython asyncio ~{:.0f} (reference figure)\n",
                   "guest instructions per sleep_ms(0) switch", f.switch_instructions, kMicroPythonSwitchInstructions);
  s += fmt::format("{:<44} {:>12.0f}   MicroPython ThreadSafeFlag round trip ~{:.0f} (reference figure)\n",
                   "guest instructions, button IRQ -> task runs", f.irq_to_task_instructions,
                   kMicroPythonFlagRoundTripInstructions);
  s += fmt::format("{:<44} {:>12.2f}   at {} MHz, 1 cycle per instruction\n", "  the same in virtual microseconds",
                   f.irq_to_task_ns / 1000, board::kCoreClockHz / 1'000'000);
  if (!f.switch_profile.empty()) s += "\nwhere a sleep_ms(0) switch spends its instructions:\n" + f.switch_profile;
  return s;
}

std::string bench_json(const BenchFigures& f) {
  return fmt::format(
      "{{\"runs\": {}, \"emulated_mips\": {:.1f}, \"bare_unicorn_mips\": {:.1f}, \"empty_hook_unicorn_mips\": {:.1f}, "
      "\"emulation_speed_ratio\": {:.3f}, "
      "\"switch_instructions\": {:.1f}, \"irq_to_task_instructions\": {:.1f}, \"irq_to_task_ns\": {:.1f}}}",
      f.runs, f.emulated_mips, f.bare_unicorn_mips, f.empty_hook_unicorn_mips, f.emulation_speed_ratio, f.switch_instructions,
      f.irq_to_task_instructions, f.irq_to_task_ns);
}

}  // namespace sim
