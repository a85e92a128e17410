// SPDX-License-Identifier: GPL-2.0-or-later
// Soak (issue 8): the soak image (firmware/soak.cpp) for two hours of virtual time; its frame pool,
// heap and this process's RSS are read at the 10-minute mark and at the end, and must not have grown.
// tools/soak.sh runs the same image for longer, from the command line.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <string>

#include "elf_image.h"
#include "firmware_memory.h"
#include "machine.h"

namespace sim {

TEST_CASE("soak: two virtual hours of tasks, timeouts, locks and TCP leave memory where it was", "[soak]") {
  ElfImage image = ElfImage::load(std::string(ASYNCBOARD_FIRMWARE_DIR) + "/test_soak.elf");
  Machine m(image);
  m.set_trace_enabled(false);
  const Cycles minute = 60ull * m.clock().core_hz();
  REQUIRE(m.run_until(10 * minute) == StopReason::TimeReached);
  FirmwareMemory early = read_firmware_memory(m);
  REQUIRE(m.run_until(120 * minute) == StopReason::TimeReached);
  FirmwareMemory late = read_firmware_memory(m);
  INFO("after 10 min: " << describe(early));
  INFO("after 2 h:    " << describe(late));
  REQUIRE(early.frames_in_use);
  REQUIRE(early.heap_bytes);
  CHECK(*late.frame_allocations > *early.frame_allocations + 100'000);  // it kept working
  CHECK(*late.frames_high_water == *early.frames_high_water);
  CHECK(*late.frames_in_use == *early.frames_in_use);  // both taken during the 1 s sleep between rounds
  // The break moves in pages (newlib's malloc asks sbrk for whole pages, and its free chunks settle
  // over the first hours): at most one more; the bytes in use, below, are exact.
  CHECK(*late.heap_bytes <= *early.heap_bytes + 4096);
  CHECK(late.host_rss_bytes < early.host_rss_bytes + 16 * 1024 * 1024);
  // Every round printed nothing but its progress line: nothing went wrong inside.
  for (const ConsoleLine& l : m.console()) CHECK_THAT(l.text, Catch::Matches("soak: [0-9]+ rounds, heap in use [0-9]+"));
  REQUIRE(m.console().size() == 11);  // rounds 600 .. 6600 (about 1.01 s a round)
  auto in_use = [](const std::string& line) { return line.substr(line.rfind(' ') + 1); };
  // Flat from 20 minutes on (one allocation of about 1 KiB that stays is made once, between rounds
  // 600 and 1200): not a byte more in the hour and a half after.
  CHECK(in_use(m.console().back().text) == in_use(m.console()[1].text));
}

}  // namespace sim
