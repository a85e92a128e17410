#include "machine.h"

#include <algorithm>
#include <utility>
#include <fmt/format.h>

#include "board/memory_map.h"
#include "board/registers.h"

namespace sim {

namespace {

constexpr uint32_t kExcReturnMask = 0xFFFFFF80;  // EXC_RETURN values: top bits all ones
constexpr uint32_t kFrameWords = 8;              // r0-r3, r12, lr, pc, xpsr
constexpr uint32_t kXpsrAlignBit = 1u << 9;      // "the frame was aligned down by 4 bytes"
constexpr uint32_t kXpsrThumbBit = 1u << 24;
constexpr size_t kMaxDiagnostics = 200;
constexpr uint32_t kStackGuardSize = 0x1000;

bool is_32bit_thumb(uint16_t first_halfword) { return (first_halfword & 0xF800) >= 0xE800; }

const char* intno_name(uint32_t intno) {
  switch (intno) {
    case 1: return "undefined instruction";
    case 3: return "instruction fetch abort";
    case 4: return "data abort";
    case 7: return "breakpoint (BKPT) with no debugger attached";
    case 22: return "coprocessor instruction with the coprocessor disabled (FPU off?)";
    case 23: return "invalid state (Thumb bit clear?)";
    default: return "unexpected exception";
  }
}

}  // namespace

Machine::Machine(const ElfImage& image)
    : image_(image),
      clock_(board::kCoreClockHz),
      systick_(clock_, [this] { nvic_.set_pending(exception::kSysTick); }),
      gpio_a_("GPIOA"),
      button_b1_("B1", gpio_a_, board::kButtonB1Pin, /*active_low=*/true),
      led1_("LED1", gpio_a_, board::kLed1Pin, clock_),
      led2_("LED2", gpio_a_, board::kLed2Pin, clock_),
      uart0_("UART0"),
      timebase_("TIMEBASE", clock_),
      dwt_(clock_, nvic_.trace_enabled()),
      semihosting_({[this](uint32_t a, void* out, size_t n) { return cpu_.read(a, out, n); },
                    [this](uint32_t a, const void* in, size_t n) { return cpu_.write(a, in, n); },
                    [this](char c) { uart_byte(static_cast<uint8_t>(c)); },
                    [this](uint32_t status) {
                      exit_status_ = status;
                      exited_ = true;
                      request_stop();
                    },
                    [this] { return clock_.now(); }, board::kCoreClockHz}) {
  cpu_.map_ram(board::kFlashBase, board::kFlashSize, "flash");
  cpu_.map_ram(board::kSramBase, board::kSramSize, "SRAM");
  uc_mem_protect(cpu_.engine(), board::kFlashBase, board::kFlashSize, UC_PROT_READ | UC_PROT_EXEC);
  flash_blocks_.resize(board::kFlashSize / 2);

  map_window(board::kGpioABase, &gpio_a_.registers());
  map_window(board::kUart0Base, &uart0_.registers());
  map_window(board::kTimebaseBase, &timebase_.registers());
  map_window(board::kSimControlBase, &simctl_.registers());
  map_window(board::kScsBase, nullptr);
  map_window(board::kDwtBase, &dwt_.registers());

  auto wire = [this](devices::IrqLine& line, int irq) { line.connect([this, irq](bool level) { nvic_.set_line(irq, level); }); };
  wire(gpio_a_.irq(), board::kGpioAIrq);
  wire(uart0_.irq(), board::kUart0Irq);
  wire(timebase_.irq(), board::kTimebaseIrq);

  auto report = [this](const std::string& s) { diagnostic(s); };
  for (devices::RegisterMap* m : {&gpio_a_.registers(), &uart0_.registers(), &timebase_.registers(),
                                  &simctl_.registers(), &nvic_.nvic_registers(), &nvic_.scb_registers(),
                                  &systick_.registers(), &dwt_.registers()})
    m->set_diagnostics(report);

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

  uc_hook_add(cpu_.engine(), &block_hook_, UC_HOOK_BLOCK, reinterpret_cast<void*>(&Machine::on_block), this, 1, 0);
  uc_hook_add(cpu_.engine(), &interrupt_hook_, UC_HOOK_INTR, reinterpret_cast<void*>(&Machine::on_interrupt), this, 1, 0);
  uc_hook_add(cpu_.engine(), &bad_access_hook_, UC_HOOK_MEM_UNMAPPED | UC_HOOK_MEM_PROT,
              reinterpret_cast<void*>(&Machine::on_bad_access), this, 1, 0);
  uc_hook_add(cpu_.engine(), &invalid_hook_, UC_HOOK_INSN_INVALID,
              reinterpret_cast<void*>(&Machine::on_invalid_instruction), this, 1, 0);

  load(image);
}

Machine::~Machine() = default;

void Machine::load(const ElfImage& image) {
  for (const ElfSegment& seg : image.segments()) {
    bool in_flash = seg.address >= board::kFlashBase && seg.address + seg.mem_size <= board::kFlashBase + board::kFlashSize;
    bool in_sram = seg.address >= board::kSramBase && seg.address + seg.mem_size <= board::kSramBase + board::kSramSize;
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
        uc_mem_unmap(cpu_.engine(), at, kStackGuardSize) == UC_ERR_OK)
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
  pc_ = reset & ~1u;
}

// ---- MMIO ----

void Machine::map_window(uint32_t base, devices::RegisterMap* map) {
  windows_.push_back({this, map, base});
  uint32_t size = base == board::kScsBase ? board::kScsSize : base == board::kDwtBase ? board::kDwtSize : board::kPeripheralWindow;
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
  if (!map) {
    w->machine->diagnostic(fmt::format("SCS: read of unimplemented register at 0x{:08X} returns 0", w->base + offset));
    return 0;
  }
  return map->read(local, size);
}

void Machine::mmio_write(uc_engine*, uint64_t offset, unsigned size, uint64_t value, void* user) {
  auto* w = static_cast<MmioWindow*>(user);
  uint32_t local = static_cast<uint32_t>(offset);
  devices::RegisterMap* map = w->map ? w->map : w->machine->scs_route(local, local);
  if (!map) {
    w->machine->diagnostic(
        fmt::format("SCS: write of 0x{:X} to unimplemented register at 0x{:08X} ignored", value, w->base + offset));
    return;
  }
  map->write(local, size, static_cast<uint32_t>(value));
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
    hook_stopped_ = false;
    if (breakpoints_.count(pc_)) resume_from_ = pc_;  // continuing from a breakpoint: pass it once
    uc_err err = uc_emu_start(cpu_.engine(), pc_ | 1, 0, 0, 0);
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

void Machine::on_block(uc_engine*, uint64_t address, uint32_t size, void* user) {
  static_cast<Machine*>(user)->block(static_cast<uint32_t>(address), size);
}

// Runs before each translated block executes: the place to stop, take exceptions and count time.
void Machine::block(uint32_t address, uint32_t size) {
  // Stop for the caller's deadline and for any event that falls due -- including one a register
  // write scheduled during this run (arming a timer), so the clock's cached next event is read here.
  if (stop_requested_ || clock_.now() >= stop_at_ || clock_.now() >= clock_.next_event_cycle()) {
    hook_stopped_ = true;
    uc_emu_stop(cpu_.engine());  // the block does not run; emulation resumes at `address`
    return;
  }
  if (nvic_.any_pending()) {
    int e = nvic_.exception_to_take(nvic_.execution_priority(masks()));
    if (e && enter_exception(e, address)) return;  // the block runs after the handler returns
  }
  // Instruction counts of flash blocks are cached by address; only a new block is decoded.
  uint32_t n;
  uint32_t offset = address - board::kFlashBase;
  if (offset < board::kFlashSize && flash_blocks_[offset >> 1].size == size)
    n = flash_blocks_[offset >> 1].count;
  else
    n = instructions_in_block(address, size);
  if (n & kHasSev) [[unlikely]] {
    event_register_ = true;  // SEV somewhere in this block; a WFE ends a block, so none precedes it
    n &= ~kHasSev;
  }
  if (stepping_) n = 1;  // step() runs one instruction of this block
  instructions_ += n;
  if (profiling_) profile_[address] += n;
  clock_.advance_by(static_cast<Cycles>(n) * cycles_per_instruction_);
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
  bool sev = false;
  for (uint32_t off = 0; off + 1 < len;) {
    uint16_t hw = static_cast<uint16_t>(bytes[off] | bytes[off + 1] << 8);
    if (hw == 0xBF40) sev = true;
    off += is_32bit_thumb(hw) ? 4 : 2;
    ++count;
  }
  if (count == 0) count = 1;
  if (sev) count |= kHasSev;
  if (cached && size <= 0xFFFF) *cached = {static_cast<uint16_t>(size), static_cast<uint16_t>(count)};
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

// ---- exception entry and return (ARMv7-M B1.5.6, B1.5.8) ----

bool Machine::enter_exception(int e, uint32_t return_address) {
  uint32_t ipsr = cpu_.reg(UC_ARM_REG_IPSR) & 0x1FF;
  uint32_t control = cpu_.reg(UC_ARM_REG_CONTROL);
  bool from_psp = ipsr == 0 && (control & 2);  // thread mode on the process stack
  uint32_t sp = cpu_.reg(UC_ARM_REG_SP);       // the active stack: PSP or MSP
  bool realign = sp & 4;
  uint32_t frame = (sp - kFrameWords * 4) & ~7u;
  uint32_t xpsr = (cpu_.reg(UC_ARM_REG_XPSR) & ~kXpsrAlignBit) | kXpsrThumbBit | (realign ? kXpsrAlignBit : 0);
  uint32_t words[kFrameWords] = {cpu_.reg(UC_ARM_REG_R0),  cpu_.reg(UC_ARM_REG_R1), cpu_.reg(UC_ARM_REG_R2),
                                 cpu_.reg(UC_ARM_REG_R3),  cpu_.reg(UC_ARM_REG_R12), cpu_.reg(UC_ARM_REG_LR),
                                 return_address & ~1u, xpsr};
  uint32_t vector = 0;
  if (!cpu_.read32(nvic_.vtor() + 4u * static_cast<uint32_t>(e), vector)) {
    set_fault("vector table unreadable", return_address, nvic_.vtor() + 4u * e);
    uc_emu_stop(cpu_.engine());
    return true;
  }
  if (!cpu_.write(frame, words, sizeof words)) {
    if (stack_guard_ && frame < *stack_guard_ + kStackGuardSize && frame + sizeof words > *stack_guard_) {
      set_fault("stack overflow", return_address, frame,
                fmt::format("the main stack grew into its guard region below 0x{:08X}, and exception {} could not "
                            "stack its frame there; raise __stack_size in board.ld or use less stack",
                            *stack_guard_ + kStackGuardSize, e));
      uc_emu_stop(cpu_.engine());
      return true;
    }
    set_fault("stack overflow on exception entry", return_address, frame,
              fmt::format("stacking the frame for exception {} below {} 0x{:08X} failed", e, from_psp ? "PSP" : "MSP", sp));
    uc_emu_stop(cpu_.engine());
    return true;
  }
  if (!(vector & 1)) {
    set_fault("vector without the Thumb bit", return_address, nvic_.vtor() + 4u * e,
              fmt::format("exception {} has vector 0x{:08X}", e, vector));
    uc_emu_stop(cpu_.engine());
    return true;
  }
  cpu_.set_reg(UC_ARM_REG_SP, frame);  // the stack the frame went on
  if (from_psp) cpu_.set_reg(UC_ARM_REG_CONTROL, control & ~2u);  // handlers run on MSP (SPSEL = 0)
  cpu_.set_reg(UC_ARM_REG_LR, ipsr ? 0xFFFFFFF1 : from_psp ? 0xFFFFFFFD : 0xFFFFFFF9);
  nvic_.activate(e);
  event_register_ = true;  // exception entry is an event for WFE
  cpu_.set_ipsr(static_cast<uint32_t>(e));
  cpu_.set_reg(UC_ARM_REG_PC, vector);
  return true;
}

void Machine::on_interrupt(uc_engine*, uint32_t intno, void* user) { static_cast<Machine*>(user)->interrupt(intno); }

void Machine::interrupt(uint32_t intno) {
  uint32_t pc = cpu_.reg(UC_ARM_REG_PC);
  uint32_t ipsr = cpu_.reg(UC_ARM_REG_IPSR) & 0x1FF;
  // A branch to an EXC_RETURN value: intno 8 (exception exit), or 3 on the M4 model (a 2.0.1 bug).
  if ((intno == 8 || intno == 3) && (pc & kExcReturnMask) == kExcReturnMask) {
    if (ipsr == 0) {
      set_fault("EXC_RETURN in thread mode (INVPC)", pc, std::nullopt, "a branch to 0xFFFFFFxx outside a handler");
      uc_emu_stop(cpu_.engine());
      return;
    }
    return_from_exception(pc | 1);
    return;
  }
  if (intno == 7) {  // BKPT: PC is at the instruction. 0xAB is a semihosting call.
    uint16_t insn = 0;
    if (cpu_.read(pc & ~1u, &insn, 2) && insn == 0xBEAB) {
      uint32_t result = semihosting_.call(cpu_.reg(UC_ARM_REG_R0), cpu_.reg(UC_ARM_REG_R1),
                                          [this](const std::string& note) { diagnostic(note); });
      cpu_.set_reg(UC_ARM_REG_R0, result);
      cpu_.set_reg(UC_ARM_REG_PC, ((pc & ~1u) + 2) | 1);
      return;
    }
  }
  if (intno == 2) {  // SVC: synchronous, taken before anything else; PC is already past it
    nvic_.set_pending(exception::kSvc);
    enter_exception(exception::kSvc, pc);
    return;
  }
  if (intno == 1) {  // undefined instruction: UsageFault UNDEFINSTR, at the instruction
    raise_fault(exception::kUsageFault, 1u << 16, std::nullopt, pc & ~1u, Fault{intno_name(intno), pc & ~1u, {}, {}});
    return;
  }
  set_fault(intno_name(intno), pc & ~1u);
  uc_emu_stop(cpu_.engine());
}

void Machine::raise_fault(int e, uint32_t cfsr_bits, std::optional<uint32_t> bfar, uint32_t return_address,
                          Fault report) {
  int priority = nvic_.execution_priority(masks());
  uint32_t hfsr_bits = 0;
  if (!nvic_.enabled(e) || nvic_.group_priority(e) >= priority) {
    e = exception::kHardFault;  // escalation: the configurable fault cannot be taken now
    hfsr_bits = 1u << 30;       // FORCED
  }
  if (nvic_.group_priority(e) >= priority) {  // a fault at priority -1 or above: the core locks up
    set_fault("lockup: " + report.kind, report.pc, report.address,
              "a fault while HardFault (or NMI, or FAULTMASK) was active; the core stops");
    uc_emu_stop(cpu_.engine());
    return;
  }
  nvic_.record_fault_status(cfsr_bits, hfsr_bits, bfar, std::nullopt);
  report.registers = registers();  // the faulting context, before the handler changes them
  report.registers[15] = return_address;
  fault_in_handling_ = std::move(report);
  nvic_.set_pending(e);
  enter_exception(e, return_address);
}

void Machine::return_from_exception(uint32_t exc_return) {
  int returning = nvic_.current();
  uint32_t kind = exc_return & 0xF;
  if (returning == 0 || (kind != 0x1 && kind != 0x9 && kind != 0xD)) {
    set_fault("invalid EXC_RETURN (INVPC)", cpu_.reg(UC_ARM_REG_PC), std::nullopt,
              fmt::format("EXC_RETURN 0x{:08X} with active exception {}", exc_return, returning));
    uc_emu_stop(cpu_.engine());
    return;
  }
  nvic_.deactivate(returning);
  event_register_ = true;  // and so is exception return

  // Tail-chain: if something pending beats the context we would return to, enter it directly.
  int next = nvic_.exception_to_take(nvic_.execution_priority(masks()));
  if (next) {
    uint32_t vector = 0;
    cpu_.read32(nvic_.vtor() + 4u * static_cast<uint32_t>(next), vector);
    nvic_.activate(next);
    cpu_.set_ipsr(static_cast<uint32_t>(next));
    cpu_.set_reg(UC_ARM_REG_LR, exc_return);
    cpu_.set_reg(UC_ARM_REG_PC, vector | 1);
    return;
  }

  bool to_psp = kind == 0xD;
  uint32_t sp = cpu_.reg(to_psp ? UC_ARM_REG_PSP : UC_ARM_REG_MSP);
  uint32_t w[kFrameWords];
  if (!cpu_.read(sp, w, sizeof w)) {
    set_fault("unstacking failed on exception return", cpu_.reg(UC_ARM_REG_PC), sp);
    uc_emu_stop(cpu_.engine());
    return;
  }
  static const int regs[] = {UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3, UC_ARM_REG_R12, UC_ARM_REG_LR};
  for (int i = 0; i < 6; ++i) cpu_.set_reg(regs[i], w[i]);
  uint32_t xpsr = w[7];
  sp += kFrameWords * 4;
  if (xpsr & kXpsrAlignBit) sp |= 4;
  cpu_.set_reg(to_psp ? UC_ARM_REG_PSP : UC_ARM_REG_MSP, sp);
  cpu_.set_reg(UC_ARM_REG_XPSR_NZCVQG, xpsr);
  cpu_.set_ipsr((exc_return & 8) ? 0 : (xpsr & 0x1FF));
  // Back in thread mode: SPSEL selects the stack it returns to (which also makes SP that stack).
  if (exc_return & 8) {
    uint32_t control = cpu_.reg(UC_ARM_REG_CONTROL);
    cpu_.set_reg(UC_ARM_REG_CONTROL, to_psp ? (control | 2u) : (control & ~2u));
  }
  cpu_.set_reg(UC_ARM_REG_PC, w[6] | 1);
}

bool Machine::on_bad_access(uc_engine*, uc_mem_type type, uint64_t address, int size, int64_t value, void* user) {
  auto* m = static_cast<Machine*>(user);
  uint32_t pc = m->cpu_.reg(UC_ARM_REG_PC);
  const char* kind = "bad memory access";
  switch (type) {
    case UC_MEM_READ_UNMAPPED: kind = "read from unmapped memory"; break;
    case UC_MEM_WRITE_UNMAPPED: kind = "write to unmapped memory"; break;
    case UC_MEM_FETCH_UNMAPPED: kind = "instruction fetch from unmapped memory"; break;
    case UC_MEM_WRITE_PROT: kind = "write to read-only memory (flash)"; break;
    case UC_MEM_FETCH_PROT: kind = "instruction fetch from non-executable memory"; break;
    default: break;
  }
  if (m->stack_guard_ && address >= *m->stack_guard_ && address < *m->stack_guard_ + kStackGuardSize) {
    kind = "stack overflow";
    m->bus_fault_ = Fault{kind, pc & ~1u, static_cast<uint32_t>(address),
                          fmt::format("the main stack grew into its guard region below 0x{:08X}; raise __stack_size in "
                                      "board.ld or use less stack", *m->stack_guard_ + kStackGuardSize)};
    return false;
  }
  std::string detail = fmt::format("{}-byte access", size);
  if (type == UC_MEM_WRITE_UNMAPPED || type == UC_MEM_WRITE_PROT) detail += fmt::format(" of 0x{:X}", static_cast<uint64_t>(value));
  detail += "; PC is the start of the faulting block";
  m->bus_fault_ = Fault{kind, (type == UC_MEM_FETCH_UNMAPPED ? static_cast<uint32_t>(address) : pc) & ~1u,
                        static_cast<uint32_t>(address), detail};
  return false;
}

// Unicorn 2.0.1 rejects WFE and YIELD as invalid, with PC already past them (ARMV7M-EXCEPTIONS.md).
bool Machine::on_invalid_instruction(uc_engine*, void* user) {
  auto* m = static_cast<Machine*>(user);
  uint32_t pc = m->cpu_.reg(UC_ARM_REG_PC) & ~1u;
  uint16_t insn = 0;
  if (!m->cpu_.read(pc - 2, &insn, 2)) return false;
  // Unicorn stops emulation after this hook even when it returns true: the run loop resumes.
  if (insn == 0xBF10) {  // YIELD: a hint, nothing to do
    m->hint_done_ = true;
    return true;
  }
  if (insn != 0xBF20) {  // not WFE: a real undefined instruction -> UsageFault, raised once stopped
    uint16_t before = 0;
    bool wide = m->cpu_.read(pc - 4, &before, 2) && is_32bit_thumb(before);
    uint32_t at = wide ? pc - 4 : pc - 2;
    m->undefined_fault_ = Fault{"undefined instruction", at, {}, {}};
    uc_emu_stop(m->cpu_.engine());
    return true;
  }
  if (m->event_register_) {
    m->event_register_ = false;  // WFE with the event set: consume it and go on
    m->hint_done_ = true;
    return true;
  }
  m->wfe_requested_ = true;
  uc_emu_stop(m->cpu_.engine());
  return true;
}

// What the hooks could only note (they may not redirect the CPU themselves) is done here, once
// emulation has stopped. Returns false when there was nothing to do.
bool Machine::handle_hook_requests(uc_err err) {
  if (bus_fault_) {  // a bad access: BusFault (or HardFault) for the firmware, as on hardware
    Fault f = *std::exchange(bus_fault_, std::nullopt);
    bool fetch = f.kind.find("fetch") != std::string::npos;
    uint32_t cfsr = fetch ? (1u << 8) : (1u << 9) | (1u << 15);  // IBUSERR, or PRECISERR + BFARVALID
    raise_fault(exception::kBusFault, cfsr, fetch ? std::nullopt : f.address,
                fetch ? cpu_.reg(UC_ARM_REG_LR) & ~1u : pc_, f);
  } else if (err != UC_ERR_OK) {
    set_fault("emulation error", pc_, std::nullopt, uc_strerror(err));
  } else if (undefined_fault_) {
    Fault f = *std::exchange(undefined_fault_, std::nullopt);
    raise_fault(exception::kUsageFault, 1u << 16, std::nullopt, f.pc, f);  // CFSR.UNDEFINSTR
  } else if (hint_done_) {  // a YIELD or an already-satisfied WFE: carry on after it
    hint_done_ = false;
  } else if (wfe_requested_) {  // WFE with no event: sleep (PC is already past it)
    wfe_requested_ = false;
    sleeping_ = sleeping_in_wfe_ = true;
  } else {
    return false;
  }
  pc_ = cpu_.reg(UC_ARM_REG_PC) & ~1u;
  return true;
}

// ---- debugging ----

void Machine::on_breakpoint(uc_engine* uc, uint64_t address, uint32_t, void* user) {
  auto* m = static_cast<Machine*>(user);
  if (m->stepping_) return;
  if (m->resume_from_ && *m->resume_from_ == address) {
    m->resume_from_.reset();
    return;
  }
  m->breakpoint_hit_ = true;
  uc_emu_stop(uc);  // from a code hook: stops before this instruction runs
}

void Machine::add_breakpoint(uint32_t address) {
  address &= ~1u;
  if (breakpoints_.count(address)) return;
  uc_hook h;
  if (uc_hook_add(cpu_.engine(), &h, UC_HOOK_CODE, reinterpret_cast<void*>(&Machine::on_breakpoint), this, address,
                  address) == UC_ERR_OK)
    breakpoints_[address] = h;
}

void Machine::remove_breakpoint(uint32_t address) {
  auto it = breakpoints_.find(address & ~1u);
  if (it == breakpoints_.end()) return;
  uc_hook_del(cpu_.engine(), it->second);
  breakpoints_.erase(it);
}

StopReason Machine::step() {
  pc_ = cpu_.reg(UC_ARM_REG_PC) & ~1u;  // a debugger may have moved it
  if (fault_) return StopReason::Faulted;
  if (exit_status_) return StopReason::Exited;
  clock_.deliver_due();
  if (sleeping_) {  // a step over a sleep: run until the sleep ends, and stop there
    StopReason r;
    while (sleeping_ && (r = run_until(clock_.next_event().value_or(Machine::kForever))) != StopReason::Faulted) {
      if (r == StopReason::Idle || r == StopReason::Exited) return r;
    }
    return fault_ ? StopReason::Faulted : StopReason::Stepped;
  }
  stepping_ = true;
  hook_stopped_ = false;
  stop_at_ = kForever;
  uc_err err = uc_emu_start(cpu_.engine(), pc_ | 1, 0, 0, 1);
  stepping_ = false;
  pc_ = cpu_.reg(UC_ARM_REG_PC) & ~1u;
  if (fault_) return StopReason::Faulted;
  handle_hook_requests(err);  // a fault raised to the firmware, or a WFE sleep: the step ends there
  if (fault_) return StopReason::Faulted;
  uint16_t previous = 0;
  if (cpu_.read(pc_ - 2, &previous, 2) && previous == 0xBF30) sleeping_ = true;  // stepped a WFI
  return exit_status_ ? StopReason::Exited : StopReason::Stepped;
}

// ---- reporting ----

namespace {
const int kReportRegs[17] = {UC_ARM_REG_R0,  UC_ARM_REG_R1,  UC_ARM_REG_R2, UC_ARM_REG_R3, UC_ARM_REG_R4,  UC_ARM_REG_R5,
                             UC_ARM_REG_R6,  UC_ARM_REG_R7,  UC_ARM_REG_R8, UC_ARM_REG_R9, UC_ARM_REG_R10, UC_ARM_REG_R11,
                             UC_ARM_REG_R12, UC_ARM_REG_SP,  UC_ARM_REG_LR, UC_ARM_REG_PC, UC_ARM_REG_XPSR};
}  // namespace

std::array<uint32_t, 17> Machine::registers() const {
  std::array<uint32_t, 17> r{};
  for (int i = 0; i < 17; ++i) r[i] = cpu_.reg(kReportRegs[i]);
  return r;
}

void Machine::set_fault(std::string kind, uint32_t pc, std::optional<uint32_t> address, std::string detail) {
  if (fault_) return;  // keep the first
  fault_ = Fault{std::move(kind), pc & ~1u, address, std::move(detail), registers()};
  fault_->registers[15] = pc & ~1u;
}

std::string Machine::describe_fault() const {
  if (!fault_) return "no fault";
  std::string s = fmt::format("{} at PC {}", fault_->kind, image_.describe(fault_->pc));
  if (fault_->address) s += fmt::format(", address 0x{:08X}", *fault_->address);
  if (!fault_->detail.empty()) s += ": " + fault_->detail;
  return s;
}

std::vector<std::string> Machine::fault_details() const {
  std::vector<std::string> lines;
  if (!fault_) return lines;
  const auto& r = fault_->registers;
  static const char* const names[17] = {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8",
                                        "r9", "r10", "r11", "r12", "sp", "lr", "pc", "xpsr"};
  std::string regs;
  for (int i = 0; i < 17; ++i) regs += fmt::format("{}{} {:08X}", i % 6 == 0 ? "" : "  ", names[i], r[i]) + (i % 6 == 5 ? "\n" : "");
  std::string line;
  for (char c : regs) {
    if (c == '\n') {
      lines.push_back("registers: " + line);
      line.clear();
    } else {
      line += c;
    }
  }
  if (!line.empty()) lines.push_back("registers: " + line);

  // The call chain, best effort: the link register, then words on the stack that are return
  // addresses -- Thumb code addresses right after a BL or BLX.
  auto returns_here = [this](uint32_t word) {
    if (!(word & 1) || word < board::kFlashBase + 4 || word >= board::kFlashBase + board::kFlashSize) return false;
    uint32_t at = word & ~1u;
    uint16_t h1 = 0, h2 = 0, h = 0;
    bool bl = cpu_.read(at - 4, &h1, 2) && cpu_.read(at - 2, &h2, 2) && (h1 & 0xF800) == 0xF000 && (h2 & 0xD000) == 0xD000;
    bool blx = cpu_.read(at - 2, &h, 2) && (h & 0xFF87) == 0x4780;
    return bl || blx;
  };
  std::vector<uint32_t> chain;
  if (returns_here(r[14])) chain.push_back(r[14] & ~1u);
  for (uint32_t sp = r[13], n = 0; n < 512 && sp < board::kSramBase + board::kSramSize; sp += 4, ++n) {
    uint32_t word = 0;
    if (!cpu_.read(sp, &word, 4)) break;
    if (returns_here(word) && (chain.empty() || chain.back() != (word & ~1u))) chain.push_back(word & ~1u);
    if (chain.size() >= 8) break;
  }
  if (!chain.empty()) {
    lines.push_back("called from (found on the stack, best effort):");
    for (uint32_t a : chain) lines.push_back("  " + image_.describe(a));
  }
  return lines;
}

void Machine::diagnostic(const std::string& text) {
  if (!diagnostic_observer_) return;
  if (diagnostics_reported_ == kMaxDiagnostics) {
    diagnostic_observer_("(further register diagnostics suppressed)");
  }
  if (diagnostics_reported_++ >= kMaxDiagnostics) return;
  // PC inside an MMIO callback is the start of the current block: good enough to find the code.
  uint32_t pc = cpu_.reg(UC_ARM_REG_PC) & ~1u;
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
  if (console_observer_) console_observer_(console_.back());
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
