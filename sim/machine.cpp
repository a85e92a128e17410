// SPDX-License-Identifier: GPL-2.0-or-later
#include "machine.h"

#include <algorithm>
#include <utility>
#include <fmt/format.h>

#include "armv7m.h"
#include "board/memory_map.h"
#include "board/registers.h"

namespace sim {

using namespace armv7m;

namespace {
constexpr size_t kMaxDiagnostics = 200;
}  // namespace

Machine::Machine(const ElfImage& image)
    : image_(image),
      clock_(board::kCoreClockHz),
      systick_(clock_, [this] { nvic_.set_pending(exception::kSysTick); }),
      gpio_a_("GPIOA"),
      button_b1_("B1", gpio_a_, board::kButtonB1Pin, /*active_low=*/true, &clock_),
      led1_("LED1", gpio_a_, board::kLed1Pin, clock_),
      led2_("LED2", gpio_a_, board::kLed2Pin, clock_),
      uart0_("UART0"),
      timebase_("TIMEBASE", clock_),
      timer0_("TIMER0", clock_),
      timer1_("TIMER1", clock_),
      network_(clock_),
      guest_memory_(cpu_),
      net0_("NET0", network_, guest_memory_, board::kNetBoardAddress),
      dwt_(clock_, nvic_.trace_enabled()),
      semihosting_({[this](uint32_t a, void* out, size_t n) { return cpu_.read(a, out, n); },
                    [this](uint32_t a, const void* in, size_t n) { return cpu_.write(a, in, n); },
                    [this](char c) { uart_byte(static_cast<uint8_t>(c)); },
                    [this](uint32_t status) {
                      exit_status_ = status;
                      exited_ = true;
                      request_stop();
                    },
                    [this] { return clock_.now(); }, board::kCoreClockHz}),
      trace_port_("TRACE", clock_, guest_memory_) {
  cpu_.map_ram(board::kFlashBase, board::kFlashSize, "flash");
  cpu_.map_ram(board::kSramBase, board::kSramSize, "SRAM");
  uc_mem_protect(cpu_.engine(), board::kFlashBase, board::kFlashSize, UC_PROT_READ | UC_PROT_EXEC);
  flash_blocks_.resize(board::kFlashSize / 2);
  clock_.watch(&horizon_);
  nvic_.watch(&horizon_);
  nvic_.read_masks_with([this] { return masks(); });  // ICSR.VECTPENDING leaves out what they hold back

  map_window(board::kGpioABase, &gpio_a_.registers());
  map_window(board::kUart0Base, &uart0_.registers());
  map_window(board::kTimebaseBase, &timebase_.registers());
  map_window(board::kNet0Base, &net0_.registers());
  map_window(board::kTimer0Base, &timer0_.registers());
  map_window(board::kTimer1Base, &timer1_.registers());
  map_window(board::kSimControlBase, &simctl_.registers());
  map_window(board::kScsBase, nullptr);
  map_window(board::kDwtBase, &dwt_.registers());
  map_window(board::kTracePortBase, &trace_port_.registers());
  trace_port_.set_enabled(true);
  trace_port_.on_ring([this] {
    std::optional<uint32_t> head = trace_port_.ring_head_address();
    const uint8_t* host = head ? cpu_.host(*head, 4) : nullptr;
    trace_head_ = host ? reinterpret_cast<const volatile uint32_t*>(host) : &no_trace_head_;
    trace_tail_ = host ? trace_port_.ring_taken() : 0;
  });

  auto wire = [this](devices::IrqLine& line, int irq) { line.connect([this, irq](bool level) { nvic_.set_line(irq, level); }); };
  wire(gpio_a_.irq(), board::kGpioAIrq);
  wire(uart0_.irq(), board::kUart0Irq);
  wire(timebase_.irq(), board::kTimebaseIrq);
  wire(net0_.irq(), board::kNet0Irq);
  wire(timer0_.irq(), board::kTimer0Irq);
  wire(timer1_.irq(), board::kTimer1Irq);
  // Each timer channel is the alternate function of one GPIOA pin (gpio::ALT selects it).
  auto route = [this](devices::GeneralPurposeTimer& timer, std::array<int, devices::GeneralPurposeTimer::kChannelCount> pins) {
    for (int ch = 0; ch < devices::GeneralPurposeTimer::kChannelCount; ++ch)
      gpio_a_.connect_alternate(pins[ch], [&timer, ch] { return timer.output_level(ch); });
    timer.on_output_change([this, pins](int ch, double duty) { gpio_a_.drive_alternate(pins[ch], duty); });
  };
  route(timer0_, {board::kTimer0Ch0Pin, board::kTimer0Ch1Pin});
  route(timer1_, {board::kTimer1Ch0Pin, board::kTimer1Ch1Pin});

  auto report = [this](const std::string& s) { diagnostic(s); };
  for (devices::RegisterMap* m : {&gpio_a_.registers(), &uart0_.registers(), &timebase_.registers(),
                                  &timer0_.registers(), &timer1_.registers(), &net0_.registers(), &simctl_.registers(), &nvic_.nvic_registers(), &nvic_.scb_registers(),
                                  &systick_.registers(), &dwt_.registers()})
    m->set_diagnostics(report);
  trace_port_.registers().set_diagnostics(report);

  uart0_.on_transmit([this](uint8_t b) { uart_byte(b); });
  simctl_.on_exit([this](uint32_t status) {
    exit_status_ = status;
    exited_ = true;
    request_stop();
  });
  simctl_.on_mark([this](uint32_t id) {
    marks_.push_back({id, instructions_, clock_.now()});
    if (mark_observer_) mark_observer_(marks_.back());
  });
  simctl_.on_unhandled([this](uint32_t exception_number) {
    int e = static_cast<int>(exception_number);
    if (fault_in_handling_ && e >= exception::kHardFault && e <= exception::kUsageFault) {
      Fault f = *fault_in_handling_;  // the fault itself, which no handler took care of
      f.detail += (f.detail.empty() ? "" : "; ") + std::string("the firmware has no fault handler");
      fault_ = f;
    } else {
      set_fault("interrupt without a handler", pc_, std::nullopt,
                fmt::format("exception {} reached Default_Handler: define its handler or leave it disabled", e));
    }
    uc_emu_stop(cpu_.engine());
  });
  simctl_.on_terminate([this](uint32_t address) {
    std::string what;
    for (char c = 0; what.size() < 200 && cpu_.read(address + static_cast<uint32_t>(what.size()), &c, 1) && c;)
      what.push_back(c);
    // At the store itself (inside std::terminate's handler), like a diagnostic's PC; the backtrace
    // leads to where the exception was thrown.
    uint32_t pc = cpu_.reg(UC_ARM_REG_PC) & ~1u;
    if (mmio_address_) pc = data_fault_pc(pc, *mmio_address_);
    set_fault("uncaught C++ exception", pc, std::nullopt,
              fmt::format("std::terminate: {}", what.empty() ? "(no description)" : what));
    uc_emu_stop(cpu_.engine());
  });

  uc_hook_add(cpu_.engine(), &block_hook_, UC_HOOK_BLOCK, reinterpret_cast<void*>(&Machine::on_block), this, 1, 0);
  uc_hook_add(cpu_.engine(), &interrupt_hook_, UC_HOOK_INTR, reinterpret_cast<void*>(&Machine::on_interrupt), this, 1, 0);
  uc_hook_add(cpu_.engine(), &bad_access_hook_, UC_HOOK_MEM_UNMAPPED | UC_HOOK_MEM_PROT,
              reinterpret_cast<void*>(&Machine::on_bad_access), this, 1, 0);
  uc_hook_add(cpu_.engine(), &invalid_hook_, UC_HOOK_INSN_INVALID,
              reinterpret_cast<void*>(&Machine::on_invalid_instruction), this, 1, 0);
  nvic_.on_ccr_write([this] { update_alignment_check(); });
  nvic_.on_pend_event([this] { event_register_ = true; });  // SCR.SEVONPEND

  load(image);
}

Machine::~Machine() = default;

void Machine::load(const ElfImage& image) {
  for (const ElfSegment& seg : image.segments()) {
    // In 64 bits: a segment ending at the top of the address space would wrap its end to 0.
    uint64_t end = uint64_t{seg.address} + seg.mem_size;
    bool in_flash = seg.address >= board::kFlashBase && end <= uint64_t{board::kFlashBase} + board::kFlashSize;
    bool in_sram = seg.address >= board::kSramBase && end <= uint64_t{board::kSramBase} + board::kSramSize;
    if (!in_flash && !in_sram)
      throw ElfError(fmt::format("{}: segment at 0x{:08X} ({} bytes) lies outside flash and SRAM", image.path(),
                                 seg.address, seg.mem_size));
    if (!seg.bytes.empty()) cpu_.write(seg.address, seg.bytes.data(), seg.bytes.size());
  }
  // A stack guard, if the image asks for one (runtime/ports/board/board.ld): a hole in SRAM below
  // the main stack, so an overflow faults there and is reported as what it is.
  if (const ElfSymbol* guard = image.find("__stack_guard")) {
    uint32_t at = guard->address & ~0xFFFu;
    if (at >= board::kSramBase && at + kStackGuardSize <= board::kSramBase + board::kSramSize &&
        cpu_.unmap(at, kStackGuardSize))
      stack_guard_ = at;
  }
  // Reset: SP and PC from the vector table at VTOR (flash base on this board).
  uint32_t sp = 0, reset = 0;
  cpu_.read32(nvic_.vtor(), sp);
  cpu_.read32(nvic_.vtor() + 4, reset);
  if (!(reset & 1) || reset < board::kFlashBase || reset >= board::kFlashBase + board::kFlashSize)
    throw ElfError(fmt::format("{}: the reset vector (0x{:08X}) is not a Thumb address in flash: is there a vector "
                               "table at 0x{:08X}?", image.path(), reset, nvic_.vtor()));
  cpu_.set_reg(UC_ARM_REG_SP, sp);
  cpu_.set_reg(UC_ARM_REG_PC, reset);
  // Paint the main stack (between its guard and the reset SP) for the peak-use reading.
  if (stack_guard_ && sp > *stack_guard_ + kStackGuardSize && sp <= board::kSramBase + board::kSramSize) {
    StackRegion region{*stack_guard_ + kStackGuardSize, sp & ~3u};
    std::vector<uint32_t> paint((region.top - region.bottom) / 4, kStackPaint);
    cpu_.write(region.bottom, paint.data(), paint.size() * 4);
    main_stack_ = region;
  }
  pc_ = reset & ~1u;
}

// ---- MMIO ----

// A peripheral decodes the first kPeripheralDecode bytes of its 4 KiB window (its registers, then
// holes that read as zero and ignore writes, each logged by name); the rest of the window is not
// mapped, so an access there is a precise bus fault, as an AHB/APB error response is on hardware.
void Machine::map_window(uint32_t base, devices::RegisterMap* map) {
  windows_.push_back({this, map, base});
  uint32_t size = base == board::kScsBase ? board::kScsSize : base == board::kDwtBase ? board::kDwtSize : kPeripheralDecode;
  uc_err err = uc_mmio_map(cpu_.engine(), base, size, &Machine::mmio_read, &windows_.back(), &Machine::mmio_write,
                           &windows_.back());
  if (err != UC_ERR_OK) throw CpuError(fmt::format("cannot map MMIO at 0x{:08X}: {}", base, uc_strerror(err)));
}

devices::RegisterMap* Machine::scs_route(uint32_t offset, uint32_t& local) {
  namespace scs = board::scs;
  if (offset >= scs::SYST_CSR && offset < scs::SYST_CSR + 0x10) {
    local = offset - scs::SYST_CSR;
    return &systick_.registers();
  }
  if (offset >= scs::CPUID && offset < scs::CPUID + 0x100) {
    local = offset - scs::CPUID;
    return &nvic_.scb_registers();
  }
  if ((offset >= scs::NVIC_ISER && offset < scs::CPUID) || offset == scs::STIR) {
    local = offset - scs::NVIC_ISER;
    return &nvic_.nvic_registers();
  }
  return nullptr;
}

uint64_t Machine::mmio_read(uc_engine*, uint64_t offset, unsigned size, void* user) {
  auto* w = static_cast<MmioWindow*>(user);
  uint32_t local = static_cast<uint32_t>(offset);
  devices::RegisterMap* map = w->map ? w->map : w->machine->scs_route(local, local);
  w->machine->mmio_address_ = w->base + static_cast<uint32_t>(offset);
  if (!map) {
    w->machine->diagnostic(fmt::format("SCS: read of unimplemented register at 0x{:08X} returns 0", w->base + offset));
    return 0;
  }
  uint64_t value = map->read(local, size);
  w->machine->mmio_address_.reset();
  return value;
}

void Machine::mmio_write(uc_engine*, uint64_t offset, unsigned size, uint64_t value, void* user) {
  auto* w = static_cast<MmioWindow*>(user);
  uint32_t local = static_cast<uint32_t>(offset);
  devices::RegisterMap* map = w->map ? w->map : w->machine->scs_route(local, local);
  w->machine->mmio_address_ = w->base + static_cast<uint32_t>(offset);
  if (!map) {
    w->machine->diagnostic(
        fmt::format("SCS: write of 0x{:X} to unimplemented register at 0x{:08X} ignored", value, w->base + offset));
    return;
  }
  map->write(local, size, static_cast<uint32_t>(value));
  w->machine->mmio_address_.reset();
}

// ---- the run loop ----

StopReason Machine::run_until(Cycles until) {
  pc_ = cpu_.reg(UC_ARM_REG_PC) & ~1u;  // a debugger may have moved it
  for (;;) {
    clock_.deliver_due();
    if (fault_) return StopReason::Faulted;
    if (stop_requested_) {
      stop_requested_ = false;
      if (!exited_) return StopReason::StopRequested;
      exited_ = false;  // report the exit once
      return StopReason::Exited;
    }
    if (clock_.now() >= until) return StopReason::TimeReached;

    if (exit_status_ || sleeping_) {
      if (!exit_status_ && wakes_from_sleep()) {
        if (sleeping_in_wfe_ && event_register_) event_register_ = false;  // WFE consumes the event
        sleeping_ = sleeping_in_wfe_ = false;
      } else {
        // Nothing runs: jump to the next event, or to `until`.
        std::optional<Cycles> next = clock_.next_event();
        if (!next && until == kForever) return StopReason::Idle;
        clock_.advance_to(std::min(next.value_or(until), until));
        continue;
      }
    }

    stop_at_ = until;
    horizon_.lower(0);  // the first block looks
    hook_stopped_ = false;
    if (breakpoints_.count(pc_)) resume_from_ = pc_;  // continuing from a breakpoint: pass it once
    uc_err err = uc_emu_start(cpu_.engine(), pc_ | 1, 0, 0, 0);
    if (*trace_head_ != trace_tail_) drain_trace();  // events of the last block run
    resume_from_.reset();
    pc_ = cpu_.reg(UC_ARM_REG_PC) & ~1u;
    if (fault_) return StopReason::Faulted;
    if (breakpoint_hit_) {
      breakpoint_hit_ = false;
      return StopReason::Breakpoint;
    }
    if (handle_hook_requests(err)) {
      if (fault_) return StopReason::Faulted;
      continue;
    }
    if (hook_stopped_ || stop_requested_) continue;
    uint16_t previous = 0;
    if (cpu_.read(pc_ - 2, &previous, 2) && previous == 0xBF30) {  // WFI: Unicorn returns after it
      sleeping_ = true;
      continue;
    }
    if (pc_ == 0) {
      set_fault("jump to address 0 (a null function pointer?)", 0, std::nullopt,
                fmt::format("LR 0x{:08X} {}", cpu_.reg(UC_ARM_REG_LR), image_.describe(cpu_.reg(UC_ARM_REG_LR) & ~1u)));
      return StopReason::Faulted;
    }
    set_fault("emulation stopped for no known reason", pc_);
    return StopReason::Faulted;
  }
}

// Runs before each translated block executes: the place to stop, take exceptions and count time.
// on_block() handles the common case itself and calls this for everything else.
void Machine::block(uint32_t address, uint32_t size) {
  // Task events the previous block stored into the trace ring: stamped with its time, as a store
  // to the port there would have been, and before an exception this block might take.
  if (*trace_head_ != trace_tail_) drain_trace();
  if (privilege_check_) {  // the previous block wrote CONTROL
    privilege_check_ = false;
    update_ppb_access();
  }
  // Stop for the caller's deadline and for any event that falls due -- including one a register
  // write scheduled during this run (arming a timer), so the clock's cached next event is read here.
  if (stop_requested_.load(std::memory_order_relaxed) || clock_.now() >= stop_at_ ||
      clock_.now() >= clock_.next_event_cycle() || flush_translations_) {
    hook_stopped_ = true;
    // The block does not run; emulation resumes at `address`, said explicitly: PC in the hook of a
    // chained block can still show an earlier block (sim/UNICORN.md), and resuming there re-runs it.
    cpu_.set_reg(UC_ARM_REG_PC, address | 1);
    uc_emu_stop(cpu_.engine());
    return;
  }
  if (nvic_.any_pending()) {
    synchronous_it_state_ = 0;  // an asynchronous entry: nothing the interrupt hook saw applies
    int e = nvic_.exception_to_take(nvic_.execution_priority(masks()));
    if (e && enter_exception(e, address)) return;  // the block runs after the handler returns
  }
  // Instruction counts of flash blocks are cached by address; only a new block is decoded.
  uint32_t n;
  uint32_t offset = address - board::kFlashBase;
  if (offset < board::kFlashSize && (flash_blocks_[offset >> 1].size & ~kSlowBlock) == size)
    n = flash_blocks_[offset >> 1].count;
  else
    n = instructions_in_block(address, size);
  if (n & kChecksAlignment) [[unlikely]] {
    bool added = hook_alignment_checks(address, size);
    // Hooked once for good: the block needs block() from now on only for what else it holds.
    if (offset < board::kFlashSize && (flash_blocks_[offset >> 1].size & ~kSlowBlock) == size) {
      BlockInfo& b = flash_blocks_[offset >> 1];
      b.count &= ~kChecksAlignment;
      if (!(b.count & (kHasSev | kHasDivide | kWritesControl))) b.size &= ~kSlowBlock;
    }
    if (added) return;
    n &= ~kChecksAlignment;
  }
  if (n & (kHasSev | kHasDivide | kWritesControl)) [[unlikely]] {
    if (n & kHasSev) event_register_ = true;  // SEV somewhere in this block; a WFE ends a block, so none precedes it
    if (n & kWritesControl) privilege_check_ = true;  // MSR CONTROL ends its block: the next one looks
    // A division with CCR.DIV_0_TRP set: its check must be in place before the block runs.
    if ((n & kHasDivide) && nvic_.divide_by_zero_trap() && hook_divides(address, size)) return;
    n &= ~(kHasSev | kHasDivide | kWritesControl);
  }
  if (stepping_) n = 1;  // step() runs one instruction of this block
  instructions_ += n;
  if (profiling_) profile_[address] += n;
  clock_.advance_by(static_cast<Cycles>(n) * cycles_per_instruction_);
  if (horizon_.get() <= clock_.now()) refresh_horizon();  // (a horizon still ahead still holds)
}

// The common block, counted without block(): a flash block already decoded, with no SEV or
// division in it, before the run's horizon (run_horizon.h: the deadline, the next clock event, and
// nothing pending, stepping, profiling or asked to stop), with no trace event to drain. A leaf
// function -- no call, so no stack frame -- because it runs for every block: its cost is most of
// what the Machine adds to bare Unicorn on compute loops.
void Machine::on_block(uc_engine*, uint64_t address, uint32_t size, void* user) {
  auto* m = static_cast<Machine*>(user);
  m->block_start_ = static_cast<uint32_t>(address);  // for data_fault_pc(): PC may be stale in hooks
  uint32_t offset = static_cast<uint32_t>(address) - board::kFlashBase;
  if (offset < board::kFlashSize) [[likely]] {
    BlockInfo b = m->flash_blocks_[offset >> 1];
    Cycles now = m->clock_.now();
    if (b.size == size && now < m->horizon_.get() && *m->trace_head_ == m->trace_tail_) [[likely]] {
      m->instructions_ += b.count;
      m->clock_.advance_by(static_cast<Cycles>(b.count) * m->cycles_per_instruction_);
      return;
    }
  }
  m->block(static_cast<uint32_t>(address), size);
}

// Decodes Thumb instruction widths (16 or 32 bits) to count a block's instructions, and caches the
// count of a flash block.
uint32_t Machine::instructions_in_block(uint32_t address, uint32_t size) {
  BlockInfo* cached = nullptr;
  if (address >= board::kFlashBase && address - board::kFlashBase < board::kFlashSize)
    cached = &flash_blocks_[(address - board::kFlashBase) / 2];
  uint8_t bytes[4096];
  uint32_t len = std::min<uint32_t>(size, sizeof bytes);
  if (!cpu_.read(address, bytes, len)) return 1;
  uint32_t count = 0;
  bool sev = false, divide = false, control = false, aligned = false;
  for (uint32_t off = 0; off + 1 < len;) {
    uint16_t hw = static_cast<uint16_t>(bytes[off] | bytes[off + 1] << 8);
    if (hw == 0xBF40) sev = true;
    if ((hw & 0xFFD0) == 0xFB90) divide = true;  // SDIV (FB9x) or UDIV (FBBx)
    uint16_t second = off + 3 < len ? static_cast<uint16_t>(bytes[off + 2] | bytes[off + 3] << 8) : 0;
    // MSR (register) to SYSm 0x14, CONTROL: the privilege may change.
    if ((hw & 0xFFF0) == 0xF380 && (second & 0xF000) == 0x8000 && (second & 0xFF) == 0x14) control = true;
    if (strict_alignment_ && alignment_check(hw, second)) aligned = true;
    off += is_32bit_thumb(hw) ? 4 : 2;
    ++count;
  }
  if (count == 0) count = 1;
  if (sev) count |= kHasSev;
  if (divide) count |= kHasDivide;
  if (control) count |= kWritesControl;
  if (aligned) count |= kChecksAlignment;
  if (cached && size < kSlowBlock)
    *cached = {static_cast<uint16_t>(size | (sev || divide || control || aligned ? kSlowBlock : 0)),
               static_cast<uint16_t>(count)};
  return count;
}

PriorityMasks Machine::masks() const {
  return {cpu_.reg(UC_ARM_REG_PRIMASK) != 0, static_cast<uint8_t>(cpu_.reg(UC_ARM_REG_BASEPRI)),
          cpu_.reg(UC_ARM_REG_FAULTMASK) != 0};
}

// WFE ends on an event, or on an exception that would be taken now (whose entry sets the event).
// WFI ends when an exception is pending that would preempt if PRIMASK were clear.
bool Machine::wakes_from_sleep() const {
  if (!sleeping_in_wfe_) return wfi_wakes();
  if (event_register_) return true;
  return nvic_.any_pending() && nvic_.exception_to_take(nvic_.execution_priority(masks())) != 0;
}

bool Machine::wfi_wakes() const {
  if (!nvic_.any_pending()) return false;
  PriorityMasks m = masks();
  m.primask = false;
  return nvic_.exception_to_take(nvic_.execution_priority(m)) != 0;
}

void Machine::diagnostic(const std::string& text) {
  if (!diagnostic_observer_) return;
  if (diagnostics_reported_ == kMaxDiagnostics) {
    diagnostic_observer_("(further register diagnostics suppressed)");
  }
  if (diagnostics_reported_++ >= kMaxDiagnostics) return;
  // PC inside an MMIO callback is the start of the current block; the access's own instruction is
  // found by decoding the block (as for a bus fault), else the block start is what we can say.
  uint32_t pc = cpu_.reg(UC_ARM_REG_PC) & ~1u;
  if (mmio_address_) {
    uint32_t exact = data_fault_pc(pc, *std::exchange(mmio_address_, std::nullopt));
    if (exact != pc) {
      diagnostic_observer_(fmt::format("{} (at PC {})", text, image_.describe(exact)));
      return;
    }
  }
  diagnostic_observer_(fmt::format("{} (near PC {})", text, image_.describe(pc)));
}

void Machine::uart_byte(uint8_t byte) {
  if (byte == '\r') return;
  if (byte != '\n') {
    console_partial_.push_back(static_cast<char>(byte));
    return;
  }
  console_.push_back({clock_.now_ns(), std::move(console_partial_)});
  console_partial_.clear();
  for (const auto& observer : console_observers_) observer(console_.back());
}

Cycles Machine::type_into_console(const std::string& text) {
  constexpr uint64_t kBitsPerByte = 10;  // start bit, 8 data bits, stop bit
  devices::Nanoseconds start = std::max(clock_.now_ns(), console_input_until_);
  devices::Nanoseconds at = start;
  for (size_t i = 0; i < text.size(); ++i) {
    // Arrival of byte i: the end of its stop bit, rounded up to the nanosecond, without drift.
    at = start + ((i + 1) * kBitsPerByte * 1'000'000'000ull + board::kConsoleBaud - 1) / board::kConsoleBaud;
    auto byte = static_cast<uint8_t>(text[i]);
    clock_.schedule_at(at, [this, byte] { uart0_.receive(byte); });
  }
  console_input_until_ = at;
  return clock_.from_ns_ceil(at);
}

devices::Button* Machine::find_button(const std::string& name) { return name == button_b1_.name() ? &button_b1_ : nullptr; }

devices::Led* Machine::find_led(const std::string& name) {
  if (name == led1_.name()) return &led1_;
  if (name == led2_.name()) return &led2_;
  return nullptr;
}

std::vector<std::string> Machine::button_names() const { return {button_b1_.name()}; }
std::vector<std::string> Machine::led_names() const { return {led1_.name(), led2_.name()}; }

}  // namespace sim
