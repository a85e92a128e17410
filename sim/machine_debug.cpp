// SPDX-License-Identifier: GPL-2.0-or-later
// The Machine for debuggers: breakpoints and single steps (the GDB stub drives them).
#include "machine.h"

#include <fmt/format.h>

#include <utility>

#include "armv7m.h"
#include "board/memory_map.h"

namespace sim {

using namespace armv7m;

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
  horizon_.lower(0);
  // Unicorn counts instructions with a hook compiled into new translations only: a block already
  // translated (a tight loop the firmware was running) would run on uncounted. Translate it anew.
  uc_ctl_remove_cache(cpu_.engine(), uint64_t{pc_}, uint64_t{pc_} + 2);
  uc_err err = uc_emu_start(cpu_.engine(), pc_ | 1, 0, 0, 1);
  if (*trace_head_ != trace_tail_) drain_trace();
  stepping_ = false;
  pc_ = cpu_.reg(UC_ARM_REG_PC) & ~1u;
  if (fault_) return StopReason::Faulted;
  handle_hook_requests(err);  // a fault raised to the firmware, or a WFE sleep: the step ends there
  if (fault_) return StopReason::Faulted;
  uint16_t previous = 0;
  if (cpu_.read(pc_ - 2, &previous, 2) && previous == 0xBF30) sleeping_ = true;  // stepped a WFI
  return exit_status_ ? StopReason::Exited : StopReason::Stepped;
}

}  // namespace sim
