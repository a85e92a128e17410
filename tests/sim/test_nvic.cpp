// SPDX-License-Identifier: GPL-2.0-or-later
// Nvic: pending/active state, the choice of the exception to take (ARMv7-M B1.5) and the NVIC and
// SCB registers as firmware sees them.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "nvic.h"

namespace sim {

namespace {

// Offsets within the NVIC map (relative to 0xE000E100).
constexpr uint32_t kIser0 = 0x000, kIcer0 = 0x080, kIspr0 = 0x100, kIcpr0 = 0x180, kIabr0 = 0x200, kIpr0 = 0x300,
                   kStir = 0xE00;
// Offsets within the SCB map (relative to 0xE000ED00).
constexpr uint32_t kCpuid = 0x00, kIcsr = 0x04, kVtor = 0x08, kAircr = 0x0C, kShpr1 = 0x18, kShpr2 = 0x1C,
                   kShpr3 = 0x20, kShcsr = 0x24;

constexpr int ext(int line) { return exception::kFirstExternal + line; }

uint32_t nvic_rd(Nvic& n, uint32_t offset) { return n.nvic_registers().read(offset, 4); }
void nvic_wr(Nvic& n, uint32_t offset, uint32_t v) { n.nvic_registers().write(offset, 4, v); }
uint32_t scb_rd(Nvic& n, uint32_t offset) { return n.scb_registers().read(offset, 4); }
void scb_wr(Nvic& n, uint32_t offset, uint32_t v) { n.scb_registers().write(offset, 4, v); }

// Sets one external line's priority byte with a read-modify-write of its IPR word, as firmware does.
void set_line_priority(Nvic& n, int line, uint8_t priority) {
  uint32_t offset = kIpr0 + static_cast<uint32_t>(line / 4) * 4;
  unsigned shift = static_cast<unsigned>(line % 4) * 8;
  uint32_t word = nvic_rd(n, offset) & ~(0xFFu << shift);
  nvic_wr(n, offset, word | (uint32_t{priority} << shift));
}

void enable_line(Nvic& n, int line) { nvic_wr(n, kIser0, 1u << line); }

struct Log {
  std::vector<std::string> lines;
  void attach(devices::RegisterMap& map) {
    map.set_diagnostics([this](const std::string& line) { lines.push_back(line); });
  }
};

constexpr int kThread = exception::kThreadPriority;

}  // namespace

// ---- lines, pending and active ----

TEST_CASE("nvic starts with nothing pending or active", "[nvic]") {
  Nvic nvic;
  CHECK_FALSE(nvic.any_pending());
  CHECK(nvic.current() == 0);
  CHECK(nvic.active_depth() == 0);
  CHECK(nvic.execution_priority({}) == kThread);
  CHECK(nvic.exception_to_take(kThread) == 0);
  for (int e = 1; e < exception::kCount; ++e) {
    INFO("exception " << e);
    CHECK_FALSE(nvic.pending(e));
    CHECK_FALSE(nvic.active(e));
  }
  // System exceptions with a handler of their own are always enabled; external lines start disabled.
  CHECK(nvic.enabled(exception::kNmi));
  CHECK(nvic.enabled(exception::kHardFault));
  CHECK(nvic.enabled(exception::kSvc));
  CHECK(nvic.enabled(exception::kPendSV));
  CHECK(nvic.enabled(exception::kSysTick));
  CHECK_FALSE(nvic.enabled(ext(0)));
  CHECK_FALSE(nvic.enabled(ext(31)));
}

TEST_CASE("nvic external lines pend on a rising edge, not while held high", "[nvic]") {
  Nvic nvic;
  nvic.set_line(3, true);
  CHECK(nvic.pending(ext(3)));
  CHECK(nvic.any_pending());
  CHECK_FALSE(nvic.pending(ext(2)));
  CHECK_FALSE(nvic.pending(ext(4)));

  nvic.activate(ext(3));  // taken: no longer pending
  CHECK_FALSE(nvic.pending(ext(3)));
  nvic.set_line(3, true);  // still high: no new edge
  CHECK_FALSE(nvic.pending(ext(3)));
  CHECK_FALSE(nvic.any_pending());

  nvic.set_line(3, false);
  CHECK_FALSE(nvic.pending(ext(3)));
  nvic.set_line(3, true);  // a new edge pends it again, even while it is active
  CHECK(nvic.pending(ext(3)));
  CHECK(nvic.active(ext(3)));
}

// ARMv7-M (Cortex-M4 Devices Generic User Guide 4.2.9, "Hardware and software control of
// interrupts"): an interrupt becomes pending when "the NVIC detects that the interrupt signal is
// HIGH and the interrupt is not active". So clearing the pending bit (ICPR, NVIC_ClearPendingIRQ)
// of a line the device still asserts, while the interrupt is not active, leaves it pending. The
// model pends only on rising edges and on return from the handler, so the interrupt is lost until
// the line falls and rises again.
TEST_CASE("nvic clearing the pending bit of a line still asserted re-pends it", "[nvic]") {
  Nvic nvic;
  nvic.set_line(3, true);
  nvic_wr(nvic, kIcpr0, 1u << 3);
  CHECK(nvic.pending(ext(3)));
  enable_line(nvic, 3);
  CHECK(nvic.exception_to_take(kThread) == ext(3));
}

TEST_CASE("nvic a line falling does not clear a pending interrupt", "[nvic]") {
  Nvic nvic;
  nvic.set_line(7, true);
  nvic.set_line(7, false);
  CHECK(nvic.pending(ext(7)));
}

TEST_CASE("nvic any_pending counts every pending exception once", "[nvic]") {
  Nvic nvic;
  nvic.set_pending(exception::kPendSV);
  nvic.set_pending(exception::kPendSV);
  nvic.set_pending(ext(1));
  CHECK(nvic.any_pending());
  nvic.clear_pending(exception::kPendSV);
  CHECK(nvic.any_pending());
  nvic.clear_pending(ext(1));
  CHECK_FALSE(nvic.any_pending());
  nvic.clear_pending(ext(1));  // clearing twice does not go negative
  nvic.set_pending(ext(2));
  CHECK(nvic.any_pending());
}

TEST_CASE("nvic activate moves pending to active and counts it", "[nvic]") {
  Nvic nvic;
  nvic.set_line(5, true);
  nvic.activate(ext(5));
  CHECK_FALSE(nvic.pending(ext(5)));
  CHECK(nvic.active(ext(5)));
  CHECK(nvic.current() == ext(5));
  CHECK(nvic.active_depth() == 1);
  CHECK(nvic.taken_count(ext(5)) == 1);
  CHECK_FALSE(nvic.any_pending());
}

TEST_CASE("nvic deactivate re-pends a line that is still high", "[nvic]") {
  Nvic nvic;
  nvic.set_line(5, true);
  nvic.activate(ext(5));
  nvic.deactivate(ext(5));
  CHECK_FALSE(nvic.active(ext(5)));
  CHECK(nvic.pending(ext(5)));
  CHECK(nvic.any_pending());
  CHECK(nvic.current() == 0);
}

TEST_CASE("nvic deactivate leaves a line that went low idle", "[nvic]") {
  Nvic nvic;
  nvic.set_line(5, true);
  nvic.activate(ext(5));
  nvic.set_line(5, false);
  nvic.deactivate(ext(5));
  CHECK_FALSE(nvic.active(ext(5)));
  CHECK_FALSE(nvic.pending(ext(5)));
  CHECK_FALSE(nvic.any_pending());
}

TEST_CASE("nvic deactivate of a system exception never re-pends it", "[nvic]") {
  Nvic nvic;
  nvic.set_pending(exception::kPendSV);
  nvic.activate(exception::kPendSV);
  nvic.deactivate(exception::kPendSV);
  CHECK_FALSE(nvic.pending(exception::kPendSV));
  CHECK_FALSE(nvic.active(exception::kPendSV));
}

TEST_CASE("nvic nested activations form a stack, current() is the innermost", "[nvic]") {
  Nvic nvic;
  nvic.activate(ext(1));
  nvic.activate(exception::kSysTick);
  nvic.activate(ext(2));
  CHECK(nvic.active_depth() == 3);
  CHECK(nvic.current() == ext(2));
  nvic.deactivate(ext(2));
  CHECK(nvic.current() == exception::kSysTick);
  // Returning from one that is not innermost removes that one only.
  nvic.activate(ext(3));
  nvic.deactivate(exception::kSysTick);
  CHECK(nvic.active_depth() == 2);
  CHECK(nvic.current() == ext(3));
  CHECK(nvic.active(ext(1)));
  CHECK_FALSE(nvic.active(exception::kSysTick));
  nvic.deactivate(ext(3));
  nvic.deactivate(ext(1));
  CHECK(nvic.active_depth() == 0);
  CHECK(nvic.current() == 0);
}

// ---- priorities ----

TEST_CASE("nvic fixed priorities of Reset, NMI and HardFault", "[nvic]") {
  Nvic nvic;
  CHECK(nvic.group_priority(exception::kReset) == -3);
  CHECK(nvic.group_priority(exception::kNmi) == -2);
  CHECK(nvic.group_priority(exception::kHardFault) == -1);
  CHECK(nvic.group_priority(exception::kSvc) == 0);
  CHECK(nvic.group_priority(ext(0)) == 0);
}

TEST_CASE("nvic exception_to_take picks the lowest group priority", "[nvic]") {
  Nvic nvic;
  for (int line : {2, 9, 20}) enable_line(nvic, line);
  set_line_priority(nvic, 2, 0xC0);
  set_line_priority(nvic, 9, 0x40);
  set_line_priority(nvic, 20, 0x80);
  nvic.set_line(2, true);
  nvic.set_line(20, true);
  CHECK(nvic.exception_to_take(kThread) == ext(20));
  nvic.set_line(9, true);
  CHECK(nvic.exception_to_take(kThread) == ext(9));

  nvic.activate(ext(9));
  CHECK(nvic.exception_to_take(kThread) == ext(20));
  nvic.activate(ext(20));
  CHECK(nvic.exception_to_take(kThread) == ext(2));
}

TEST_CASE("nvic exception_to_take breaks equal priorities by the lower exception number", "[nvic]") {
  Nvic nvic;
  for (int line : {4, 11, 30}) {
    enable_line(nvic, line);
    set_line_priority(nvic, line, 0x60);
  }
  nvic.set_line(30, true);
  nvic.set_line(11, true);
  CHECK(nvic.exception_to_take(kThread) == ext(11));
  nvic.set_line(4, true);
  CHECK(nvic.exception_to_take(kThread) == ext(4));

  // A system exception at the same priority has a lower number than any external line.
  scb_wr(nvic, kShpr3, 0x60u << 16);  // PendSV at 0x60
  nvic.set_pending(exception::kPendSV);
  CHECK(nvic.exception_to_take(kThread) == exception::kPendSV);
}

TEST_CASE("nvic exception_to_take orders equal group priorities by sub-priority", "[nvic]") {
  Nvic nvic;
  // PRIGROUP 5: bits [7:6] are the group priority, bits [5:0] the sub-priority.
  scb_wr(nvic, kAircr, 0x05FA0000u | (5u << 8));
  enable_line(nvic, 3);
  enable_line(nvic, 8);
  set_line_priority(nvic, 3, 0x60);  // group 0x40, sub-priority 0x20
  set_line_priority(nvic, 8, 0x40);  // group 0x40, sub-priority 0x00
  CHECK(nvic.group_priority(ext(3)) == 0x40);
  CHECK(nvic.group_priority(ext(8)) == 0x40);
  nvic.set_line(3, true);
  nvic.set_line(8, true);
  CHECK(nvic.exception_to_take(kThread) == ext(8));  // not the lower number: the lower sub-priority

  // Sub-priority never preempts: with line 8's group active, neither is taken.
  nvic.activate(ext(8));
  CHECK(nvic.execution_priority({}) == 0x40);
  CHECK(nvic.exception_to_take(nvic.execution_priority({})) == 0);
}

TEST_CASE("nvic group priority follows PRIGROUP", "[nvic]") {
  Nvic nvic;
  set_line_priority(nvic, 0, 0xE0);
  CHECK(nvic.group_priority(ext(0)) == 0xE0);  // PRIGROUP 0: all three implemented bits are group bits
  scb_wr(nvic, kAircr, 0x05FA0000u | (5u << 8));
  CHECK(nvic.group_priority(ext(0)) == 0xC0);
  scb_wr(nvic, kAircr, 0x05FA0000u | (6u << 8));
  CHECK(nvic.group_priority(ext(0)) == 0x80);
  scb_wr(nvic, kAircr, 0x05FA0000u | (7u << 8));
  CHECK(nvic.group_priority(ext(0)) == 0x00);  // PRIGROUP 7: no preemption between them
}

TEST_CASE("nvic exception_to_take returns 0 unless the execution priority is beaten", "[nvic]") {
  Nvic nvic;
  enable_line(nvic, 6);
  set_line_priority(nvic, 6, 0x40);
  nvic.set_line(6, true);
  CHECK(nvic.exception_to_take(0x60) == ext(6));
  CHECK(nvic.exception_to_take(0x41) == ext(6));
  CHECK(nvic.exception_to_take(0x40) == 0);  // equal priority does not preempt
  CHECK(nvic.exception_to_take(0x20) == 0);
  CHECK(nvic.exception_to_take(0) == 0);
  CHECK(nvic.exception_to_take(-1) == 0);
}

TEST_CASE("nvic a priority-0 interrupt does not preempt PRIMASK, NMI does", "[nvic]") {
  Nvic nvic;
  enable_line(nvic, 1);
  nvic.set_line(1, true);  // priority 0
  PriorityMasks primask{true, 0, false};
  CHECK(nvic.exception_to_take(nvic.execution_priority(primask)) == 0);
  nvic.set_pending(exception::kNmi);
  CHECK(nvic.exception_to_take(nvic.execution_priority(primask)) == exception::kNmi);
  CHECK(nvic.exception_to_take(kThread) == exception::kNmi);
}

TEST_CASE("nvic HardFault is masked by FAULTMASK, NMI is not", "[nvic]") {
  Nvic nvic;
  PriorityMasks faultmask{false, 0, true};
  nvic.set_pending(exception::kHardFault);
  CHECK(nvic.exception_to_take(nvic.execution_priority({})) == exception::kHardFault);
  CHECK(nvic.exception_to_take(nvic.execution_priority(faultmask)) == 0);
  nvic.set_pending(exception::kNmi);
  CHECK(nvic.exception_to_take(nvic.execution_priority(faultmask)) == exception::kNmi);
}

TEST_CASE("nvic disabled external lines are not taken", "[nvic]") {
  Nvic nvic;
  nvic.set_line(12, true);
  CHECK(nvic.pending(ext(12)));
  CHECK(nvic.exception_to_take(kThread) == 0);

  enable_line(nvic, 12);
  CHECK(nvic.exception_to_take(kThread) == ext(12));

  nvic_wr(nvic, kIcer0, 1u << 12);
  CHECK_FALSE(nvic.enabled(ext(12)));
  CHECK(nvic.pending(ext(12)));  // disabling keeps it pending
  CHECK(nvic.exception_to_take(kThread) == 0);

  // A disabled, more urgent line does not hide an enabled, less urgent one.
  enable_line(nvic, 13);
  set_line_priority(nvic, 13, 0xA0);
  nvic.set_line(13, true);
  CHECK(nvic.exception_to_take(kThread) == ext(13));
}

TEST_CASE("nvic configurable faults are taken only when enabled in SHCSR", "[nvic]") {
  Nvic nvic;
  nvic.set_pending(exception::kUsageFault);
  CHECK_FALSE(nvic.enabled(exception::kUsageFault));
  CHECK(nvic.exception_to_take(kThread) == 0);
  CHECK(scb_rd(nvic, kShcsr) == 1u << 12);  // USGFAULTPENDED: the pending state reads back (B3.2.13)
  scb_wr(nvic, kShcsr, scb_rd(nvic, kShcsr) | 1u << 18);  // USGFAULTENA, read-modify-write as firmware does
  CHECK(nvic.enabled(exception::kUsageFault));
  CHECK_FALSE(nvic.enabled(exception::kBusFault));
  CHECK_FALSE(nvic.enabled(exception::kMemManage));
  CHECK(nvic.exception_to_take(kThread) == exception::kUsageFault);
  scb_wr(nvic, kShcsr, (1u << 16) | (1u << 17));  // a plain write also un-pends UsageFault
  CHECK(nvic.enabled(exception::kMemManage));
  CHECK(nvic.enabled(exception::kBusFault));
  CHECK_FALSE(nvic.enabled(exception::kUsageFault));
  CHECK_FALSE(nvic.pending(exception::kUsageFault));
  CHECK(scb_rd(nvic, kShcsr) == ((1u << 16) | (1u << 17)));
}

TEST_CASE("nvic SHCSR's active and pended bits are the system handlers' state, both ways", "[nvic]") {
  Nvic nvic;
  nvic.activate(exception::kSvc);
  nvic.activate(exception::kSysTick);
  CHECK(scb_rd(nvic, kShcsr) == ((1u << 7) | (1u << 11)));  // SVCALLACT, SYSTICKACT
  scb_wr(nvic, kShcsr, 1u << 11);                          // SVCall no longer active
  CHECK_FALSE(nvic.active(exception::kSvc));
  CHECK(nvic.active(exception::kSysTick));
  CHECK(nvic.current() == exception::kSysTick);
  scb_wr(nvic, kShcsr, (1u << 11) | (1u << 15) | (1u << 14) | (1u << 13));  // SVCall, BusFault, MemManage pended
  CHECK(nvic.pending(exception::kSvc));
  CHECK(nvic.pending(exception::kBusFault));
  CHECK(nvic.pending(exception::kMemManage));
  CHECK(scb_rd(nvic, kShcsr) == ((1u << 11) | (1u << 13) | (1u << 14) | (1u << 15)));
}

// ---- execution priority ----

TEST_CASE("nvic execution priority is the thread level with no masks and nothing active", "[nvic]") {
  Nvic nvic;
  CHECK(nvic.execution_priority({}) == kThread);
}

TEST_CASE("nvic execution priority with PRIMASK is 0", "[nvic]") {
  Nvic nvic;
  CHECK(nvic.execution_priority({true, 0, false}) == 0);
  CHECK(nvic.execution_priority({true, 0x80, false}) == 0);
}

TEST_CASE("nvic execution priority with FAULTMASK is -1", "[nvic]") {
  Nvic nvic;
  CHECK(nvic.execution_priority({false, 0, true}) == -1);
  CHECK(nvic.execution_priority({true, 0x40, true}) == -1);
}

TEST_CASE("nvic BASEPRI caps the execution priority, 0 turns it off", "[nvic]") {
  Nvic nvic;
  CHECK(nvic.execution_priority({false, 0x80, false}) == 0x80);
  CHECK(nvic.execution_priority({false, 0x20, false}) == 0x20);
  CHECK(nvic.execution_priority({false, 0, false}) == kThread);
  // Only the implemented (top three) bits count: 0x1F is as good as 0, 0x9F as 0x80.
  CHECK(nvic.execution_priority({false, 0x1F, false}) == kThread);
  CHECK(nvic.execution_priority({false, 0x9F, false}) == 0x80);

  // BASEPRI masks interrupts at and below its level, not above it.
  enable_line(nvic, 2);
  enable_line(nvic, 3);
  set_line_priority(nvic, 2, 0x80);
  set_line_priority(nvic, 3, 0x60);
  nvic.set_line(2, true);
  PriorityMasks basepri{false, 0x80, false};
  CHECK(nvic.exception_to_take(nvic.execution_priority(basepri)) == 0);
  nvic.set_line(3, true);
  CHECK(nvic.exception_to_take(nvic.execution_priority(basepri)) == ext(3));
}

TEST_CASE("nvic execution priority with active exceptions is the most urgent of them", "[nvic]") {
  Nvic nvic;
  set_line_priority(nvic, 1, 0xA0);
  set_line_priority(nvic, 2, 0x40);
  nvic.activate(ext(1));
  CHECK(nvic.execution_priority({}) == 0xA0);
  nvic.activate(ext(2));
  CHECK(nvic.execution_priority({}) == 0x40);
  // BASEPRI above the active level changes nothing; below it, it wins.
  CHECK(nvic.execution_priority({false, 0x80, false}) == 0x40);
  CHECK(nvic.execution_priority({false, 0x20, false}) == 0x20);
  nvic.deactivate(ext(2));
  CHECK(nvic.execution_priority({}) == 0xA0);
  nvic.deactivate(ext(1));
  CHECK(nvic.execution_priority({}) == kThread);

  nvic.activate(exception::kHardFault);
  CHECK(nvic.execution_priority({}) == -1);
  nvic.activate(exception::kNmi);
  CHECK(nvic.execution_priority({}) == -2);
}

// ---- NVIC registers (0xE000E100) ----

TEST_CASE("nvic ISER enables lines and reads back, ICER disables them", "[nvic][registers]") {
  Nvic nvic;
  Log log;
  log.attach(nvic.nvic_registers());
  nvic_wr(nvic, kIser0, (1u << 0) | (1u << 5) | (1u << 31));
  CHECK(nvic.enabled(ext(0)));
  CHECK(nvic.enabled(ext(5)));
  CHECK(nvic.enabled(ext(31)));
  CHECK_FALSE(nvic.enabled(ext(1)));
  CHECK(nvic_rd(nvic, kIser0) == ((1u << 0) | (1u << 5) | (1u << 31)));
  CHECK(nvic_rd(nvic, kIcer0) == ((1u << 0) | (1u << 5) | (1u << 31)));

  nvic_wr(nvic, kIser0, 1u << 7);  // writing 0 bits leaves the others alone
  CHECK(nvic_rd(nvic, kIser0) == ((1u << 0) | (1u << 5) | (1u << 7) | (1u << 31)));

  nvic_wr(nvic, kIcer0, (1u << 5) | (1u << 31));
  CHECK_FALSE(nvic.enabled(ext(5)));
  CHECK_FALSE(nvic.enabled(ext(31)));
  CHECK(nvic_rd(nvic, kIser0) == ((1u << 0) | (1u << 7)));
  CHECK(log.lines.empty());
}

TEST_CASE("nvic ISPR pends lines, ICPR clears them, both read the pending set", "[nvic][registers]") {
  Nvic nvic;
  nvic_wr(nvic, kIspr0, (1u << 4) | (1u << 9));
  CHECK(nvic.pending(ext(4)));
  CHECK(nvic.pending(ext(9)));
  CHECK_FALSE(nvic.pending(ext(5)));
  CHECK(nvic.any_pending());
  CHECK(nvic_rd(nvic, kIspr0) == ((1u << 4) | (1u << 9)));
  CHECK(nvic_rd(nvic, kIcpr0) == ((1u << 4) | (1u << 9)));

  nvic.set_line(1, true);  // pended by a device's pulse, visible in the register too
  nvic.set_line(1, false);  // (a line still high would stay pending: see the level test)
  CHECK(nvic_rd(nvic, kIspr0) == ((1u << 1) | (1u << 4) | (1u << 9)));

  nvic_wr(nvic, kIcpr0, (1u << 4) | (1u << 1));
  CHECK_FALSE(nvic.pending(ext(4)));
  CHECK_FALSE(nvic.pending(ext(1)));
  CHECK(nvic.pending(ext(9)));
  CHECK(nvic_rd(nvic, kIspr0) == (1u << 9));
  nvic_wr(nvic, kIcpr0, 1u << 9);
  CHECK_FALSE(nvic.any_pending());
}

TEST_CASE("nvic IABR shows active lines and is read-only", "[nvic][registers]") {
  Nvic nvic;
  Log log;
  log.attach(nvic.nvic_registers());
  nvic.activate(ext(3));
  nvic.activate(ext(17));
  CHECK(nvic_rd(nvic, kIabr0) == ((1u << 3) | (1u << 17)));
  nvic.deactivate(ext(3));
  CHECK(nvic_rd(nvic, kIabr0) == (1u << 17));
  nvic_wr(nvic, kIabr0, 0);
  CHECK(nvic.active(ext(17)));
  REQUIRE(log.lines.size() == 1);
  CHECK(log.lines[0].find("read-only register IABR0") != std::string::npos);
}

TEST_CASE("nvic IPR bytes hold one priority per line, top three bits only", "[nvic][registers]") {
  Nvic nvic;
  nvic_wr(nvic, kIpr0, 0x000000FF);
  CHECK(nvic_rd(nvic, kIpr0) == 0x000000E0);
  CHECK(nvic.group_priority(ext(0)) == 0xE0);

  nvic_wr(nvic, kIpr0 + 4, 0x12345678);  // lines 4..7
  CHECK(nvic_rd(nvic, kIpr0 + 4) == 0x00204060);
  CHECK(nvic.group_priority(ext(4)) == 0x60);
  CHECK(nvic.group_priority(ext(5)) == 0x40);
  CHECK(nvic.group_priority(ext(6)) == 0x20);
  CHECK(nvic.group_priority(ext(7)) == 0x00);

  nvic_wr(nvic, kIpr0 + 28, 0xA0000000);  // IPR7: line 31 is the last byte
  CHECK(nvic.group_priority(ext(31)) == 0xA0);
  CHECK(nvic.group_priority(ext(28)) == 0);
  CHECK(nvic_rd(nvic, kIpr0) == 0x000000E0);  // other words untouched
}

TEST_CASE("nvic STIR pends the line written to it", "[nvic][registers]") {
  Nvic nvic;
  Log log;
  log.attach(nvic.nvic_registers());
  nvic_wr(nvic, kStir, 21);
  CHECK(nvic.pending(ext(21)));
  CHECK_FALSE(nvic.pending(ext(20)));
  nvic_wr(nvic, kStir, 0);
  CHECK(nvic.pending(ext(0)));
  nvic_wr(nvic, kStir, 200);  // beyond the board's lines: ignored
  CHECK(nvic_rd(nvic, kIspr0) == ((1u << 21) | 1u));
  CHECK(log.lines.empty());
  CHECK(nvic_rd(nvic, kStir) == 0);  // write-only: reported
  CHECK(log.lines.size() == 1);
}

TEST_CASE("nvic register offsets nobody declared are reported", "[nvic][registers]") {
  Nvic nvic;
  Log log;
  log.attach(nvic.nvic_registers());
  CHECK(nvic_rd(nvic, 0x004) == 0);  // ISER1: the board has 32 lines
  nvic_wr(nvic, 0x320, 0xFF);         // past IPR7
  REQUIRE(log.lines.size() == 2);
  CHECK(log.lines[0].rfind("NVIC: ", 0) == 0);
  CHECK(log.lines[0].find("reserved offset 0x04") != std::string::npos);
  CHECK(log.lines[1].find("reserved offset 0x320") != std::string::npos);
}

// ---- SCB registers (0xE000ED00) ----

TEST_CASE("scb CPUID reads a Cortex-M4 r0p1", "[nvic][registers]") {
  Nvic nvic;
  CHECK(scb_rd(nvic, kCpuid) == 0x410FC241u);
  Log log;
  log.attach(nvic.scb_registers());
  scb_wr(nvic, kCpuid, 0);
  CHECK(scb_rd(nvic, kCpuid) == 0x410FC241u);
  CHECK(log.lines.size() == 1);  // read-only
}

TEST_CASE("scb VTOR resets to flash and keeps 128-byte aligned writes", "[nvic][registers]") {
  Nvic nvic;
  CHECK(scb_rd(nvic, kVtor) == 0x08000000u);
  CHECK(nvic.vtor() == 0x08000000u);
  scb_wr(nvic, kVtor, 0x20000400);
  CHECK(scb_rd(nvic, kVtor) == 0x20000400u);
  CHECK(nvic.vtor() == 0x20000400u);
  scb_wr(nvic, kVtor, 0x0800417F);  // the low seven bits are not implemented
  CHECK(scb_rd(nvic, kVtor) == 0x08004100u);
  CHECK(nvic.vtor() == 0x08004100u);
}

TEST_CASE("scb AIRCR needs VECTKEY to set PRIGROUP", "[nvic][registers]") {
  Nvic nvic;
  CHECK(scb_rd(nvic, kAircr) >> 16 == 0xFA05);  // VECTKEYSTAT
  CHECK((scb_rd(nvic, kAircr) >> 8 & 7) == 0);

  scb_wr(nvic, kAircr, 5u << 8);  // no key: ignored
  CHECK((scb_rd(nvic, kAircr) >> 8 & 7) == 0);
  scb_wr(nvic, kAircr, 0x1234'0000u | (5u << 8));  // wrong key: ignored
  CHECK((scb_rd(nvic, kAircr) >> 8 & 7) == 0);

  scb_wr(nvic, kAircr, 0x05FA'0000u | (5u << 8));
  CHECK((scb_rd(nvic, kAircr) >> 8 & 7) == 5);
  CHECK(scb_rd(nvic, kAircr) >> 16 == 0xFA05);
  set_line_priority(nvic, 0, 0xE0);
  CHECK(nvic.group_priority(ext(0)) == 0xC0);  // the new PRIGROUP is in force
}

TEST_CASE("scb AIRCR SYSRESETREQ requests a reset only with VECTKEY", "[nvic][registers]") {
  Nvic nvic;
  int requests = 0;
  nvic.on_reset_request([&] { ++requests; });
  scb_wr(nvic, kAircr, 1u << 2);
  CHECK(requests == 0);
  scb_wr(nvic, kAircr, 0x05FA'0000u | (1u << 2));
  CHECK(requests == 1);
  scb_wr(nvic, kAircr, 0x05FA'0000u);
  CHECK(requests == 1);
}

TEST_CASE("scb ICSR PENDSVSET pends PendSV and VECTPENDING names it", "[nvic][registers]") {
  Nvic nvic;
  CHECK((scb_rd(nvic, kIcsr) >> 12 & 0x1FF) == 0);
  CHECK((scb_rd(nvic, kIcsr) & (1u << 28)) == 0);
  scb_wr(nvic, kIcsr, 1u << 28);
  CHECK(nvic.pending(exception::kPendSV));
  uint32_t icsr = scb_rd(nvic, kIcsr);
  CHECK((icsr & (1u << 28)) != 0);        // PENDSVSET reads back
  CHECK((icsr >> 12 & 0x1FF) == 14);      // VECTPENDING
  CHECK((icsr & (1u << 22)) == 0);        // ISRPENDING: external lines only
  CHECK(nvic.exception_to_take(kThread) == exception::kPendSV);

  scb_wr(nvic, kIcsr, 1u << 27);  // PENDSVCLR
  CHECK_FALSE(nvic.pending(exception::kPendSV));
  CHECK((scb_rd(nvic, kIcsr) & (1u << 28)) == 0);
  CHECK((scb_rd(nvic, kIcsr) >> 12 & 0x1FF) == 0);
}

TEST_CASE("scb ICSR PENDSTSET/PENDSTCLR pend and clear SysTick", "[nvic][registers]") {
  Nvic nvic;
  scb_wr(nvic, kIcsr, 1u << 26);
  CHECK(nvic.pending(exception::kSysTick));
  CHECK((scb_rd(nvic, kIcsr) & (1u << 26)) != 0);
  CHECK((scb_rd(nvic, kIcsr) >> 12 & 0x1FF) == 15);
  scb_wr(nvic, kIcsr, 1u << 25);
  CHECK_FALSE(nvic.pending(exception::kSysTick));
}

TEST_CASE("scb ICSR VECTPENDING follows priority, VECTACTIVE and ISRPENDING follow state", "[nvic][registers]") {
  Nvic nvic;
  scb_wr(nvic, kShpr3, 0xC0u << 16);  // PendSV at 0xC0
  enable_line(nvic, 2);
  set_line_priority(nvic, 2, 0x40);
  scb_wr(nvic, kIcsr, 1u << 28);
  nvic.set_line(2, true);
  uint32_t icsr = scb_rd(nvic, kIcsr);
  CHECK((icsr >> 12 & 0x1FF) == static_cast<uint32_t>(ext(2)));
  CHECK((icsr & (1u << 22)) != 0);

  nvic.activate(ext(2));
  icsr = scb_rd(nvic, kIcsr);
  CHECK((icsr & 0x1FF) == static_cast<uint32_t>(ext(2)));  // VECTACTIVE
  CHECK((icsr >> 12 & 0x1FF) == 14);
  CHECK((icsr & (1u << 22)) == 0);
}

// B3.2.4: VECTPENDING "includes the effect of the BASEPRI and FAULTMASK registers, but not any effect
// of the PRIMASK register" (the Cortex-M4 Devices Generic User Guide's words).
TEST_CASE("scb ICSR VECTPENDING counts in BASEPRI and FAULTMASK, not PRIMASK", "[nvic][registers]") {
  Nvic nvic;
  PriorityMasks masks;
  nvic.read_masks_with([&] { return masks; });
  enable_line(nvic, 10);
  enable_line(nvic, 11);
  set_line_priority(nvic, 10, 0xC0);
  set_line_priority(nvic, 11, 0x40);
  nvic.set_pending(ext(10));
  auto vectpending = [&] { return scb_rd(nvic, kIcsr) >> 12 & 0x1FF; };
  masks.primask = true;
  CHECK(vectpending() == static_cast<uint32_t>(ext(10)));
  masks.basepri = 0x80;
  CHECK(vectpending() == 0);
  masks.basepri = 0xC0;  // at the threshold: held back too
  CHECK(vectpending() == 0);
  nvic.set_pending(ext(11));
  CHECK(vectpending() == static_cast<uint32_t>(ext(11)));
  masks.faultmask = true;
  CHECK(vectpending() == 0);
  scb_wr(nvic, kIcsr, 1u << 31);  // NMI: above FAULTMASK
  CHECK(vectpending() == static_cast<uint32_t>(exception::kNmi));
}

// B3.2.15: MMFSR, BFSR and UFSR are byte, byte and halfword registers of their own inside CFSR, each
// write-one-to-clear.
TEST_CASE("scb CFSR clears by writing ones, also through its byte and halfword parts", "[nvic][registers]") {
  Nvic nvic;
  Log log;
  log.attach(nvic.scb_registers());
  constexpr uint32_t kCfsr = 0x28;
  nvic.record_fault_status(0x0001'8282u, 0, 0x30000000u, 0x20000000u);  // UNDEFINSTR, BFARVALID|PRECISERR, MMARVALID|DACCVIOL
  scb_wr(nvic, kCfsr, 0);
  CHECK(scb_rd(nvic, kCfsr) == 0x0001'8282u);
  nvic.scb_registers().write(kCfsr + 1, 1, 0x02);  // BFSR.PRECISERR
  CHECK(scb_rd(nvic, kCfsr) == 0x0001'8082u);
  nvic.scb_registers().write(kCfsr + 2, 2, 0x0001);  // UFSR.UNDEFINSTR
  CHECK(scb_rd(nvic, kCfsr) == 0x0000'8082u);
  CHECK(nvic.scb_registers().read(kCfsr, 1) == 0x82);  // MMFSR
  nvic.scb_registers().write(kCfsr, 1, 0x82);
  CHECK(scb_rd(nvic, kCfsr) == 0x0000'8000u);
  scb_wr(nvic, kCfsr, 0x8000);
  CHECK(scb_rd(nvic, kCfsr) == 0);
  CHECK(log.lines.empty());
}

TEST_CASE("scb ICSR NMIPENDSET pends NMI", "[nvic][registers]") {
  Nvic nvic;
  scb_wr(nvic, kIcsr, 1u << 31);
  CHECK(nvic.pending(exception::kNmi));
  CHECK((scb_rd(nvic, kIcsr) & (1u << 31)) != 0);
  CHECK((scb_rd(nvic, kIcsr) >> 12 & 0x1FF) == 2);
}

TEST_CASE("scb SHPR3 sets the SysTick and PendSV priorities", "[nvic][registers]") {
  Nvic nvic;
  scb_wr(nvic, kShpr3, 0xFF80'0000u);  // SysTick byte 3, PendSV byte 2
  CHECK(nvic.group_priority(exception::kSysTick) == 0xE0);
  CHECK(nvic.group_priority(exception::kPendSV) == 0x80);
  CHECK(scb_rd(nvic, kShpr3) == 0xE080'0000u);

  // SysTick is now the least urgent: PendSV goes first, and an active PendSV blocks SysTick.
  nvic.set_pending(exception::kSysTick);
  nvic.set_pending(exception::kPendSV);
  CHECK(nvic.exception_to_take(kThread) == exception::kPendSV);
  nvic.activate(exception::kPendSV);
  CHECK(nvic.exception_to_take(nvic.execution_priority({})) == 0);
  nvic.deactivate(exception::kPendSV);
  CHECK(nvic.exception_to_take(nvic.execution_priority({})) == exception::kSysTick);
}

TEST_CASE("scb SHPR1 and SHPR2 set the fault and SVCall priorities", "[nvic][registers]") {
  Nvic nvic;
  scb_wr(nvic, kShpr1, 0x00604020u);  // MemManage, BusFault, UsageFault
  CHECK(nvic.group_priority(exception::kMemManage) == 0x20);
  CHECK(nvic.group_priority(exception::kBusFault) == 0x40);
  CHECK(nvic.group_priority(exception::kUsageFault) == 0x60);
  scb_wr(nvic, kShpr2, 0xA000'0000u);  // SVCall
  CHECK(nvic.group_priority(exception::kSvc) == 0xA0);
  CHECK(scb_rd(nvic, kShpr2) == 0xA000'0000u);
  CHECK(scb_rd(nvic, kShpr1) == 0x00604020u);
}

TEST_CASE("scb unknown offsets are reported through the diagnostics sink", "[nvic][registers]") {
  Nvic nvic;
  Log log;
  log.attach(nvic.scb_registers());
  CHECK(scb_rd(nvic, 0x40) == 0);
  scb_wr(nvic, 0x88, 0x00F00000);  // CPACR is not modelled
  REQUIRE(log.lines.size() == 2);
  CHECK(log.lines[0].rfind("SCB: ", 0) == 0);
  CHECK(log.lines[0].find("reserved offset 0x40") != std::string::npos);
  CHECK(log.lines[1].rfind("SCB: ", 0) == 0);
  CHECK(log.lines[1].find("reserved offset 0x88") != std::string::npos);
}

}  // namespace sim
