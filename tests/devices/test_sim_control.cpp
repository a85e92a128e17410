// SPDX-License-Identifier: GPL-2.0-or-later
#include <catch2/catch.hpp>

#include <vector>

#include "board/registers.h"
#include "devices/sim_control.h"
#include "diagnostic_log.h"

using devices::SimControl;
using devices::testing::DiagnosticLog;
namespace simctl = board::simctl;

TEST_CASE("an EXIT write reports the status to every exit observer and no mark observer", "[simctl]") {
  SimControl sim;
  std::vector<uint32_t> exits, exits2, marks;
  sim.on_exit([&exits](uint32_t s) { exits.push_back(s); });
  sim.on_exit([&exits2](uint32_t s) { exits2.push_back(s); });
  sim.on_mark([&marks](uint32_t id) { marks.push_back(id); });
  sim.registers().write(simctl::EXIT, 4, 3);
  CHECK(exits == std::vector<uint32_t>{3});
  CHECK(exits2 == std::vector<uint32_t>{3});
  CHECK(marks.empty());
}

TEST_CASE("each MARK write is one mark, repeated ids included", "[simctl]") {
  SimControl sim;
  std::vector<uint32_t> exits, marks;
  sim.on_exit([&exits](uint32_t s) { exits.push_back(s); });
  sim.on_mark([&marks](uint32_t id) { marks.push_back(id); });
  sim.registers().write(simctl::MARK, 4, 0xBEEF);
  sim.registers().write(simctl::MARK, 4, 0xBEEF);
  sim.registers().write(simctl::MARK, 4, 0xFFFF'FFFF);
  CHECK(marks == std::vector<uint32_t>{0xBEEF, 0xBEEF, 0xFFFF'FFFF});
  CHECK(exits.empty());
}

TEST_CASE("EXIT and MARK are write-only: reads return 0 and are reported", "[simctl]") {
  SimControl sim;
  DiagnosticLog log;
  log.attach(sim.registers());
  CHECK(sim.registers().read(simctl::EXIT, 4) == 0);
  CHECK(sim.registers().read(simctl::MARK, 4) == 0);
  REQUIRE(log.lines.size() == 2);
  CHECK(log.lines[0] == "SIMCTL: read of write-only register EXIT (0x00) returns 0");
  CHECK(log.lines[1] == "SIMCTL: read of write-only register MARK (0x04) returns 0");
}

TEST_CASE("a byte write to EXIT does not end the run", "[simctl]") {
  SimControl sim;
  DiagnosticLog log;
  log.attach(sim.registers());
  int exits = 0;
  sim.on_exit([&exits](uint32_t) { ++exits; });
  sim.registers().write(simctl::EXIT, 1, 0);
  CHECK(exits == 0);
  CHECK(log.lines.size() == 1);
}

TEST_CASE("an UNHANDLED write reports the exception number, not an exit or a mark", "[simctl]") {
  SimControl sim;
  DiagnosticLog log;
  log.attach(sim.registers());
  std::vector<uint32_t> unhandled;
  int others = 0;
  sim.on_unhandled([&unhandled](uint32_t exception) { unhandled.push_back(exception); });
  sim.on_exit([&others](uint32_t) { ++others; });
  sim.on_mark([&others](uint32_t) { ++others; });
  sim.registers().write(simctl::UNHANDLED, 4, 16 + 2);
  CHECK(unhandled == std::vector<uint32_t>{18});
  CHECK(others == 0);
  CHECK(log.lines.empty());  // mapped: not an unmapped-offset write
  CHECK(sim.registers().read(simctl::UNHANDLED, 4) == 0);
  REQUIRE(log.lines.size() == 1);
  CHECK(log.lines[0] == "SIMCTL: read of write-only register UNHANDLED (0x08) returns 0");
}

TEST_CASE("a TERMINATE write reports the description's address, and nothing else", "[simctl]") {
  SimControl sim;
  std::vector<uint32_t> terminated;
  int others = 0;
  sim.on_terminate([&terminated](uint32_t address) { terminated.push_back(address); });
  sim.on_exit([&others](uint32_t) { ++others; });
  sim.on_unhandled([&others](uint32_t) { ++others; });
  sim.registers().write(simctl::TERMINATE, 4, 0x2000'0120);
  CHECK(terminated == std::vector<uint32_t>{0x2000'0120});
  CHECK(others == 0);
}
