// SPDX-License-Identifier: GPL-2.0-or-later
// Nvic: the exception state of the Cortex-M4 -- enable, pending, active and priority for the system
// exceptions and the board's external lines -- and the rules that pick the next one to take
// (ARMv7-M B1.5). Plain C++: the Machine asks it what to do and performs entry and return itself.
// Its registers (NVIC at 0xE000E100, SCB at 0xE000ED00) are declared as register maps.
//
//   line rises ──► PENDING ──(enabled, priority beats execution priority)──► ACTIVE ──(return)──► idle
//                     ▲                                                        │
//                     └──────────── line still high at return ◄────────────────┘
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "board/memory_map.h"
#include "devices/register_map.h"
#include "run_horizon.h"

namespace sim {

namespace exception {
inline constexpr int kReset = 1, kNmi = 2, kHardFault = 3, kMemManage = 4, kBusFault = 5, kUsageFault = 6,
                     kSvc = 11, kDebugMonitor = 12, kPendSV = 14, kSysTick = 15, kFirstExternal = 16;
inline constexpr int kCount = kFirstExternal + board::kExternalIrqCount;
inline constexpr int kThreadPriority = 256;  // execution priority with nothing active
}  // namespace exception

// What masks the CPU holds, read from its special registers.
struct PriorityMasks {
  bool primask = false;
  uint8_t basepri = 0;
  bool faultmask = false;
};

class Nvic {
 public:
  Nvic();

  // A device's interrupt line (external line number, not exception number).
  void set_line(int irq, bool level);
  void set_pending(int exception);
  void clear_pending(int exception);

  bool pending(int exception) const { return state_[exception].pending; }
  bool active(int exception) const { return state_[exception].active; }
  bool enabled(int exception) const;
  // CCR's opt-in UsageFaults: integer division by zero, unaligned LDR/STR (of halfwords and words).
  bool divide_by_zero_trap() const { return ccr_ & (1u << 4); }
  bool unaligned_trap() const { return ccr_ & (1u << 3); }
  // CCR.NONBASETHRDENA: an exception may return to Thread mode with others still active.
  bool nonbase_thread_enabled() const { return ccr_ & 1u; }
  // CCR.USERSETMPEND: unprivileged code may write STIR.
  bool user_stir_enabled() const { return ccr_ & (1u << 1); }
  // SCR.SEVONPEND: an interrupt becoming pending is a WFE wake-up event, masked or not.
  // `f` is called on each such transition while the bit is set.
  void on_pend_event(std::function<void()> f) { pend_event_ = std::move(f); }
  // Group priority of an exception, -3 (Reset) .. 255; what preemption compares.
  int group_priority(int exception) const;

  int execution_priority(const PriorityMasks& masks) const;
  // Where ICSR reads the CPU's masks: VECTPENDING counts in BASEPRI and FAULTMASK (not PRIMASK).
  // Without it, ICSR reads as if no mask were set.
  void read_masks_with(std::function<PriorityMasks()> f) { masks_ = std::move(f); }
  // The exception to take now: pending, enabled, and with a group priority strictly lower (more
  // urgent) than `execution_priority`; ties go to the lower sub-priority, then the lower number.
  // 0 when none qualifies.
  int exception_to_take(int execution_priority) const;
  // Cheap test for the hot path: is anything pending at all?
  bool any_pending() const { return pending_count_ > 0; }
  // Something becoming pending lowers `horizon` to 0: the block hook then looks at once.
  void watch(RunHorizon* horizon) { horizon_ = horizon; }

  void activate(int exception);    // on entry: pending -> active
  void deactivate(int exception);  // on return; re-pends an external line that is still high
  int current() const { return active_stack_.empty() ? 0 : active_stack_.back(); }  // IPSR
  int active_depth() const { return static_cast<int>(active_stack_.size()); }

  uint32_t vtor() const { return vtor_; }
  // Fault status, set by the Machine as hardware would (write-1-to-clear from firmware).
  void record_fault_status(uint32_t cfsr_bits, uint32_t hfsr_bits, std::optional<uint32_t> bfar,
                           std::optional<uint32_t> mmfar);
  uint32_t cfsr() const { return cfsr_; }
  uint32_t hfsr() const { return hfsr_; }
  // DEMCR.TRCENA: enables the DWT cycle counter.
  const bool& trace_enabled() const { return trcena_; }
  uint64_t taken_count(int exception) const { return state_[exception].taken; }

  devices::RegisterMap& nvic_registers() { return nvic_map_; }
  devices::RegisterMap& scb_registers() { return scb_map_; }
  void on_reset_request(std::function<void()> f) { reset_request_ = std::move(f); }
  // Called after every write to CCR (the machine arms its alignment check by UNALIGN_TRP).
  void on_ccr_write(std::function<void()> f) { ccr_write_ = std::move(f); }

 private:
  struct State {
    bool enabled = false;
    bool pending = false;
    bool active = false;
    bool line = false;
    uint8_t priority = 0;  // the register value (top 3 bits implemented)
    uint64_t taken = 0;
  };
  void set_pending_bit(int exception, bool on);
  std::vector<devices::Register> nvic_register_list();
  std::vector<devices::Register> scb_register_list();
  uint32_t icsr() const;
  int boosted_priority(const PriorityMasks& masks) const;  // what BASEPRI, PRIMASK and FAULTMASK impose
  uint32_t shcsr() const;
  void write_shcsr(uint32_t v);
  uint32_t priority_word(int first_exception) const;
  void set_priority_word(int first_exception, uint32_t value);

  std::array<State, exception::kCount> state_{};
  std::vector<int> active_stack_;
  int pending_count_ = 0;
  RunHorizon* horizon_ = nullptr;
  uint32_t vtor_ = board::kFlashBase;
  uint32_t prigroup_ = 0;
  uint32_t scr_ = 0;
  uint32_t ccr_ = 1u << 9;  // STKALIGN
  uint32_t shcsr_ = 0;
  uint32_t demcr_ = 0;
  uint32_t cfsr_ = 0, hfsr_ = 0, bfar_ = 0, mmfar_ = 0;
  bool trcena_ = false;
  std::function<void()> reset_request_;
  std::function<void()> ccr_write_;
  std::function<void()> pend_event_;
  std::function<PriorityMasks()> masks_;
  devices::RegisterMap nvic_map_;
  devices::RegisterMap scb_map_;
};

}  // namespace sim
