// SPDX-License-Identifier: GPL-2.0-or-later
// What read_firmware_memory() reports about the stacks: the main stack's peak from the paint that
// Machine::load() lays down, its depth now, and PSP once the firmware sets one.
#include <catch2/catch.hpp>

#include <string>

#include "elf_image.h"
#include "firmware_image.h"
#include "firmware_memory.h"
#include "machine.h"

namespace sim {

TEST_CASE("the main stack's peak: a 4 KiB frame written in full shows as at least 4 KiB", "[memory]") {
  ElfImage image = firmware("test_stack_depth.elf");
  Machine m(image);
  FirmwareMemory before = read_firmware_memory(m);
  REQUIRE(before.main_stack_bytes);
  CHECK(*before.main_stack_bytes == 16 * 1024);  // board.ld's __stack_size
  CHECK(*before.main_stack_peak == 0);           // nothing has run: the paint is whole
  CHECK(*before.main_stack_now == 0);            // SP at the reset value, the stack's top
  REQUIRE(m.run_until(Machine::kForever) == StopReason::Exited);
  FirmwareMemory after = read_firmware_memory(m);
  INFO(describe(after));
  CHECK(*after.main_stack_peak >= 4096);
  CHECK(*after.main_stack_peak < 4096 + 1024);  // the buffer, plus startup's and printf's frames
  CHECK_THAT(describe(after), Catch::Contains("main stack peak"));
  CHECK_FALSE(after.process_stack_pointer);  // this image never leaves MSP
}

TEST_CASE("a stack overflow uses the whole main stack, and the report says so", "[memory]") {
  ElfImage image = firmware("test_stack_overflow.elf");
  Machine m(image);
  REQUIRE(m.run_until(Machine::kForever) == StopReason::Faulted);
  FirmwareMemory mem = read_firmware_memory(m);
  CHECK(*mem.main_stack_peak == *mem.main_stack_bytes);
}

TEST_CASE("a firmware that runs threads on PSP shows its process stack pointer", "[memory]") {
  ElfImage image = firmware("test_psp_thread.elf");
  Machine m(image);
  REQUIRE(m.run_until(Machine::kForever) == StopReason::Exited);
  FirmwareMemory mem = read_firmware_memory(m);
  REQUIRE(mem.process_stack_pointer);
  CHECK(*mem.process_stack_pointer >= 0x20000000u);
}

}  // namespace sim
