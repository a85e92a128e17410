// SPDX-License-Identifier: GPL-2.0-or-later
#include <catch2/catch.hpp>

#include <stdexcept>

#include "devices/register_map.h"
#include "diagnostic_log.h"

using devices::Register;
using devices::RegisterMap;
using devices::testing::DiagnosticLog;

namespace {
// A two-register device: CFG read-write, ID read-only, KICK write-only.
struct Toy {
  uint32_t cfg = 0;
  uint32_t kicks = 0;
  RegisterMap map{"TOY",
                  {
                      {0x00, "CFG", [this] { return cfg; }, [this](uint32_t v) { cfg = v; }},
                      {0x04, "ID", [] { return 0xA1B2C3D4u; }, nullptr},
                      {0x08, "KICK", nullptr, [this](uint32_t v) { kicks += v; }},
                  }};
};
}  // namespace

TEST_CASE("register map dispatches word accesses to the register at the offset", "[register_map]") {
  Toy toy;
  DiagnosticLog log;
  log.attach(toy.map);
  toy.map.write(0x00, 4, 0x1234);
  CHECK(toy.cfg == 0x1234);
  CHECK(toy.map.read(0x00, 4) == 0x1234);
  CHECK(toy.map.read(0x04, 4) == 0xA1B2C3D4u);
  toy.map.write(0x08, 4, 3);
  CHECK(toy.kicks == 3);
  CHECK(log.lines.empty());
}

TEST_CASE("register map finds registers by offset", "[register_map]") {
  Toy toy;
  REQUIRE(toy.map.find(0x04) != nullptr);
  CHECK(std::string(toy.map.find(0x04)->name) == "ID");
  CHECK(toy.map.find(0x0C) == nullptr);
  CHECK(toy.map.device_name() == "TOY");
}

TEST_CASE("unmapped accesses return 0, change nothing and are reported", "[register_map]") {
  Toy toy;
  DiagnosticLog log;
  log.attach(toy.map);
  CHECK(toy.map.read(0x40, 4) == 0);
  toy.map.write(0x44, 4, 7);
  CHECK(toy.cfg == 0);
  REQUIRE(log.lines.size() == 2);
  CHECK(log.lines[0] == "TOY: read of reserved offset 0x40 returns 0");
  CHECK(log.lines[1] == "TOY: write of 0x7 to reserved offset 0x44 ignored");
}

TEST_CASE("writes to a read-only register are ignored and reported by name", "[register_map]") {
  Toy toy;
  DiagnosticLog log;
  log.attach(toy.map);
  toy.map.write(0x04, 4, 1);
  CHECK(toy.map.read(0x04, 4) == 0xA1B2C3D4u);
  REQUIRE(log.lines.size() == 1);
  CHECK(log.lines[0] == "TOY: write of 0x1 to read-only register ID (0x04) ignored");
}

TEST_CASE("reads of a write-only register return 0 and are reported by name", "[register_map]") {
  Toy toy;
  DiagnosticLog log;
  log.attach(toy.map);
  toy.map.write(0x08, 4, 5);
  CHECK(toy.map.read(0x08, 4) == 0);
  REQUIRE(log.lines.size() == 1);
  CHECK(log.lines[0] == "TOY: read of write-only register KICK (0x08) returns 0");
}

TEST_CASE("sub-word reads return the addressed lane and are reported", "[register_map]") {
  Toy toy;
  DiagnosticLog log;
  log.attach(toy.map);
  CHECK(toy.map.read(0x05, 1) == 0xC3);
  CHECK(toy.map.read(0x06, 2) == 0xA1B2);
  REQUIRE(log.lines.size() == 2);
  CHECK(log.lines[0] == "TOY: 1-byte read of ID (0x05): registers are 32-bit");
}

TEST_CASE("sub-word writes are ignored and reported", "[register_map]") {
  Toy toy;
  DiagnosticLog log;
  log.attach(toy.map);
  toy.map.write(0x00, 1, 0xFF);
  CHECK(toy.cfg == 0);
  REQUIRE(log.lines.size() == 1);
  CHECK(log.lines[0] == "TOY: 1-byte write to CFG (0x00) ignored: registers are 32-bit");
}

// A write-one-to-clear status register whose bytes are registers of their own (as CFSR's MMFSR,
// BFSR and UFSR are): a byte write must clear only bits of its own byte, so it reaches the write
// handler as that lane alone, not merged with what the other lanes read.
TEST_CASE("sub-word writes to a lanes-only register pass the lane alone, and its sub-word reads are quiet",
          "[register_map]") {
  uint32_t status = 0x00018282;
  RegisterMap map{"TOY",
                  {{0x00, "STATUS", [&] { return status; }, [&](uint32_t v) { status &= ~v; }, /*sub_word=*/true,
                    /*lanes_only=*/true}}};
  DiagnosticLog log;
  log.attach(map);
  map.write(0x01, 1, 0x02);
  CHECK(status == 0x00018082u);
  map.write(0x02, 2, 0x0001);
  CHECK(status == 0x00008082u);
  CHECK(map.read(0x01, 1) == 0x80);
  CHECK(log.lines.empty());
}

TEST_CASE("devices report through the map with the device name prefixed", "[register_map]") {
  Toy toy;
  DiagnosticLog log;
  log.attach(toy.map);
  toy.map.report("something odd");
  REQUIRE(log.lines.size() == 1);
  CHECK(log.lines[0] == "TOY: something odd");
}

TEST_CASE("without a diagnostics sink odd accesses are still harmless", "[register_map]") {
  Toy toy;
  CHECK(toy.map.read(0x40, 4) == 0);
  toy.map.write(0x04, 4, 1);
  toy.map.report("nobody listens");
  CHECK(toy.cfg == 0);
}

TEST_CASE("a register map is checked against its definition and names every difference", "[register_map]") {
  using board::definition::Access;
  static constexpr board::definition::RegisterDefinition kToy[] = {
      {0x00, "CTRL", Access::ReadWrite}, {0x04, "STATUS", Access::ReadOnly}, {0x08, "KICK", Access::WriteOnly}};
  auto rd = [] { return 0u; };
  auto wr = [](uint32_t) {};
  CHECK_NOTHROW(RegisterMap("TOY", {{0x00, "CTRL", rd, wr}, {0x04, "STATUS", rd, nullptr}, {0x08, "KICK", nullptr, wr}},
                            board::definition::table(kToy)));
  try {
    RegisterMap("TOY", {{0x00, "CONTROL", rd, wr}, {0x04, "STATUS", rd, wr}, {0x0C, "EXTRA", rd, wr}},
                board::definition::table(kToy));
    FAIL("a drifted map was accepted");
  } catch (const std::logic_error& e) {
    CHECK(std::string(e.what()) ==
          "TOY: the register map differs from devices/registers.yaml: 0x00 is CTRL in the definition but CONTROL here; "
          "STATUS (0x04) is read-only in the definition but read/write here; KICK (0x08) is missing; "
          "EXTRA (0x0C) is not in the definition (change the model or the definition, then run python3 "
          "tools/gen_registers.py)");
  }
}
