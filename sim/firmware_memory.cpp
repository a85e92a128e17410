// SPDX-License-Identifier: GPL-2.0-or-later
#include "firmware_memory.h"

#include <unistd.h>

#include <cstdio>
#include <vector>

#include <fmt/format.h>

#include "machine.h"

namespace sim {

namespace {

std::optional<uint32_t> word_at(const Machine& m, const char* symbol, uint32_t offset = 0) {
  const ElfSymbol* s = m.image().find(symbol);
  uint32_t v = 0;
  if (!s || !m.cpu().read(s->address + offset, &v, 4)) return std::nullopt;
  return v;
}

uint64_t resident_bytes() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  unsigned long size = 0, resident = 0;
  int n = std::fscanf(f, "%lu %lu", &size, &resident);
  std::fclose(f);
  return n == 2 ? static_cast<uint64_t>(resident) * static_cast<uint64_t>(sysconf(_SC_PAGESIZE)) : 0;
}

// The deepest the stack has been: the paint is intact below it.
uint32_t stack_peak(const Machine& m, const Machine::StackRegion& stack) {
  std::vector<uint32_t> words((stack.top - stack.bottom) / 4);
  if (!m.cpu().read(stack.bottom, words.data(), words.size() * 4)) return 0;
  size_t untouched = 0;
  while (untouched < words.size() && words[untouched] == Machine::kStackPaint) ++untouched;
  return static_cast<uint32_t>((words.size() - untouched) * 4);
}

}  // namespace

FirmwareMemory read_firmware_memory(const Machine& m) {
  FirmwareMemory mem;
  // asyncio::FrameStats on the board: four 32-bit size_t -- allocations, in use, high water, capacity.
  mem.frame_allocations = word_at(m, "asyncio_frame_stats", 0);
  mem.frames_in_use = word_at(m, "asyncio_frame_stats", 4);
  mem.frames_high_water = word_at(m, "asyncio_frame_stats", 8);
  mem.frame_pool_bytes = word_at(m, "asyncio_frame_stats", 12);
  std::optional<uint32_t> brk = word_at(m, "asyncio_heap_break");
  const ElfSymbol* start = m.image().find("__heap_start");
  if (brk && start) mem.heap_bytes = *brk - start->address;
  if (std::optional<Machine::StackRegion> stack = m.main_stack()) {
    mem.main_stack_bytes = stack->top - stack->bottom;
    mem.main_stack_peak = stack_peak(m, *stack);
    uint32_t msp = m.cpu().reg(UC_ARM_REG_MSP);
    if (msp >= stack->bottom && msp <= stack->top) mem.main_stack_now = stack->top - msp;
  }
  if (uint32_t psp = m.cpu().reg(UC_ARM_REG_PSP)) mem.process_stack_pointer = psp;
  mem.host_rss_bytes = resident_bytes();
  return mem;
}

std::string describe(const FirmwareMemory& mem) {
  std::string out;
  if (mem.frames_in_use && mem.frame_pool_bytes)
    out += fmt::format("frame pool {} of {} bytes in use (high water {}; {} allocations), ", *mem.frames_in_use,
                       *mem.frame_pool_bytes, mem.frames_high_water.value_or(0), mem.frame_allocations.value_or(0));
  if (mem.heap_bytes) out += fmt::format("heap {} bytes, ", *mem.heap_bytes);
  if (mem.main_stack_peak) out += fmt::format("main stack peak {} of {} bytes, ", *mem.main_stack_peak, *mem.main_stack_bytes);
  if (mem.process_stack_pointer) out += fmt::format("PSP 0x{:08X}, ", *mem.process_stack_pointer);
  return out + fmt::format("host RSS {:.1f} MiB", static_cast<double>(mem.host_rss_bytes) / (1 << 20));
}

}  // namespace sim
