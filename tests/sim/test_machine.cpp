// SPDX-License-Identifier: GPL-2.0-or-later
// The machine running real firmware images: the button demo end to end, tickless idle, the
// exception model's traces, faults, determinism and a lost-wake-up stress. Tagged [machine].
#include <chrono>
#include <thread>
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <random>
#include <string>
#include <vector>

#include "armv7m.h"
#include "board/memory_map.h"
#include "board/registers.h"
#include "elf_image.h"
#include "firmware_image.h"
#include "machine.h"
#include "scenario.h"
#include "scenario_runner.h"

using namespace sim;

namespace {

Cycles ms(Machine& m, double v) { return static_cast<Cycles>(v * m.clock().core_hz() / 1000.0); }

std::vector<std::string> console_texts(const Machine& m) {
  std::vector<std::string> v;
  for (const auto& l : m.console()) v.push_back(l.text);
  return v;
}

}  // namespace

TEST_CASE("button interrupt wakes the watcher task within microseconds of virtual time", "[machine]") {
  ElfImage image = firmware("button_flag.elf");
  Machine m(image);
  REQUIRE(m.run_until(Machine::kForever) == StopReason::Idle);  // waiting on the flag, nothing scheduled
  REQUIRE(console_texts(m) == std::vector<std::string>{"button-flag: press B1 to toggle LED1"});
  CHECK(m.sleeping());

  devices::Button* b1 = m.find_button("B1");
  devices::Led* led = m.find_led("LED1");
  REQUIRE(b1);
  REQUIRE(led);
  CHECK_FALSE(led->lit());
  m.run_until(m.clock().now() + ms(m, 100));
  devices::Nanoseconds pressed_at = m.clock().now_ns();
  b1->press();
  CHECK(m.run_until(Machine::kForever) == StopReason::Idle);
  REQUIRE(m.console().size() == 2);
  CHECK(m.console()[1].text == "button pressed");
  CHECK(m.console()[1].at - pressed_at < 1'000'000);  // within 1 ms
  CHECK(led->lit());
  CHECK(m.nvic().taken_count(exception::kFirstExternal + board::kGpioAIrq) == 1);

  b1->release();  // a rising edge: the firmware listens to falling edges only
  CHECK(m.run_until(Machine::kForever) == StopReason::Idle);
  CHECK(m.console().size() == 2);
  CHECK(m.nvic().taken_count(exception::kFirstExternal + board::kGpioAIrq) == 1);

  b1->press();
  m.run_until(Machine::kForever);
  CHECK(m.console().size() == 3);
  CHECK_FALSE(led->lit());
}

TEST_CASE("tickless idle: ten seconds of blinking cost a few thousand instructions per second", "[machine]") {
  ElfImage image = firmware("blink.elf");
  Machine m(image);
  CHECK(m.run_until(Machine::kForever) == StopReason::Exited);
  CHECK(m.exit_status() == 0u);
  CHECK(m.clock().now_ns() >= 10'000'000'000ull);
  // 15 + 25 blink cycles, two wake-ups each: a periodic 1 ms tick alone would take 10,000 interrupts.
  uint64_t timer_interrupts = m.nvic().taken_count(exception::kFirstExternal + board::kTimebaseIrq);
  CHECK(timer_interrupts >= 70);
  CHECK(timer_interrupts <= 90);
  CHECK(m.instructions() < 100'000);
  devices::Led* led1 = m.find_led("LED1");
  REQUIRE(led1->history().size() >= 2);
  CHECK(led1->history()[0].lit);
  // sleep_ms(5) counts from the millisecond tick the task read, so the LED goes off at 5 ms.
  CHECK_FALSE(led1->history()[1].lit);
  CHECK(led1->history()[1].at >= 5'000'000);
  CHECK(led1->history()[1].at < 5'020'000);
}

TEST_CASE("exception model: context kept, preemption, tail-chaining, PRIMASK and BASEPRI", "[machine]") {
  ElfImage image = firmware("test_exceptions.elf");
  Machine m(image);
  REQUIRE(m.run_until(Machine::kForever) == StopReason::Exited);
  std::vector<std::string> lines = console_texts(m);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0].rfind("context: same result, many interrupts", 0) == 0);
  CHECK(lines[1] == "preempt: ABa");          // the more urgent IRQ30 runs inside IRQ3's handler
  CHECK(lines[2] == "no-preempt: AaBAaC");    // lower and equal priority wait, then tail-chain
  CHECK(lines[3] == "masked: -AaCB");         // at cpsie: priority order 0x40, 0x80, 0xC0
  CHECK(lines[4] == "basepri: Aa-CB");        // only 0x40 passes BASEPRI 0x80
  CHECK(m.nvic().active_depth() == 0);
}

TEST_CASE("thread mode on PSP: frames go on the process stack, handlers run on MSP with SPSEL clear", "[machine]") {
  ElfImage image = firmware("test_psp_thread.elf");
  Machine m(image);
  REQUIRE(m.run_until(Machine::kForever) == StopReason::Exited);
  CHECK(m.exit_status() == 0u);
  REQUIRE(m.console().size() == 1);
  CHECK(m.console()[0].text ==
        "psp: thread on PSP, still on PSP, result same, handlers on MSP with SPSEL 0, frames on PSP, many interrupts");
}

TEST_CASE("the DWT cycle counter counts only while enabled", "[machine]") {
  ElfImage image = firmware("test_dwt_cycles.elf");
  Machine m(image);
  REQUIRE(m.run_until(Machine::kForever) == StopReason::Exited);
  REQUIRE(m.console().size() == 1);
  CHECK(m.console()[0].text == "dwt: before enable 0, loop counted, stopped holds");
}

TEST_CASE("semihosting: the firmware prints and exits through BKPT 0xAB", "[machine]") {
  ElfImage image = firmware("test_semihosting.elf");
  Machine m(image);
  REQUIRE(m.run_until(Machine::kForever) == StopReason::Exited);
  CHECK(m.exit_status() == 7u);  // the status passed to SYS_EXIT_EXTENDED
  CHECK(console_texts(m) == std::vector<std::string>{"semihosting: write0", "C-writec, write", "semihosting: ok"});
}

TEST_CASE("WFE returns at once after SEV and otherwise sleeps until an interrupt, YIELD is a hint", "[machine]") {
  ElfImage image = firmware("test_wfe_sev.elf");
  Machine m(image);
  REQUIRE(m.run_until(Machine::kForever) == StopReason::Exited);
  CHECK(console_texts(m) ==
        std::vector<std::string>{"wfe: after sev immediate, without event slept until the interrupt, ticks 1"});
}

// SCR.SEVONPEND, from the manual (B1.5.19): a pend that cannot be taken still wakes WFE. QEMU cannot
// show it (its WFE never sleeps), so the rule is checked here rather than in the conformance suite.
TEST_CASE("with SCR.SEVONPEND, WFE wakes when an interrupt becomes pending, even one PRIMASK holds off", "[machine]") {
  ElfImage image = firmware("test_wfe_sevonpend.elf");
  Machine m(image);
  REQUIRE(m.run_until(Machine::kForever) == StopReason::Exited);
  CHECK(console_texts(m) == std::vector<std::string>{
                                "sevonpend: wfe slept until the pend, SysTick pending under PRIMASK (0 handler runs), "
                                "taken at cpsie: 1"});
}

TEST_CASE("faults reach firmware handlers with CFSR, HFSR and BFAR set as hardware would", "[machine]") {
  SECTION("a bus fault escalates to HardFault (FORCED) with PRECISERR, BFARVALID and BFAR") {
    ElfImage image = firmware("test_fault_handler_bus.elf");
    Machine m(image);
    REQUIRE(m.run_until(Machine::kForever) == StopReason::Exited);
    CHECK(m.exit_status() == 0x42u);
    CHECK(console_texts(m) == std::vector<std::string>{"HardFault: CFSR 0x00008200 HFSR 0x40000000 BFAR 0x30000000"});
  }
  SECTION("with UsageFault enabled, an undefined instruction enters it with UNDEFINSTR") {
    ElfImage image = firmware("test_fault_handler_usage.elf");
    Machine m(image);
    REQUIRE(m.run_until(Machine::kForever) == StopReason::Exited);
    CHECK(m.exit_status() == 0x43u);
    CHECK(console_texts(m) == std::vector<std::string>{"UsageFault: CFSR 0x00010000 HFSR 0x00000000 BFAR 0x00000000"});
  }
  SECTION("a fault inside the HardFault handler is a lockup") {
    ElfImage image = firmware("test_fault_lockup.elf");
    Machine m(image);
    REQUIRE(m.run_until(Machine::kForever) == StopReason::Faulted);
    CHECK(m.fault()->kind == "lockup: read from unmapped memory");
    CHECK_THAT(m.describe_fault(), Catch::Contains("HardFault_Handler+0x8, fault_lockup.cpp:6"));
  }
}

TEST_CASE("peripheral accesses follow the register definition: odd ones logged at their PC and past the registers a bus fault", "[machine]") {
  ElfImage image = firmware("test_peripheral_access.elf");
  Machine m(image);
  std::vector<std::string> notes;
  m.on_diagnostic([&notes](const std::string& d) { notes.push_back(d); });
  REQUIRE(m.run_until(Machine::kForever) == StopReason::Exited);
  REQUIRE(notes.size() == 2);
  CHECK_THAT(notes[0], Catch::StartsWith("GPIOA: write of 0x1 to read-only register IN (0x08) ignored (at PC 0x"));
  CHECK_THAT(notes[0], Catch::Contains("write_read_only()"));
  CHECK_THAT(notes[1], Catch::StartsWith("NET0: read of reserved offset 0x100 returns 0 (at PC 0x"));
  CHECK_THAT(notes[1], Catch::Contains("read_hole()"));
  CHECK(console_texts(m) ==
        std::vector<std::string>{"hole reads 0", "HardFault: CFSR 0x00008200 HFSR 0x40000000 BFAR 0x40000800"});
  CHECK(m.exit_status() == 0x42u);
}

TEST_CASE("a bad access in the peripheral region says whose window it hit", "[machine]") {
  CHECK(Machine::peripheral_context(0x4000'0800) ==
        "; GPIOA answers only 0x40000000..0x400003FF (its registers end at +0x30)");
  CHECK(Machine::peripheral_context(0x4000'7004) == "; no peripheral at 0x40007000 (see devices/registers.md)");
  CHECK(Machine::peripheral_context(0x3000'0000).empty());
}

TEST_CASE("exception model: three-deep nesting, SVC, and the stack alignment bit", "[machine]") {
  ElfImage image = firmware("test_nesting.elf");
  Machine m(image);
  REQUIRE(m.run_until(Machine::kForever) == StopReason::Exited);
  CHECK(console_texts(m) == std::vector<std::string>{"nested: ABCcba, ipsr right at each level",
                                                     "svc: 21 doubled is 42", "align: xpsr bit 9 set, sp restored"});
}

TEST_CASE("faults name the kind, the function and the address, the machine stays usable", "[machine]") {
  SECTION("read from unmapped memory") {
    ElfImage image = firmware("test_fault_unmapped.elf");
    Machine m(image);
    CHECK(m.run_until(Machine::kForever) == StopReason::Faulted);
    REQUIRE(m.fault());
    CHECK(m.fault()->kind == "read from unmapped memory");
    CHECK(m.fault()->address == 0x30000000u);
    CHECK_THAT(m.fault()->detail, Catch::Contains("the firmware has no fault handler"));
    // The report goes on with the running task, the faulting context's registers and the call chain.
    std::vector<std::string> details = m.fault_details();
    REQUIRE(details.size() >= 6);
    CHECK(details[0] == "asyncio task: no task (the loop itself, or code outside asyncio)");
    CHECK_THAT(details[1], Catch::StartsWith("registers: r0 "));
    CHECK_THAT(details[1], Catch::Contains("r3 30000000"));  // the address it read through
    CHECK_THAT(details[3], Catch::Contains("pc 080000"));
    CHECK(details[4] == "called from (found on the stack, best effort):");
    CHECK_THAT(details[5], Catch::Contains("Reset_Handler"));
    CHECK(m.run_until(Machine::kForever) == StopReason::Faulted);  // asking again is harmless
  }
  SECTION("in a task: the report names the asyncio task") {
    ElfImage image = firmware("test_fault_in_task.elf");
    Machine m(image);
    CHECK(m.run_until(Machine::kForever) == StopReason::Faulted);
    CHECK_THAT(m.describe_fault(), Catch::Contains("fault_in_task.cpp:9"));
    REQUIRE_FALSE(m.fault_details().empty());
    CHECK(m.fault_details()[0] == "asyncio task: 'careless reader'");
  }
  SECTION("write to flash") {
    ElfImage image = firmware("test_fault_flash_write.elf");
    Machine m(image);
    CHECK(m.run_until(Machine::kForever) == StopReason::Faulted);
    CHECK(m.fault()->kind == "write to read-only memory (flash)");
    CHECK_THAT(m.describe_fault(), Catch::Contains("scribble()+0x4, fault_flash_write.cpp:8"));
  }
  SECTION("a division by zero with CCR.DIV_0_TRP set, at the division") {
    ElfImage image = firmware("test_fault_divide_unhandled.elf");
    Machine m(image);
    CHECK(m.run_until(Machine::kForever) == StopReason::Faulted);
    REQUIRE(m.fault());
    CHECK(m.fault()->kind == "divide by zero");
    CHECK_THAT(m.describe_fault(), Catch::Contains("share(unsigned long)"));
    CHECK_THAT(m.describe_fault(), Catch::Contains("fault_divide_unhandled.cpp:8"));
    CHECK(m.nvic().cfsr() == (1u << 25));  // DIVBYZERO (escalated to HardFault: UsageFault is disabled)
  }
  SECTION("an unaligned LDRD runs by default, and faults before it runs under strict alignment") {
    ElfImage image = firmware("test_unaligned_ldrd.elf");
    {
      Machine m(image);
      REQUIRE(m.run_until(Machine::kForever) == StopReason::Exited);
      REQUIRE(m.console().size() == 1);
      CHECK(m.console()[0].text == "ldrd +2: 0x11113333");  // the two words straddling the address
    }
    Machine m(image);
    m.set_strict_alignment(true);
    REQUIRE(m.run_until(Machine::kForever) == StopReason::Faulted);
    CHECK(m.fault()->kind == "unaligned access");
    CHECK(m.fault()->address == 0x20000002u);
    CHECK_THAT(m.describe_fault(), Catch::Contains("ldrd_at(unsigned int), unaligned_ldrd.cpp:14"));
    CHECK_THAT(m.fault()->detail, Catch::Contains("need a word-aligned address"));
    CHECK(m.nvic().cfsr() == (1u << 24));  // UNALIGNED (escalated to HardFault: UsageFault is disabled)
    CHECK(m.nvic().hfsr() == (1u << 30));  // FORCED
    CHECK(m.console().empty());            // the printf after it never ran
  }
  SECTION("an uncaught C++ exception reaches std::terminate: its message, and a backtrace to the throw") {
    ElfImage image = firmware("test_uncaught_exception.elf");
    Machine m(image);
    REQUIRE(m.run_until(Machine::kForever) == StopReason::Faulted);
    CHECK(m.fault()->kind == "uncaught C++ exception");
    CHECK(m.fault()->detail == "std::terminate: sensor index 3 out of range");
    CHECK_THAT(m.describe_fault(), Catch::Contains("report_terminate()"));
    bool throw_site = false;
    for (const std::string& line : m.fault_details())
      throw_site |= line.find("sensor_reading(int)") != std::string::npos &&
                    line.find("uncaught_exception.cpp:10") != std::string::npos;
    CHECK(throw_site);
    CHECK_FALSE(m.exit_status());  // a fault, not an exit with abort()'s status
    REQUIRE(m.console().size() == 2);
    CHECK(m.console()[1].text == "terminate: uncaught exception: sensor index 3 out of range");
  }
  SECTION("a stack overflow runs into the guard region below the main stack") {
    ElfImage image = firmware("test_stack_overflow.elf");
    Machine m(image);
    CHECK(m.run_until(Machine::kForever) == StopReason::Faulted);
    CHECK(m.fault()->kind == "stack overflow");
    CHECK_THAT(m.describe_fault(), Catch::Contains("dive(unsigned long)+0xA, stack_overflow.cpp"));
    CHECK_THAT(m.fault()->detail, Catch::Contains("guard region below 0x2003C000"));
  }
  SECTION("an enabled interrupt without a handler") {
    ElfImage image = firmware("test_unhandled_irq.elf");
    Machine m(image);
    CHECK(m.run_until(Machine::kForever) == StopReason::Faulted);
    CHECK(m.fault()->kind == "interrupt without a handler");
    CHECK_THAT(m.fault()->detail, Catch::Contains("exception 25"));
  }
}

TEST_CASE("the same scenario twice gives the same output, byte for byte", "[machine]") {
  Scenario sc = parse_scenario_file(std::string(ASYNCBOARD_SOURCE_DIR) + "/scenarios/020-button-flag/scenario.yaml");
  setenv("ASYNCBOARD_FIRMWARE_DIR", ASYNCBOARD_FIRMWARE_DIR, 1);
  std::string first, second;
  ScenarioResult a = run_scenario(sc, [&](const std::string& l) { first += l + "\n"; });
  ScenarioResult b = run_scenario(sc, [&](const std::string& l) { second += l + "\n"; });
  CHECK(a.code == kPassed);
  CHECK(a.message == b.message);
  CHECK(first == second);
  CHECK(first.find("button pressed") != std::string::npos);
}

TEST_CASE("no lost wake-up: button presses at random instants always wake the watcher", "[machine]") {
  ElfImage image = firmware("bench_irq.elf");
  Machine m(image);
  devices::Button* b1 = m.find_button("B1");
  REQUIRE(m.run_until(Machine::kForever) == StopReason::Idle);
  std::mt19937 rng(20261122);
  std::uniform_int_distribution<int> gap(0, 2500);  // cycles: spans the whole ISR-to-WFI path
  int lost = 0;
  for (int round = 0; round < 3000; ++round) {
    b1->press();  // first edge: the firmware starts handling it...
    m.run_until(m.clock().now() + static_cast<Cycles>(gap(rng)));
    b1->release();
    uint64_t marks_before = m.marks().size();
    Cycles second_press = m.clock().now();
    b1->press();  // ...and this one lands at a random point of that work, or of the idle sequence
    REQUIRE(m.run_until(Machine::kForever) == StopReason::Idle);
    bool woke_after = m.marks().size() > marks_before && m.marks().back().at >= second_press;
    if (!woke_after) ++lost;
    b1->release();
  }
  CHECK(lost == 0);
  CHECK(m.marks().size() >= 3000);
}

TEST_CASE("run control: a pause from another thread then a run to a virtual time then one step", "[machine]") {
  ElfImage image = firmware("test_runaway.elf");  // spins forever: only a pause stops it
  Machine m(image);
  std::thread pauser([&m] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    m.request_stop();
  });
  StopReason paused = m.run_until(Machine::kForever);
  pauser.join();
  CHECK(paused == StopReason::StopRequested);
  Cycles at = m.clock().now();
  CHECK(at > 0);
  // Run on for exactly one more virtual millisecond (to the block boundary at or after it).
  Cycles one_ms = m.clock().from_ns_ceil(1'000'000);
  CHECK(m.run_until(at + one_ms) == StopReason::TimeReached);
  CHECK(m.clock().now() >= at + one_ms);
  CHECK(m.clock().now() < at + one_ms + 100);
  uint64_t before = m.instructions();
  uint32_t pc = m.pc();
  CHECK(m.step() == StopReason::Stepped);
  CHECK(m.instructions() == before + 1);
  CHECK(m.pc() != pc);
}

TEST_CASE("machine::Timer calls back from TIMER0 and TIMER1 interrupts, and machine::PWM dims pins through ALT", "[machine][timer]") {
  ElfImage image = firmware("test_timer_pwm.elf");
  Machine m(image);
  m.run_until(m.clock().now() + ms(m, 200));
  REQUIRE(m.exit_status() == 0u);
  std::vector<std::string> lines = console_texts(m);
  REQUIRE(lines.size() == 6);
  CHECK(lines[0] == "LED2: PWM: the pin's timer runs a Timer callback");
  // 1 kHz for the 55 ms the task slept (its wake-up is rounded to the millisecond tick).
  uint64_t timer0 = m.nvic().taken_count(exception::kFirstExternal + board::kTimer0Irq);
  CHECK((timer0 == 54 || timer0 == 55));
  CHECK(lines[1] == fmt::format("periodic: {} ticks, one-shot: 1", timer0));
  CHECK(m.nvic().taken_count(exception::kFirstExternal + board::kTimer1Irq) == 1);
  CHECK(lines[2] == "after deinit: 0 more");
  CHECK(lines[3] == "B1: PWM: this pin has no timer channel (PA5, PA6, PA7, PA8 do)");
  CHECK(lines[4] == "PA7: 2000 Hz, duty_u16 13107, duty_ns 100000");
  CHECK(lines[5] == "LED1: 10 Hz, duty_u16 49151");
  CHECK(m.gpio_a().pin_duty(board::kTimer1Ch0Pin) == 0.2);
  CHECK(m.find_led("LED1")->brightness() == 0.75);
  CHECK(m.timer0().registers().read(board::timer::PRESCALER, 4) == 1);  // 10 Hz needs a prescaler of 2
  CHECK(m.timer0().registers().read(board::timer::PERIOD, 4) == 50'000);
}

TEST_CASE("typed console input arrives at 115200 baud and a long line does not overrun the 64-byte FIFO", "[machine][uart]") {
  ElfImage image = firmware("pwm_console.elf");
  Machine m(image);
  REQUIRE(m.run_until(m.clock().now() + ms(m, 5)) == StopReason::TimeReached);
  REQUIRE(m.console().size() == 1);
  std::string line(150, 'x');
  devices::Nanoseconds start = m.clock().now_ns();
  Cycles end = m.type_into_console(line + "\n");
  // 151 bytes of 10 bits each: 13.108 ms, the last byte at the end of its stop bit.
  devices::Nanoseconds expected = (151ull * 10 * 1'000'000'000 + 115'199) / 115'200;
  CHECK(m.clock().to_ns(end) - start >= expected);
  CHECK(m.clock().to_ns(end) - start < expected + 16);  // rounded up to a cycle (15.625 ns)
  m.run_until(end + ms(m, 1));
  REQUIRE(m.console().size() == 2);
  CHECK(m.console()[1].text == "unknown command: " + line + " (try: brightness 0..100, status)");
  CHECK(m.uart0().rx_overruns() == 0);
  CHECK(m.nvic().taken_count(exception::kFirstExternal + board::kUart0Irq) >= 151);  // one byte per interrupt

  // The same bytes all at once (no line pacing) overflow the FIFO before the firmware can run.
  for (char c : line) m.uart0().receive(static_cast<uint8_t>(c));
  CHECK(m.uart0().rx_overruns() == 150 - devices::Uart::kRxFifoDepth);
}
