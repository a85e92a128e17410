// SPDX-License-Identifier: GPL-2.0-or-later
// The facts about Unicorn that the Machine relies on (sim/UNICORN.md), checked on the Unicorn this
// process has loaded with small Thumb programs: a version that changes one fails here, by name.
#include <catch2/catch.hpp>

#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "cpu.h"

namespace sim {
namespace {

constexpr uint32_t kCode = 0x0800'0000;
constexpr uint32_t kRam = 0x2000'0000;

bool at_least_2_1() {
  unsigned major = 0, minor = 0;
  uc_version(&major, &minor);
  return major > 2 || (major == 2 && minor >= 1);
}

// One program on a fresh Cortex-M4 core, with the hooks the Machine uses recording what they saw.
struct Probe {
  Cpu cpu;
  std::vector<uint32_t> invalid_pcs;            // PC in UC_HOOK_INSN_INVALID
  std::vector<std::pair<uint32_t, uint32_t>> interrupts;  // (intno, PC) in UC_HOOK_INTR
  bool accept_invalid = true;                   // what the invalid-instruction hook returns

  explicit Probe(std::vector<uint16_t> code) {
    cpu.map_ram(kCode, 0x1000, "code");
    cpu.map_ram(kRam, 0x1000, "RAM");
    cpu.write(kCode, code.data(), code.size() * 2);
    cpu.set_reg(UC_ARM_REG_SP, kRam + 0x800);
    uc_hook h;
    uc_hook_add(cpu.engine(), &h, UC_HOOK_INSN_INVALID, reinterpret_cast<void*>(&Probe::on_invalid), this, 1, 0);
    uc_hook_add(cpu.engine(), &h, UC_HOOK_INTR, reinterpret_cast<void*>(&Probe::on_interrupt), this, 1, 0);
  }
  uc_err run(uint32_t ipsr = 0) {
    if (ipsr) cpu.set_ipsr(ipsr);
    return uc_emu_start(cpu.engine(), kCode | 1, 0, 0, 0);
  }
  uint32_t pc() const { return cpu.reg(UC_ARM_REG_PC) & ~1u; }
  static bool on_invalid(uc_engine*, void* user) {
    auto* p = static_cast<Probe*>(user);
    p->invalid_pcs.push_back(p->pc());
    return p->accept_invalid;
  }
  static void on_interrupt(uc_engine* uc, uint32_t intno, void* user) {
    auto* p = static_cast<Probe*>(user);
    p->interrupts.emplace_back(intno, p->cpu.reg(UC_ARM_REG_PC));
    uc_emu_stop(uc);  // nothing here redirects the core: stop where it is
  }
};

constexpr uint16_t kMovsR0_1 = 0x2001, kMovsR0_2 = 0x2002, kWfe = 0xBF20, kYield = 0xBF10, kWfi = 0xBF30,
                   kUdf = 0xDE00, kSvc5 = 0xDF05, kBxLr = 0x4770, kBSelf = 0xE7FE;

}  // namespace

TEST_CASE("Unicorn: WFE and YIELD come to the invalid-instruction hook with PC past them", "[unicorn]") {
  for (uint16_t hint : {kWfe, kYield}) {
    Probe p({kMovsR0_1, hint, kMovsR0_2, kUdf});
    p.accept_invalid = true;
    p.run();
    REQUIRE_FALSE(p.invalid_pcs.empty());
    CHECK(p.invalid_pcs[0] == kCode + 4);  // after the hint at +2
    if (at_least_2_1()) {
      // 2.1 goes on after the hook; the UDF two bytes later is the next thing it meets.
      CHECK(p.cpu.reg(UC_ARM_REG_R0) == 2);
    } else {
      // 2.0.1 stops right after the hook, at the instruction after the hint.
      CHECK(p.invalid_pcs.size() == 1);
      CHECK(p.pc() == kCode + 4);
      CHECK(p.cpu.reg(UC_ARM_REG_R0) == 1);
    }
  }
}

TEST_CASE("Unicorn: an undefined instruction comes to the hook with PC at it, declined it stops there",
          "[unicorn]") {
  Probe p({kMovsR0_1, kUdf, kMovsR0_2});
  p.accept_invalid = false;
  CHECK(p.run() == UC_ERR_INSN_INVALID);
  REQUIRE(p.invalid_pcs.size() == 1);
  CHECK(p.invalid_pcs[0] == kCode + 2);
  CHECK(p.pc() == kCode + 2);
  CHECK(p.interrupts.empty());  // declined: not raised a second time as intno 1
  CHECK(p.cpu.reg(UC_ARM_REG_R0) == 1);
}

TEST_CASE("Unicorn: WFI returns from uc_emu_start with PC after it", "[unicorn]") {
  Probe p({kMovsR0_1, kWfi, kMovsR0_2, kBSelf});
  CHECK(p.run() == UC_ERR_OK);
  CHECK(p.pc() == kCode + 4);
  CHECK(p.cpu.reg(UC_ARM_REG_R0) == 1);
}

TEST_CASE("Unicorn: SVC is intno 2 with PC after it", "[unicorn]") {
  Probe p({kSvc5, kBSelf});
  p.run();
  REQUIRE(p.interrupts.size() == 1);
  CHECK(p.interrupts[0] == std::pair<uint32_t, uint32_t>{2, kCode + 2});
}

TEST_CASE("Unicorn: a branch to EXC_RETURN in handler mode is intno 3 or 8 at 0xFFFFFFF8, nothing unstacked",
          "[unicorn]") {
  Probe p({kBxLr});
  p.cpu.set_reg(UC_ARM_REG_LR, 0xFFFFFFF9);
  p.run(/*ipsr=*/15);
  REQUIRE(p.interrupts.size() == 1);
  uint32_t intno = p.interrupts[0].first;
  CHECK((intno == 3 || intno == 8));
  CHECK((p.interrupts[0].second & ~1u) == 0xFFFFFFF8);
  CHECK(p.cpu.reg(UC_ARM_REG_SP) == kRam + 0x800);
}

TEST_CASE("Unicorn: the firmware's stores land in host-backed RAM, and a part of it can be unmapped", "[unicorn]") {
  constexpr uint16_t kStrR0AtR1 = 0x6008;  // str r0, [r1]
  Probe p({kStrR0AtR1, kWfi});
  p.cpu.set_reg(UC_ARM_REG_R0, 0xCAFEF00D);
  p.cpu.set_reg(UC_ARM_REG_R1, kRam + 0x100);
  REQUIRE(p.run() == UC_ERR_OK);
  uint8_t* host = p.cpu.host(kRam + 0x100, 4);
  REQUIRE(host);
  uint32_t seen = 0;
  std::memcpy(&seen, host, 4);
  CHECK(seen == 0xCAFEF00D);
  // The stack guard's way: a hole, which the host view refuses and the core faults on.
  Cpu cpu;
  cpu.map_ram(kRam, 0x4000, "RAM");
  REQUIRE(cpu.unmap(kRam + 0x1000, 0x1000));
  CHECK(cpu.host(kRam + 0x1000, 4) == nullptr);
  CHECK(cpu.host(kRam + 0xFFE, 4) == nullptr);
  CHECK(cpu.host(kRam + 0x2000, 4) != nullptr);
  CHECK_FALSE(cpu.write32(kRam + 0x1000, 1));
}

TEST_CASE("Unicorn: writing CONTROL is an MSR: ignored from unprivileged Thread mode, SPSEL kept in Handler mode",
          "[unicorn]") {
  Cpu cpu;
  cpu.set_reg(UC_ARM_REG_CONTROL, 3);  // privileged Thread mode: taken whole (nPRIV, SPSEL)
  REQUIRE(cpu.reg(UC_ARM_REG_CONTROL) == 3);
  cpu.set_reg(UC_ARM_REG_CONTROL, 0);  // now unprivileged: ignored
  CHECK(cpu.reg(UC_ARM_REG_CONTROL) == 3);
  cpu.set_ipsr(11);                    // Handler mode: nPRIV written, SPSEL kept
  cpu.set_reg(UC_ARM_REG_CONTROL, 0);
  CHECK(cpu.reg(UC_ARM_REG_CONTROL) == 2);
}

TEST_CASE("Unicorn: the library loaded is the one built against (the rpath to .deps/unicorn works)", "[unicorn]") {
  unsigned major = 0, minor = 0;
  uc_version(&major, &minor);
  CHECK(major == UC_API_MAJOR);
  CHECK(minor == UC_API_MINOR);
  CHECK(unicorn_version().rfind(std::to_string(major) + "." + std::to_string(minor) + ".", 0) == 0);
}

}  // namespace sim
