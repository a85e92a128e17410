// SPDX-License-Identifier: GPL-2.0-or-later
// Machine: the virtual board -- a Unicorn Cortex-M4, flash and SRAM, the System Control Space
// (NVIC, SCB, SysTick) and the peripherals of board/memory_map.h, on one VirtualClock.
//
// Unicorn runs instructions; the Machine owns everything else the core would do: it counts cycles
// at block boundaries (one instruction = one cycle), takes exceptions there (stacking the frame,
// EXC_RETURN in LR, the vector from VTOR), unstacks them on EXC_RETURN (tail-chaining when another
// exception is due), and on WFI either continues (an interrupt is pending) or jumps virtual time to
// the next scheduled event. The rules are ARMv7-M B1.5 (ARMV7M-CONFORMANCE.md lists each with its
// test); what it relies on from Unicorn, and works around, is in UNICORN.md.
// Its implementation: machine.cpp (memory map, run loop, time), machine_exceptions.cpp (entry,
// return, faults raised to firmware), machine_privilege.cpp (the privileged-only PPB),
// machine_alignment.cpp and machine_instruction_checks.cpp (alignment and division traps),
// machine_debug.cpp (breakpoints, steps), machine_faults.cpp (fault reports).
#pragma once
#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "armv7m.h"
#include "cpu.h"
#include "dwt.h"
#include "devices/button.h"
#include "devices/general_purpose_timer.h"
#include "devices/gpio_port.h"
#include "devices/led.h"
#include "devices/net_device.h"
#include "devices/virtual_network.h"
#include "devices/sim_control.h"
#include "devices/timebase.h"
#include "devices/trace_port.h"
#include "devices/uart.h"
#include "elf_image.h"
#include "guest_memory_unicorn.h"
#include "memory_access.h"
#include "nvic.h"
#include "run_horizon.h"
#include "semihosting.h"
#include "systick.h"
#include "virtual_clock.h"

namespace sim {

struct ConsoleLine {
  devices::Nanoseconds at;  // when the newline was transmitted
  std::string text;         // without the newline
};

// A benchmark mark written by firmware to SimControl.MARK.
struct Mark {
  uint32_t id;
  uint64_t instructions;  // executed so far, counted per translated block (exact to the block)
  Cycles at;
};

struct Fault {
  std::string kind;        // "read from unmapped memory", "undefined instruction", ...
  uint32_t pc = 0;
  std::optional<uint32_t> address;  // the data address involved, if any
  std::string detail;
  std::array<uint32_t, 17> registers{};  // r0-r12, sp, lr, pc, xpsr when it happened
};

enum class StopReason {
  TimeReached,    // virtual time reached the requested instant
  StopRequested,  // request_stop() was called (e.g. by an observer)
  Idle,           // the firmware sleeps and nothing is scheduled: it would sleep forever
  Exited,         // the firmware wrote SimControl.EXIT; time can still pass
  Faulted,        // see fault()
  Breakpoint,     // execution reached a breakpoint (debugger)
  Stepped,        // step() executed one instruction
};

class Machine {
 public:
  explicit Machine(const ElfImage& image);
  ~Machine();
  Machine(const Machine&) = delete;
  Machine& operator=(const Machine&) = delete;

  static constexpr Cycles kForever = UINT64_MAX;
  static constexpr uint32_t kStackGuardSize = 0x1000;   // unmapped below the main stack (board.ld's __stack_guard)
  static constexpr uint32_t kPeripheralDecode = 0x400;  // bytes of each peripheral window that answer (see map_window)
  // What the main stack holds where it was never written: load() paints it, so its peak use can be
  // read at any time without the firmware's help (as FreeRTOS's uxTaskGetStackHighWaterMark does
  // with its 0xA5 fill).
  static constexpr uint32_t kStackPaint = 0xA5A5A5A5;
  struct StackRegion {
    uint32_t bottom, top;  // [bottom, top): from the guard's end to the reset SP
  };
  // The main stack's extent, when the image has a stack guard (runtime/ports/board/board.ld).
  std::optional<StackRegion> main_stack() const { return main_stack_; }

  // Runs until virtual time reaches `until` (or one of the other StopReasons). After exit or a
  // fault, time still advances (events such as timers keep running) but no instruction does.
  StopReason run_until(Cycles until);
  // Run control, as a dashboard or debugger drives it: run_until() a virtual time (TimeReached),
  // or kForever until the firmware idles with nothing scheduled (Idle); step() one instruction;
  // request_stop() pauses run_until() at the next block boundary (StopRequested) -- callable from
  // device observers and from any other thread (the dashboard's pause button).
  void request_stop() {
    stop_requested_.store(true, std::memory_order_seq_cst);
    horizon_.look_now();
  }

  // For debuggers: breakpoints stop run_until() before the instruction at `address` executes;
  // step() executes one instruction (or enters a pending exception, or sleeps past a WFI).
  void add_breakpoint(uint32_t address);
  void remove_breakpoint(uint32_t address);
  StopReason step();

  VirtualClock& clock() { return clock_; }
  const VirtualClock& clock() const { return clock_; }
  Nvic& nvic() { return nvic_; }
  Cpu& cpu() { return cpu_; }
  const Cpu& cpu() const { return cpu_; }
  const ElfImage& image() const { return image_; }

  devices::GpioPort& gpio_a() { return gpio_a_; }
  devices::Uart& uart0() { return uart0_; }
  devices::Timebase& timebase() { return timebase_; }
  // The virtual network the board's NET0 device sits on; scenario peers and the host bridge join it.
  devices::VirtualNetwork& network() { return network_; }
  devices::NetDevice& net0() { return net0_; }
  devices::GeneralPurposeTimer& timer0() { return timer0_; }
  devices::GeneralPurposeTimer& timer1() { return timer1_; }
  devices::Button* find_button(const std::string& name);
  devices::Led* find_led(const std::string& name);
  std::vector<std::string> button_names() const;
  std::vector<std::string> led_names() const;
  // Task events from the firmware's asyncio trace hook. Enabled from reset, so every run -- with or
  // without a trace export -- executes the same instructions; set_trace_enabled(false) before the
  // firmware starts (the benchmarks do) runs it with tracing off.
  devices::TracePort& trace_port() { return trace_port_; }
  const devices::TracePort& trace_port() const { return trace_port_; }
  void set_trace_enabled(bool on) { trace_port_.set_enabled(on); }
  // Alignment faults as hardware raises them for LDRD/STRD, LDM/STM and the exclusives even while
  // CCR.UNALIGN_TRP is clear (code hooks on those instructions, outside IT blocks:
  // machine_instruction_checks.cpp). Off by default: with any code hook installed every block runs
  // slower (`asyncboard bench` prints by how much). Call before running.
  void set_strict_alignment(bool on);

  const std::vector<ConsoleLine>& console() const { return console_; }
  // Typed console input: the bytes reach UART0's receive FIFO one per character time at
  // board::kConsoleBaud (10 bits: start, 8 data, stop), the first one character time from now (or
  // after input still under way). Returns the cycle at which the last byte arrives.
  Cycles type_into_console(const std::string& text);
  // Adds an observer of console lines (each is told every line, in the order they were added).
  void on_console_line(std::function<void(const ConsoleLine&)> f) { console_observers_.push_back(std::move(f)); }
  // Unhandled register accesses and other oddities, one line each, with time and PC.
  void on_diagnostic(std::function<void(const std::string&)> f) { diagnostic_observer_ = std::move(f); }

  uint64_t instructions() const { return instructions_; }
  const std::vector<Mark>& marks() const { return marks_; }
  void on_mark(std::function<void(const Mark&)> f) { mark_observer_ = std::move(f); }
  // Exception entry (true) and return (false), with the exception number, for trace export.
  void on_exception(std::function<void(int exception, bool entry)> f) { exception_observer_ = std::move(f); }
  // Guest profile: instructions executed per translated block start address, while enabled.
  void enable_profile(bool on) {
    profiling_ = on;
    horizon_.lower(0);
  }
  const std::unordered_map<uint32_t, uint64_t>& profile() const { return profile_; }
  void clear_profile() { profile_.clear(); }
  bool sleeping() const { return sleeping_; }
  uint32_t pc() const { return pc_; }  // where execution continues
  std::optional<uint32_t> exit_status() const { return exit_status_; }
  const std::optional<Fault>& fault() const { return fault_; }
  // "<kind> at PC 0x08000123 (function+0x12)[, address 0x...]: detail"
  std::string describe_fault() const;
  // The rest of a fault report: the registers, and the call chain found on the stack.
  std::vector<std::string> fault_details() const;
  // The asyncio task that is running, if the image says where to look ("" if it does not).
  std::string running_task() const;
  // For a bad access in the peripheral region: "; GPIOA answers only ..." or "; no peripheral at ...".
  static std::string peripheral_context(uint32_t address);

 private:
  struct MmioWindow {
    Machine* machine;
    devices::RegisterMap* map;  // nullptr: the SCS router
    uint32_t base;
  };
  static uint64_t mmio_read(uc_engine*, uint64_t offset, unsigned size, void* user);
  static void mmio_write(uc_engine*, uint64_t offset, unsigned size, uint64_t value, void* user);
  static void on_block(uc_engine*, uint64_t address, uint32_t size, void* user);
  static void on_interrupt(uc_engine*, uint32_t intno, void* user);
  static bool on_bad_access(uc_engine*, uc_mem_type type, uint64_t address, int size, int64_t value, void* user);
  static bool on_invalid_instruction(uc_engine*, void* user);
  static void on_breakpoint(uc_engine*, uint64_t address, uint32_t size, void* user);
  // Code-hook checks on single instructions (machine_instruction_checks.cpp).
  static void on_divide(uc_engine*, uint64_t address, uint32_t size, void* user);
  static void on_aligned_access(uc_engine*, uint64_t address, uint32_t size, void* user);
  bool hook_divides(uint32_t address, uint32_t size);
  bool hook_alignment_checks(uint32_t address, uint32_t size);
  template <typename Each>
  void for_each_unconditional(uint32_t address, uint32_t size, Each each);
  void retranslate_block(uint32_t address, uint32_t size);
  struct AlignmentHook {
    Machine* machine;
    armv7m::AlignmentCheck check;
  };
  // Unaligned accesses (machine_alignment.cpp).
  static void on_memory_access(uc_engine*, uc_mem_type type, uint64_t address, int size, int64_t value, void* user);
  bool unaligned_fault_taken(uc_mem_type type);
  void update_alignment_check();
  bool strict_alignment_ = false;

  void load(const ElfImage& image);
  void map_window(uint32_t base, devices::RegisterMap* map);
  devices::RegisterMap* scs_route(uint32_t offset, uint32_t& local);
  [[gnu::noinline]] void block(uint32_t address, uint32_t size);
  void interrupt(uint32_t intno);
  uint32_t instructions_in_block(uint32_t address, uint32_t size);
  PriorityMasks masks() const;
  bool wfi_wakes() const;
  bool wakes_from_sleep() const;
  // Exception entry: the frame stacked on the active stack (its xPSR.T = `thumb_state`), then taken.
  bool enter_exception(int exception, uint32_t return_address, bool thumb_state = true);
  void take_exception(int exception);
  void tail_chain(int exception, uint32_t exc_return);
  bool handle_hook_requests(uc_err err);
  // A synchronous fault as hardware raises it: status registers set, then the configurable fault
  // exception if enabled and able to preempt, else HardFault (FORCED), else lockup. `report` is
  // what the user sees if the firmware has no handler for it.
  void raise_fault(int exception, uint32_t cfsr_bits, std::optional<uint32_t> bfar, uint32_t return_address,
                   Fault report, bool thumb_state = true);
  // Which exception a synchronous fault is taken as: `exception`, or HardFault (HFSR.FORCED added to
  // `hfsr_bits`) when it is disabled or cannot preempt; 0 when not even HardFault can (lockup,
  // reported and stopped).
  int fault_exception(int exception, uint32_t& hfsr_bits, const Fault& report);
  void raise_fetch_fault(uint32_t address, std::string detail);
  void raise_undefined(uint32_t pc);
  // The privileged-only PPB (machine_privilege.cpp): its windows' permissions follow the privilege.
  void update_ppb_access();
  enum class PpbAccess { NotPpb, Allowed, Refused };
  PpbAccess ppb_access(uc_mem_type type, uint64_t address) const;
  std::optional<std::string> exc_return_fault(int returning, uint32_t exc_return) const;
  void return_from_exception(uint32_t exc_return);
  void write_control(uint32_t value);
  void set_fault(std::string kind, uint32_t pc, std::optional<uint32_t> address = std::nullopt, std::string detail = {});
  std::array<uint32_t, 17> registers() const;
  void diagnostic(const std::string& text);
  // After block()'s checks: the next time the hook must look again.
  void refresh_horizon() {
    bool look = nvic_.any_pending() || stepping_ || profiling_ || privilege_check_;
    horizon_.set(look ? 0 : std::min(stop_at_, clock_.next_event_cycle()),
                 [this] { return stop_requested_.load(std::memory_order_seq_cst); });
  }
  void drain_trace() {
    trace_port_.drain();
    trace_tail_ = trace_port_.ring_taken();
  }
  void uart_byte(uint8_t byte);

  // A flash block as first decoded. `size` has bit 15 set for a block the hook may not count on
  // its own (SEV or a division in it), so that the fast path's one size compare fails for it.
  struct BlockInfo {
    uint16_t size = 0;
    uint16_t count = 0;  // bit 15: the block contains SEV (Unicorn runs SEV as a no-op)
  };
  static constexpr uint16_t kSlowBlock = 0x8000;
  static constexpr uint16_t kHasSev = 0x8000;
  static constexpr uint16_t kHasDivide = 0x4000;  // the block contains SDIV or UDIV
  static constexpr uint16_t kWritesControl = 0x2000;  // ... or an MSR to CONTROL (privilege may change)
  static constexpr uint16_t kChecksAlignment = 0x1000;  // ... or, under strict alignment, an access to check

  const ElfImage& image_;
  VirtualClock clock_;
  // What the block hook reads on every translated block, kept together (a few cache lines).
  RunHorizon horizon_;          // below it, a block is only counted (run_horizon.h)
  Cycles stop_at_ = 0;          // the block hook stops emulation once time reaches this
  uint64_t instructions_ = 0;
  uint32_t cycles_per_instruction_ = 1;
  // The trace ring's head in host memory (see devices/trace_port.h) and the words taken from it: a
  // block after one that wrote to the ring goes the slow way, which drains it.
  const volatile uint32_t* trace_head_ = &no_trace_head_;
  uint32_t trace_tail_ = 0;
  uint32_t no_trace_head_ = 0;
  uint32_t block_start_ = 0;    // the block running now, as the block hook was told
  std::atomic<bool> stop_requested_{false};
  bool stepping_ = false;       // step(): count one instruction, not the block
  bool profiling_ = false;
  std::vector<BlockInfo> flash_blocks_;  // instruction counts by (address - flash base) / 2
  Cpu cpu_;
  Nvic nvic_;
  SysTick systick_;
  devices::GpioPort gpio_a_;
  devices::Button button_b1_;
  devices::Led led1_;
  devices::Led led2_;
  devices::Uart uart0_;
  devices::Timebase timebase_;
  devices::GeneralPurposeTimer timer0_;
  devices::GeneralPurposeTimer timer1_;
  devices::Nanoseconds console_input_until_ = 0;  // when typed input under way has all arrived
  devices::SimControl simctl_;
  devices::VirtualNetwork network_;
  GuestMemoryUnicorn guest_memory_;  // what NET0 copies through and the trace port reads task names from
  devices::NetDevice net0_;
  Dwt dwt_;
  Semihosting semihosting_;
  devices::TracePort trace_port_;
  std::deque<MmioWindow> windows_;

  uint32_t pc_ = 0;             // where emulation continues (Thumb bit clear)
  bool hook_stopped_ = false;
  bool sleeping_ = false;       // in WFI or WFE, waiting for an interrupt (or, for WFE, an event)
  bool sleeping_in_wfe_ = false;
  bool wfe_requested_ = false;  // the invalid-instruction hook met a WFE with the event register clear
  // Where a YIELD or a WFE that needed no sleep left PC: Unicorn 2.0.1 stops there after the hook.
  std::optional<uint32_t> hint_resume_;
  bool breakpoint_hit_ = false;
  std::optional<uint32_t> resume_from_; // a breakpoint we are continuing from: do not stop there again
  std::map<uint32_t, uc_hook> breakpoints_;
  bool event_register_ = false; // set by SEV and by exception entry and return; WFE consumes it
  bool exited_ = false;
  std::unordered_map<uint32_t, uint64_t> profile_;
  std::string console_partial_;
  std::vector<ConsoleLine> console_;
  std::vector<Mark> marks_;
  std::optional<uint32_t> exit_status_;
  std::optional<Fault> fault_;
  std::optional<Fault> fault_in_handling_;  // raised to the firmware's handler; reported if none exists
  std::optional<Fault> bus_fault_;          // from the memory hook: raised once emulation has stopped
  std::optional<Fault> usage_fault_;        // from the invalid-instruction or a divide hook: likewise
  uint32_t usage_fault_cfsr_ = 0;           // its CFSR bits (UNDEFINSTR, DIVBYZERO, NOCP, INVSTATE)
  bool usage_fault_thumb_ = true;           // false: EPSR.T was clear at the fault (INVSTATE)
  bool bus_fault_fetch_ = false;            // bus_fault_ is an instruction fetch
  uint32_t synchronous_it_state_ = 0;       // IT bits at the instruction the interrupt hook reports
  bool ppb_locked_ = false;                 // the PPB windows refuse access: unprivileged Thread mode
  bool privilege_check_ = false;            // a block wrote CONTROL: the next one looks at the privilege
  MemoryAccessFinder access_finder_;        // the precise PC of a data fault (see memory_access.h)
  uint32_t data_fault_pc(uint32_t reported_pc, uint32_t address);
  std::set<uint32_t> divides_hooked_;       // SDIV/UDIV addresses with a DIV_0_TRP check
  std::set<uint32_t> alignment_hooked_;     // addresses of always-aligned accesses with their check
  std::deque<AlignmentHook> alignment_checks_;  // the hooks' user data (a deque: addresses stay put)
  std::optional<std::pair<uint32_t, uint32_t>> retranslate_;  // a block that just got code hooks
  bool flush_translations_ = false;  // a memory hook was installed: every block translated so far lacks it
  std::optional<uint32_t> stack_guard_;     // the unmapped 4 KiB below the main stack, if the image has one
  std::optional<StackRegion> main_stack_;   // above the guard, up to the reset SP; painted at load
  size_t diagnostics_reported_ = 0;
  std::optional<uint32_t> mmio_address_;    // the address an MMIO callback is serving, for diagnostics' PC
  std::vector<std::function<void(const ConsoleLine&)>> console_observers_;
  std::function<void(const std::string&)> diagnostic_observer_;
  std::function<void(const Mark&)> mark_observer_;
  std::function<void(int, bool)> exception_observer_;
  uc_hook block_hook_ = 0, interrupt_hook_ = 0, bad_access_hook_ = 0, invalid_hook_ = 0, alignment_hook_ = 0;
  // An unaligned access that traps, while its memory region's permission is withdrawn so that
  // Unicorn stops the instruction before it runs (see machine_alignment.cpp).
  struct UnalignedTrap {
    Fault fault;
    uint64_t region_begin, region_size;
    uint32_t region_perms;
  };
  std::optional<UnalignedTrap> unaligned_;
};

}  // namespace sim
