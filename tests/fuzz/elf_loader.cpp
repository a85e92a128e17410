// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: the ELF loader (sim::ElfImage::from_bytes) and the Machine built from what it loads.
// A bad image must be refused with an ElfError (or a CpuError from the machine), never crash; an
// image the machine accepts must have every segment inside flash or SRAM, and may run a little:
// whatever its code does is a firmware fault reported by the machine, not a simulator crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "board/memory_map.h"
#include "elf_image.h"
#include "machine.h"

namespace {

constexpr sim::Cycles kRunCycles = 20'000;  // enough for a few exceptions and faults, cheap per input

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "elf_loader: %s: %s\n", what, detail.c_str());
  std::abort();
}

bool inside(const sim::ElfSegment& seg, uint64_t base, uint64_t size) {
  return seg.address >= base && uint64_t{seg.address} + seg.mem_size <= base + size;
}

void exercise_lookups(const sim::ElfImage& image) {
  for (const sim::ElfSymbol& s : image.symbols()) {
    (void)image.describe(s.address);
    (void)image.describe(s.address + s.size);
  }
  (void)image.describe(image.entry());
  (void)image.find("__stack_guard");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<uint8_t> bytes(data, data + size);
  sim::ElfImage image;
  try {
    image = sim::ElfImage::from_bytes(std::move(bytes), "fuzz.elf");
  } catch (const sim::ElfError&) {
    return 0;
  }
  exercise_lookups(image);
  try {
    sim::Machine machine(image);
    for (const sim::ElfSegment& seg : image.segments())
      if (!inside(seg, board::kFlashBase, board::kFlashSize) && !inside(seg, board::kSramBase, board::kSramSize))
        fail("the machine accepted a segment outside flash and SRAM", std::to_string(seg.address));
    machine.run_until(kRunCycles);
    if (machine.fault()) (void)machine.describe_fault(), (void)machine.fault_details();
  } catch (const sim::ElfError&) {
  } catch (const sim::CpuError&) {
  }
  return 0;
}
