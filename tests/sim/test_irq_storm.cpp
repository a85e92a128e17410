// SPDX-License-Identifier: GPL-2.0-or-later
// The interrupt storm (issue 8): a million interrupts at seeded random virtual instants against
// ThreadSafeFlag waiters (firmware: firmware/irq_storm.cpp), including instants between the loop's
// last check and its WFI; no set may be lost, no wake may come from nowhere, and a replay with the
// same seed is the same run, instruction for instruction.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <random>
#include <string>
#include <vector>

#include "armv7m.h"
#include "elf_image.h"
#include "machine.h"

namespace sim {

namespace {

struct StormResult {
  std::vector<std::string> console;
  uint64_t interrupts = 0;
  uint64_t in_idle_window = 0;  // pended in thread mode with PRIMASK set: between the loop's check and WFI
  uint64_t instructions = 0;
  Cycles end = 0;
  std::optional<uint32_t> exit_status;
};

StormResult storm(uint64_t seed, uint64_t count, Cycles mean_gap) {
  ElfImage image = ElfImage::load(std::string(ASYNCBOARD_FIRMWARE_DIR) + "/test_irq_storm.elf");
  Machine m(image);
  m.set_trace_enabled(false);
  StormResult r;
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<Cycles> gap(1, 2 * mean_gap);
  std::uniform_int_distribution<int> line(20, 23);
  std::function<void()> strike = [&] {
    if (m.cpu().reg(UC_ARM_REG_PRIMASK) && (m.cpu().reg(UC_ARM_REG_XPSR) & 0x1FF) == 0 && !m.sleeping())
      ++r.in_idle_window;
    m.nvic().set_pending(16 + line(random));
    if (++r.interrupts < count)
      m.clock().schedule_at(m.clock().to_ns(m.clock().now() + gap(random)), strike);
    else
      m.clock().schedule_at(m.clock().to_ns(m.clock().now() + 64'000), [&m] { m.nvic().set_pending(16 + 24); });
  };
  m.clock().schedule_at(m.clock().to_ns(64'000), strike);
  StopReason stop = m.run_until(Machine::kForever);
  while (stop == StopReason::Exited || stop == StopReason::StopRequested) stop = m.run_until(Machine::kForever);
  for (const ConsoleLine& l : m.console()) r.console.push_back(l.text);
  r.instructions = m.instructions();
  r.end = m.clock().now();
  r.exit_status = m.exit_status();
  if (m.fault()) FAIL(m.describe_fault());
  return r;
}

}  // namespace

TEST_CASE("interrupt storm: a million interrupts at random instants lose no ThreadSafeFlag set", "[storm]") {
  StormResult a = storm(20261122, 1'000'000, 300);
  INFO(fmt::format("{} interrupts, {} in the idle window", a.interrupts, a.in_idle_window));
  for (const std::string& line : a.console) INFO(line);
  REQUIRE(a.interrupts == 1'000'000);
  CHECK(a.in_idle_window > 100);  // the race window was hit, many times
  REQUIRE(a.console.size() == 5);
  for (int i = 0; i < 4; ++i) CHECK_THAT(a.console[i], Catch::EndsWith("every set seen"));
  CHECK(a.console[4] == "storm: ok");
  CHECK(a.exit_status == 0u);

  StormResult b = storm(20261122, 1'000'000, 300);  // the replay: the same run
  CHECK(b.console == a.console);
  CHECK(b.instructions == a.instructions);
  CHECK(b.end == a.end);
  CHECK(b.in_idle_window == a.in_idle_window);
}

}  // namespace sim
