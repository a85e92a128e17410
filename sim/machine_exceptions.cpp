// SPDX-License-Identifier: GPL-2.0-or-later
// The Machine's exception handling: entry and return (ARMv7-M B1.5), faults raised to the firmware,
// and the Unicorn hooks that report interrupts, bad accesses and invalid instructions.
#include "machine.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "armv7m.h"
#include "board/register_definitions.h"
#include "board/memory_map.h"

namespace sim {

using namespace armv7m;

// Entry and return: ARMv7-M B1.5.6 and B1.5.8.

bool Machine::enter_exception(int e, uint32_t return_address, bool thumb_state) {
  uint32_t ipsr = cpu_.reg(UC_ARM_REG_IPSR) & 0x1FF;
  uint32_t control = cpu_.reg(UC_ARM_REG_CONTROL);
  bool from_psp = ipsr == 0 && (control & 2);  // thread mode on the process stack
  // The interrupted context has used the FPU (Unicorn sets FPCA as the hardware does): an extended
  // frame with S0-S15 and FPSCR (B1.5.7; stacked at once, which lazy stacking only defers).
  bool fp = control & kControlFpca;
  uint32_t frame_words = fp ? kFpFrameWords : kFrameWords;
  uint32_t sp = cpu_.reg(UC_ARM_REG_SP);       // the active stack: PSP or MSP
  bool realign = sp & 4;
  uint32_t frame = (sp - frame_words * 4) & ~7u;
  // The IT state, for an exception the interrupt hook raised at an instruction (see interrupt()).
  uint32_t it_state = std::exchange(synchronous_it_state_, 0);
  uint32_t xpsr = (cpu_.reg(UC_ARM_REG_XPSR) & ~(kXpsrAlignBit | kXpsrThumbBit | kXpsrItBits)) | it_state |
                  (thumb_state ? kXpsrThumbBit : 0) | (realign ? kXpsrAlignBit : 0);
  uint32_t words[kFpFrameWords] = {cpu_.reg(UC_ARM_REG_R0),  cpu_.reg(UC_ARM_REG_R1), cpu_.reg(UC_ARM_REG_R2),
                                   cpu_.reg(UC_ARM_REG_R3),  cpu_.reg(UC_ARM_REG_R12), cpu_.reg(UC_ARM_REG_LR),
                                   return_address & ~1u, xpsr};
  if (fp) {
    for (int i = 0; i < 16; ++i) words[kFrameWords + i] = cpu_.reg(UC_ARM_REG_S0 + i);
    words[kFrameWords + 16] = cpu_.reg(UC_ARM_REG_FPSCR);
  }
  if (!cpu_.write(frame, words, frame_words * 4)) {
    if (stack_guard_ && frame < *stack_guard_ + kStackGuardSize && frame + frame_words * 4 > *stack_guard_) {
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
  cpu_.set_reg(UC_ARM_REG_SP, frame);  // the stack the frame went on
  // The handler starts outside any IT block (its first instructions run unconditionally).
  if (it_state) cpu_.set_reg(UC_ARM_REG_CPSR, cpu_.reg(UC_ARM_REG_CPSR) & ~kXpsrItBits);
  // Handlers run on MSP (SPSEL = 0) and start without an FP context (FPCA = 0).
  if (from_psp || fp) write_control(control & ~(from_psp ? 2u : 0u) & ~kControlFpca);
  uint32_t exc_return = ipsr ? 0xFFFFFFF1 : from_psp ? 0xFFFFFFFD : 0xFFFFFFF9;
  cpu_.set_reg(UC_ARM_REG_LR, fp ? exc_return & ~kExcReturnBasicFrame : exc_return);
  take_exception(e);
  return true;
}

// ExceptionTaken (B1.5.6): the frame is stacked (or kept, for a tail-chain) and LR holds EXC_RETURN.
void Machine::take_exception(int e) {
  uint32_t slot = nvic_.vtor() + 4u * static_cast<uint32_t>(e);
  uint32_t vector = 0;
  if (!cpu_.read32(slot, vector)) {
    // A BusFault on the vector read is a HardFault with HFSR.VECTTBL; `e` stays pending.
    if (e == exception::kHardFault || nvic_.group_priority(exception::kHardFault) >= nvic_.execution_priority(masks())) {
      set_fault("lockup: vector table unreadable", cpu_.reg(UC_ARM_REG_PC), slot,
                fmt::format("the vector of exception {} at 0x{:08X} cannot be read (VTOR 0x{:08X})", e, slot, nvic_.vtor()));
      uc_emu_stop(cpu_.engine());
      return;
    }
    diagnostic(fmt::format("the vector of exception {} at 0x{:08X} cannot be read (VTOR 0x{:08X}): HardFault, "
                           "HFSR.VECTTBL", e, slot, nvic_.vtor()));
    nvic_.record_fault_status(0, hfsr::kVecttbl, std::nullopt, std::nullopt);
    nvic_.set_pending(exception::kHardFault);
    take_exception(exception::kHardFault);
    return;
  }
  nvic_.activate(e);
  if (exception_observer_) exception_observer_(e, true);
  event_register_ = true;  // exception entry is an event for WFE
  cpu_.set_ipsr(static_cast<uint32_t>(e));
  update_ppb_access();  // Handler mode is privileged
  if (!(vector & 1)) {
    // The handler is entered with EPSR.T = 0: its first instruction raises INVSTATE (B1.5.6).
    diagnostic(fmt::format("exception {} has vector 0x{:08X} without the Thumb bit: its handler faults at once "
                           "(UsageFault INVSTATE)", e, vector));
    raise_fault(exception::kUsageFault, cfsr::kInvstate, std::nullopt, vector & ~1u,
                Fault{"invalid state: a vector without the Thumb bit", vector & ~1u, slot,
                      fmt::format("exception {} has vector 0x{:08X}", e, vector)},
                false);
    return;
  }
  cpu_.set_reg(UC_ARM_REG_PC, vector);
}

void Machine::on_interrupt(uc_engine*, uint32_t intno, void* user) { static_cast<Machine*>(user)->interrupt(intno); }

void Machine::interrupt(uint32_t intno) {
  if (*trace_head_ != trace_tail_) drain_trace();  // events stored before an SVC or exception return
  // EPSR's IT bits read as zero through Unicorn's xPSR (as MRS reads them); its CPSR has them, but
  // up to date only here, where QEMU saved them to raise this exception: elsewhere (a block hook)
  // they may be stale. A block never starts inside an IT block unless an instruction in the block
  // ended it early (an MSR, say), so an asynchronous exception stacks an IT state of 0.
  synchronous_it_state_ = cpu_.reg(UC_ARM_REG_CPSR) & kXpsrItBits;
  uint32_t pc = cpu_.reg(UC_ARM_REG_PC);
  uint32_t ipsr = cpu_.reg(UC_ARM_REG_IPSR) & 0x1FF;
  // A branch to an EXC_RETURN value from Handler mode: intno 8 (exception exit), or 3 on the M4
  // model (a 2.0.1 bug). From Thread mode it is an ordinary branch, into Execute Never memory.
  if ((intno == 8 || intno == 3) && (pc & kExcReturnMask) == kExcReturnMask) {
    if (ipsr != 0) {
      return_from_exception(pc | 1);
      return;
    }
    diagnostic(fmt::format("a branch to 0x{:08X} in Thread mode: EXC_RETURN values return from exceptions only in "
                           "Handler mode; here it is a fetch from Execute Never memory", pc | 1));
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
    int priority = nvic_.execution_priority(masks());
    if (nvic_.group_priority(exception::kSvc) < priority) {
      nvic_.set_pending(exception::kSvc);
      enter_exception(exception::kSvc, pc);
      return;
    }
    // Blocked by PRIMASK, BASEPRI or the running handler: escalated like a fault (B1.5.14).
    std::string why = fmt::format("SVCall's priority {} cannot preempt execution priority {}",
                                  nvic_.group_priority(exception::kSvc), priority);
    diagnostic("SVC escalated to HardFault: " + why);
    raise_fault(exception::kSvc, 0, std::nullopt, pc, Fault{"SVC escalated to HardFault", (pc & ~1u) - 2, {}, why});
    return;
  }
  if (intno == 1) {  // undefined instruction: UsageFault UNDEFINSTR, at the instruction
    raise_undefined(pc & ~1u);
    return;
  }
  if (intno == 3) {  // instruction fetch abort: PC is the address that could not be fetched
    raise_fetch_fault(pc & ~1u, {});
    return;
  }
  if (intno == 17 || intno == 18) {  // NOCP, INVSTATE: UsageFaults at the instruction; Unicorn stops after them
    usage_fault_ = Fault{intno_name(intno), pc & ~1u, {}, {}};
    usage_fault_cfsr_ = intno == 17 ? cfsr::kNocp : cfsr::kInvstate;
    usage_fault_thumb_ = intno == 17;  // INVSTATE: EPSR.T was clear, and the frame says so
    uc_emu_stop(cpu_.engine());
    return;
  }
  set_fault(fmt::format("{} (Unicorn interrupt {})", intno_name(intno), intno), pc & ~1u);
  uc_emu_stop(cpu_.engine());
}

// An instruction Unicorn could not decode: UNDEFINSTR, or INVSTATE when EPSR.T is clear (after a
// BX or BLX to an even address Unicorn decodes the target as ARM code, which an M-profile core
// never runs; Unicorn's CPSR shows the T bit as bit 5).
void Machine::raise_undefined(uint32_t pc) {
  bool thumb = cpu_.reg(UC_ARM_REG_CPSR) & (1u << 5);
  if (thumb)
    raise_fault(exception::kUsageFault, cfsr::kUndefinstr, std::nullopt, pc, Fault{"undefined instruction", pc, {}, {}});
  else
    raise_fault(exception::kUsageFault, cfsr::kInvstate, std::nullopt, pc,
                Fault{"invalid state: EPSR.T clear (a BX or BLX to an even address?)", pc, {}, {}}, false);
}

// A fetch that failed: MemManage IACCVIOL in the default memory map's Execute Never regions, a
// BusFault IBUSERR where nothing answers (B3.1, B3.2.15). The stacked PC is the address itself.
void Machine::raise_fetch_fault(uint32_t address, std::string detail) {
  if (address >= kExecuteNeverBase)
    raise_fault(exception::kMemManage, cfsr::kIaccviol, std::nullopt, address,
                Fault{"instruction fetch from Execute Never memory", address, address, std::move(detail)});
  else
    raise_fault(exception::kBusFault, cfsr::kIbuserr, std::nullopt, address,
                Fault{"instruction fetch from unmapped memory", address, address, std::move(detail)});
}

int Machine::fault_exception(int e, uint32_t& hfsr_bits, const Fault& report) {
  int priority = nvic_.execution_priority(masks());
  if (!nvic_.enabled(e) || nvic_.group_priority(e) >= priority) {
    e = exception::kHardFault;  // escalation: the configurable fault cannot be taken now
    hfsr_bits |= hfsr::kForced;
  }
  if (nvic_.group_priority(e) >= priority) {  // a fault at priority -1 or above: the core locks up
    set_fault("lockup: " + report.kind, report.pc, report.address,
              "a fault while HardFault (or NMI, or FAULTMASK) was active; the core stops");
    uc_emu_stop(cpu_.engine());
    return 0;
  }
  return e;
}

void Machine::raise_fault(int e, uint32_t cfsr_bits, std::optional<uint32_t> bfar, uint32_t return_address,
                          Fault report, bool thumb_state) {
  uint32_t hfsr_bits = 0;
  e = fault_exception(e, hfsr_bits, report);
  if (!e) return;
  nvic_.record_fault_status(cfsr_bits, hfsr_bits, bfar, std::nullopt);
  report.registers = registers();  // the faulting context, before the handler changes them
  report.registers[15] = return_address;
  fault_in_handling_ = std::move(report);
  nvic_.set_pending(e);
  enter_exception(e, return_address, thumb_state);
}

// CONTROL as exception entry and return set it, in whatever mode the core is in. Unicorn writes
// CONTROL as an MSR would (sim/UNICORN.md): not at all from unprivileged Thread mode, and without
// SPSEL in Handler mode. So from unprivileged Thread mode this goes the long way: nPRIV dropped in
// Handler mode, then the value written in (now privileged) Thread mode, then the mode restored.
void Machine::write_control(uint32_t value) {
  uint32_t before = cpu_.reg(UC_ARM_REG_CONTROL);
  uint32_t ipsr = cpu_.reg(UC_ARM_REG_IPSR) & 0x1FF;
  if (ipsr == 0 && !(before & 1)) {
    cpu_.set_reg(UC_ARM_REG_CONTROL, value);
    return;
  }
  if (ipsr != 0 && (value & 2) == (before & 2)) {  // SPSEL unchanged: Handler mode may write the rest
    cpu_.set_reg(UC_ARM_REG_CONTROL, value);
    return;
  }
  cpu_.set_ipsr(ipsr ? ipsr : exception::kNmi);  // Handler mode (any exception number): privileged
  cpu_.set_reg(UC_ARM_REG_CONTROL, before & ~1u);
  cpu_.set_ipsr(0);
  cpu_.set_reg(UC_ARM_REG_CONTROL, value);
  cpu_.set_ipsr(ipsr);
}

// ExceptionReturn's integrity checks (B1.5.8), in the pseudocode's order: why this return cannot
// happen, or nothing.
std::optional<std::string> Machine::exc_return_fault(int returning, uint32_t exc_return) const {
  if (!nvic_.active(returning)) return fmt::format("exception {} is returning but is not active", returning);
  uint32_t kind = exc_return & 0xF;
  if ((exc_return & 0x0FFFFFE0) != 0x0FFFFFE0 || (kind != 0x1 && kind != 0x9 && kind != 0xD))
    return std::string("a reserved value");
  int nested = nvic_.active_depth();
  if (kind == 0x1 && nested == 1) return std::string("a return to Handler mode with no other exception active");
  if (kind != 0x1 && nested != 1 && !nvic_.nonbase_thread_enabled())
    return std::string("a return to Thread mode with other exceptions still active (CCR.NONBASETHRDENA is clear)");
  return std::nullopt;
}

void Machine::return_from_exception(uint32_t exc_return) {
  int returning = static_cast<int>(cpu_.reg(UC_ARM_REG_IPSR) & 0x1FF);
  std::optional<std::string> wrong = exc_return_fault(returning, exc_return);
  if (nvic_.active(returning)) nvic_.deactivate(returning);
  // Every return but NMI's clears FAULTMASK (B1.5.8, DeActivate), before the tail-chain decision:
  // an interrupt a handler held off with FAULTMASK is taken on its way out.
  if (returning != exception::kNmi && cpu_.reg(UC_ARM_REG_FAULTMASK)) cpu_.set_reg(UC_ARM_REG_FAULTMASK, 0);
  if (exception_observer_) exception_observer_(returning, false);
  event_register_ = true;  // and so is exception return

  if (wrong) {  // UsageFault INVPC, taken on the frame as it is: nothing is unstacked
    uint32_t pc = cpu_.reg(UC_ARM_REG_PC);
    diagnostic(fmt::format("exception return with EXC_RETURN 0x{:08X} from exception {}: {}; UsageFault INVPC",
                           exc_return, returning, *wrong));
    Fault report{"invalid exception return (INVPC)", pc, std::nullopt,
                 fmt::format("EXC_RETURN 0x{:08X} from exception {}: {}", exc_return, returning, *wrong)};
    uint32_t hfsr_bits = 0;
    int e = fault_exception(exception::kUsageFault, hfsr_bits, report);
    if (!e) return;
    nvic_.record_fault_status(cfsr::kInvpc, hfsr_bits, std::nullopt, std::nullopt);
    report.registers = registers();
    fault_in_handling_ = std::move(report);
    nvic_.set_pending(e);
    tail_chain(e, exc_return);
    return;
  }

  // Tail-chain: if something pending beats the context we would return to, enter it directly.
  if (int next = nvic_.exception_to_take(nvic_.execution_priority(masks()))) {
    tail_chain(next, exc_return);
    return;
  }

  uint32_t kind = exc_return & 0xF;
  bool to_psp = kind == 0xD;
  bool fp = !(exc_return & kExcReturnBasicFrame);
  uint32_t frame_words = fp ? kFpFrameWords : kFrameWords;
  uint32_t sp = cpu_.reg(to_psp ? UC_ARM_REG_PSP : UC_ARM_REG_MSP);
  uint32_t w[kFpFrameWords];
  if (!cpu_.read(sp, w, frame_words * 4)) {
    set_fault("unstacking failed on exception return", cpu_.reg(UC_ARM_REG_PC), sp);
    uc_emu_stop(cpu_.engine());
    return;
  }
  static const int regs[] = {UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3, UC_ARM_REG_R12, UC_ARM_REG_LR};
  for (int i = 0; i < 6; ++i) cpu_.set_reg(regs[i], w[i]);
  if (fp) {
    for (int i = 0; i < 16; ++i) cpu_.set_reg(UC_ARM_REG_S0 + i, w[kFrameWords + i]);
    cpu_.set_reg(UC_ARM_REG_FPSCR, w[kFrameWords + 16]);
  }
  uint32_t xpsr = w[7];
  sp += frame_words * 4;
  if (xpsr & kXpsrAlignBit) sp |= 4;
  cpu_.set_reg(to_psp ? UC_ARM_REG_PSP : UC_ARM_REG_MSP, sp);
  cpu_.set_reg(UC_ARM_REG_XPSR_NZCVQG, xpsr);
  // The IT block the exception interrupted goes on (Unicorn takes the IT bits through CPSR only).
  uint32_t cpsr = cpu_.reg(UC_ARM_REG_CPSR);
  if ((cpsr ^ xpsr) & kXpsrItBits) cpu_.set_reg(UC_ARM_REG_CPSR, (cpsr & ~kXpsrItBits) | (xpsr & kXpsrItBits));
  cpu_.set_ipsr((exc_return & 8) ? 0 : (xpsr & 0x1FF));
  // Back in thread mode: SPSEL selects the stack it returns to (which also makes SP that stack).
  // FPCA comes back with the frame: set when it held an FP context.
  uint32_t control = cpu_.reg(UC_ARM_REG_CONTROL);
  uint32_t restored = fp ? control | kControlFpca : control & ~kControlFpca;
  if (exc_return & 8) restored = to_psp ? (restored | 2u) : (restored & ~2u);
  if (restored != control) write_control(restored);
  update_ppb_access();  // back to Thread mode: unprivileged if CONTROL.nPRIV says so
  if (!(xpsr & kXpsrThumbBit)) {  // a frame with EPSR.T = 0: the instruction returned to faults (INVSTATE)
    diagnostic(fmt::format("exception return to 0x{:08X} with the stacked xPSR's Thumb bit clear: UsageFault "
                           "INVSTATE", w[6] & ~1u));
    raise_fault(exception::kUsageFault, cfsr::kInvstate, std::nullopt, w[6] & ~1u,
                Fault{"invalid state: a frame returned to without the Thumb bit", w[6] & ~1u, {}, {}}, false);
    return;
  }
  cpu_.set_reg(UC_ARM_REG_PC, w[6] | 1);
}

// Enter `e` with the frame already on the stack, as a tail-chain does: LR keeps EXC_RETURN.
void Machine::tail_chain(int e, uint32_t exc_return) {
  cpu_.set_reg(UC_ARM_REG_LR, exc_return);  // the frame stays as stacked, FP or not
  uint32_t control = cpu_.reg(UC_ARM_REG_CONTROL);
  if (control & kControlFpca) cpu_.set_reg(UC_ARM_REG_CONTROL, control & ~kControlFpca);
  take_exception(e);
}

// Unicorn 2.0.1 reports a data fault at the start of its block, with the registers as the faulting
// instruction found them: decode the block to find that instruction (the block start if none fits).
uint32_t Machine::data_fault_pc(uint32_t reported_pc, uint32_t address) {
  // Decode from the block the block hook last saw start: PC as a hook reads it is the block's start
  // only when the block was entered from Unicorn's main loop; a block reached through a chained
  // jump still shows an earlier block's PC (sim/UNICORN.md).
  uint32_t block_start = block_start_ ? block_start_ : reported_pc;
  uint8_t code[2048];  // QEMU ends a block within 512 instructions
  uint32_t len = 256;  // a block outside flash: its length is not cached
  uint32_t offset = block_start - board::kFlashBase;
  if (offset < board::kFlashSize && flash_blocks_[offset >> 1].size)
    len = std::min<uint32_t>(flash_blocks_[offset >> 1].size & ~kSlowBlock, sizeof code);
  while (len > 2 && !cpu_.read(block_start, code, len)) len /= 2;
  std::optional<uint32_t> at =
      access_finder_.find(code, len, block_start, address, [this](int reg) { return cpu_.reg(reg); });
  return at.value_or(block_start);
}

// For a bad access in the peripheral region: whose window it hit, or that none is there.
std::string Machine::peripheral_context(uint32_t address) {
  if (address < board::kPeripheralBase || address - board::kPeripheralBase >= board::kPeripheralSize) return {};
  for (const auto& p : board::definition::kPeripherals) {
    if (address >= p.base && address - p.base < board::kPeripheralWindow)
      return fmt::format("; {} answers only 0x{:08X}..0x{:08X} (its registers end at +0x{:02X})", p.name, p.base,
                         p.base + kPeripheralDecode - 1, p.registers.first[p.registers.count - 1].offset + 4);
  }
  return fmt::format("; no peripheral at 0x{:08X} (see devices/registers.md)", address & ~(board::kPeripheralWindow - 1));
}

bool Machine::on_bad_access(uc_engine*, uc_mem_type type, uint64_t address, int size, int64_t value, void* user) {
  auto* m = static_cast<Machine*>(user);
  if (m->unaligned_fault_taken(type)) return false;  // a UsageFault, not a bad access (machine_alignment.cpp)
  PpbAccess ppb = m->ppb_access(type, address);
  if (ppb == PpbAccess::Allowed) return true;  // STIR with CCR.USERSETMPEND: the write goes ahead
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
  if (ppb == PpbAccess::Refused) kind = "unprivileged access to the Private Peripheral Bus (privileged-only)";
  bool fetch = type == UC_MEM_FETCH_UNMAPPED || type == UC_MEM_FETCH_PROT;
  m->bus_fault_fetch_ = fetch;
  if (!fetch) pc = m->data_fault_pc(pc & ~1u, static_cast<uint32_t>(address));
  if (m->stack_guard_ && address >= *m->stack_guard_ && address < *m->stack_guard_ + kStackGuardSize) {
    kind = "stack overflow";
    m->bus_fault_ = Fault{kind, pc & ~1u, static_cast<uint32_t>(address),
                          fmt::format("the main stack grew into its guard region below 0x{:08X}; raise __stack_size in "
                                      "board.ld or use less stack", *m->stack_guard_ + kStackGuardSize)};
    return false;
  }
  std::string detail = fmt::format("{}-byte access", size);
  if (type == UC_MEM_WRITE_UNMAPPED || type == UC_MEM_WRITE_PROT) detail += fmt::format(" of 0x{:X}", static_cast<uint64_t>(value));
  if (!fetch) detail += peripheral_context(static_cast<uint32_t>(address));
  m->bus_fault_ = Fault{kind, (type == UC_MEM_FETCH_UNMAPPED ? static_cast<uint32_t>(address) : pc) & ~1u,
                        static_cast<uint32_t>(address), detail};
  return false;
}

// Unicorn rejects WFE and YIELD as invalid instructions, with PC already past them (2.0.1 and
// 2.1.1 alike); after the hook returns true, 2.0.1 stops emulation and 2.1.1 goes on. A real
// undefined instruction (UDF, say) comes here with PC at the instruction: the hook declines it and
// Unicorn stops with UC_ERR_INSN_INVALID, in both versions -- had it accepted it, 2.1.1 would
// raise intno 1 as well and the fault would be taken twice.
bool Machine::on_invalid_instruction(uc_engine*, void* user) {
  auto* m = static_cast<Machine*>(user);
  uint32_t pc = m->cpu_.reg(UC_ARM_REG_PC) & ~1u;
  uint16_t before = 0, at = 0;
  if (!m->cpu_.read(pc - 2, &before, 2)) return false;
  m->cpu_.read(pc, &at, 2);
  bool hint = (before == 0xBF10 || before == 0xBF20) && (at & 0xFF00) != 0xDE00;  // not a UDF right after one
  if (!hint) return false;  // UsageFault UNDEFINSTR, raised by handle_hook_requests()
  if (before == 0xBF10) {  // YIELD: a hint, nothing to do
    m->hint_resume_ = pc;
    return true;
  }
  if (m->event_register_) {
    m->event_register_ = false;  // WFE with the event set: consume it and go on
    m->hint_resume_ = pc;
    return true;
  }
  m->wfe_requested_ = true;
  uc_emu_stop(m->cpu_.engine());  // WFE ends its translated block: emulation stops right after it
  return true;
}

// What the hooks could only note (they may not redirect the CPU themselves) is done here, once
// emulation has stopped. Returns false when there was nothing to do.
bool Machine::handle_hook_requests(uc_err err) {
  // A new memory hook: every translation made without it must go. (Besides whatever else stopped
  // the run: the block hook stops for it alone, from outside any block's code.)
  bool flushed = std::exchange(flush_translations_, false);
  // (By range: UC_CTL_TB_FLUSH resets Unicorn's whole code buffer, some 2 s of system time.)
  if (flushed)
    uc_ctl_remove_cache(cpu_.engine(), uint64_t{board::kFlashBase}, uint64_t{board::kFlashBase} + board::kFlashSize);
  if (retranslate_) {  // new code hooks for a block: its old translation (without them) must go
    auto [begin, end] = *std::exchange(retranslate_, std::nullopt);
    uc_ctl_remove_cache(cpu_.engine(), uint64_t{begin}, uint64_t{end});  // uc_ctl reads 64-bit varargs
  } else if (bus_fault_) {  // a bad access: BusFault (or HardFault) for the firmware, as on hardware
    Fault f = *std::exchange(bus_fault_, std::nullopt);
    if (bus_fault_fetch_)
      raise_fetch_fault(f.pc, f.detail);
    else
      raise_fault(exception::kBusFault, cfsr::kPreciserr | cfsr::kBfarvalid, f.address, f.pc, f);
  } else if (err == UC_ERR_INSN_INVALID && !usage_fault_) {  // declined by on_invalid_instruction(): PC is at it
    raise_undefined(pc_);
  } else if (err != UC_ERR_OK && !usage_fault_) {  // an unaligned access stops with a permission error
    set_fault("emulation error", pc_, std::nullopt, uc_strerror(err));
  } else if (usage_fault_) {
    Fault f = *std::exchange(usage_fault_, std::nullopt);
    raise_fault(exception::kUsageFault, usage_fault_cfsr_, std::nullopt, f.pc, f, std::exchange(usage_fault_thumb_, true));
  } else if (wfe_requested_) {  // WFE with no event: sleep (PC is already past it)
    wfe_requested_ = false;
    hint_resume_.reset();
    sleeping_ = sleeping_in_wfe_ = true;
  } else if (hint_resume_ && *std::exchange(hint_resume_, std::nullopt) == pc_) {
    // Unicorn 2.0.1 stopped right after a YIELD or an already-satisfied WFE: carry on after it.
  } else {
    return flushed;
  }
  pc_ = cpu_.reg(UC_ARM_REG_PC) & ~1u;
  return true;
}

}  // namespace sim
