// SPDX-License-Identifier: GPL-2.0-or-later
#include "nvic.h"

#include <algorithm>

#include "board/registers.h"

namespace sim {

namespace {
constexpr uint32_t kScrSevOnPend = 1u << 4;
constexpr uint8_t kImplementedPriorityBits = 0xE0;  // 8 levels, as many Cortex-M4 parts
constexpr uint32_t kCpuidCortexM4r0p1 = 0x410FC241;
constexpr int kLines = board::kExternalIrqCount;
}  // namespace

Nvic::Nvic()
    : nvic_map_("NVIC", nvic_register_list()), scb_map_("SCB", scb_register_list()) {
  // Fixed-priority exceptions; the rest default to 0 and are set through SHPR/IPR.
  for (int e = exception::kNmi; e < exception::kFirstExternal; ++e) state_[e].enabled = true;
}

bool Nvic::enabled(int e) const {
  switch (e) {
    case exception::kMemManage: return shcsr_ & (1u << 16);
    case exception::kBusFault: return shcsr_ & (1u << 17);
    case exception::kUsageFault: return shcsr_ & (1u << 18);
    default: return state_[e].enabled;
  }
}

int Nvic::group_priority(int e) const {
  if (e == exception::kReset) return -3;
  if (e == exception::kNmi) return -2;
  if (e == exception::kHardFault) return -1;
  uint32_t sub_bits_mask = (2u << prigroup_) - 1;  // PRIGROUP n: bits [n:0] are sub-priority
  return static_cast<int>(state_[e].priority & ~sub_bits_mask & 0xFF);
}

void Nvic::set_pending_bit(int e, bool on) {
  if (state_[e].pending == on) return;
  state_[e].pending = on;
  pending_count_ += on ? 1 : -1;
  if (on && horizon_) horizon_->lower(0);
  if (on && (scr_ & kScrSevOnPend) && pend_event_) pend_event_();
}

void Nvic::set_pending(int e) { set_pending_bit(e, true); }
void Nvic::clear_pending(int e) { set_pending_bit(e, false); }

void Nvic::set_line(int irq, bool level) {
  State& s = state_[exception::kFirstExternal + irq];
  bool rising = level && !s.line;
  s.line = level;
  if (rising) set_pending(exception::kFirstExternal + irq);
}

int Nvic::execution_priority(const PriorityMasks& m) const {
  int p = boosted_priority(m);
  for (int e : active_stack_) p = std::min(p, group_priority(e));
  return p;
}

// B1.5.4's priority boosting: BASEPRI by its group priority, PRIMASK to 0, FAULTMASK to -1.
int Nvic::boosted_priority(const PriorityMasks& m) const {
  int p = exception::kThreadPriority;
  if (m.basepri & kImplementedPriorityBits) {
    uint32_t sub_bits_mask = (2u << prigroup_) - 1;
    p = std::min<int>(p, m.basepri & kImplementedPriorityBits & ~sub_bits_mask);
  }
  if (m.primask) p = std::min(p, 0);
  if (m.faultmask) p = std::min(p, -1);
  return p;
}

int Nvic::exception_to_take(int execution_priority) const {
  if (pending_count_ == 0) return 0;
  int best = 0;
  for (int e = 1; e < exception::kCount; ++e) {
    if (!state_[e].pending || !enabled(e)) continue;
    if (group_priority(e) >= execution_priority) continue;
    if (best == 0 || group_priority(e) < group_priority(best) ||
        (group_priority(e) == group_priority(best) && state_[e].priority < state_[best].priority))
      best = e;
  }
  return best;
}

void Nvic::activate(int e) {
  clear_pending(e);
  state_[e].active = true;
  ++state_[e].taken;
  active_stack_.push_back(e);
}

void Nvic::deactivate(int e) {
  state_[e].active = false;
  auto it = std::find(active_stack_.rbegin(), active_stack_.rend(), e);
  if (it != active_stack_.rend()) active_stack_.erase(std::next(it).base());
  // A level-sensitive line still asserted re-pends: the device has not been serviced yet.
  if (e >= exception::kFirstExternal && state_[e].line) set_pending(e);
}

// ---- registers ----

// SHCSR (B3.2.13): the system handlers' active and pended bits are their state, not a copy; the
// enables (bits 16-18) are stored. Writing an active bit makes the exception active or not, as a
// context switch restores it; writing a pended bit pends or un-pends it.
namespace {
struct ShcsrBit {
  int bit, exception;
  bool active;  // else pended
};
constexpr ShcsrBit kShcsrBits[] = {
    {0, exception::kMemManage, true},   {1, exception::kBusFault, true},    {3, exception::kUsageFault, true},
    {7, exception::kSvc, true},         {8, exception::kDebugMonitor, true}, {10, exception::kPendSV, true},
    {11, exception::kSysTick, true},    {12, exception::kUsageFault, false}, {13, exception::kMemManage, false},
    {14, exception::kBusFault, false},  {15, exception::kSvc, false},
};
}  // namespace

uint32_t Nvic::shcsr() const {
  uint32_t v = shcsr_;
  for (const ShcsrBit& b : kShcsrBits)
    if (b.active ? state_[b.exception].active : state_[b.exception].pending) v |= 1u << b.bit;
  return v;
}

void Nvic::write_shcsr(uint32_t v) {
  shcsr_ = v & 0x70000;
  for (const ShcsrBit& b : kShcsrBits) {
    bool on = v >> b.bit & 1;
    if (!b.active) {
      set_pending_bit(b.exception, on);
    } else if (on != state_[b.exception].active) {
      state_[b.exception].active = on;
      auto it = std::find(active_stack_.begin(), active_stack_.end(), b.exception);
      if (on) active_stack_.push_back(b.exception);
      else if (it != active_stack_.end()) active_stack_.erase(it);
    }
  }
}

// IPR and SHPR hold one priority byte per exception, four to a word.
uint32_t Nvic::priority_word(int first) const {
  uint32_t v = 0;
  for (int b = 0; b < 4; ++b) v |= uint32_t(state_[first + b].priority) << (8 * b);
  return v;
}

void Nvic::set_priority_word(int first, uint32_t v) {
  for (int b = 0; b < 4; ++b) state_[first + b].priority = (v >> (8 * b)) & kImplementedPriorityBits;
}

std::vector<devices::Register> Nvic::nvic_register_list() {
  namespace scs = board::scs;
  std::vector<devices::Register> regs;
  constexpr uint32_t kBase = scs::NVIC_ISER;  // the map's offsets are relative to 0xE000E100
  auto bits = [this](auto member) {
    uint32_t v = 0;
    for (int i = 0; i < kLines; ++i)
      if (state_[exception::kFirstExternal + i].*member) v |= 1u << i;
    return v;
  };
  regs.push_back({scs::NVIC_ISER - kBase, "ISER0", [=] { return bits(&State::enabled); },
                  [this](uint32_t v) {
                    for (int i = 0; i < kLines; ++i)
                      if (v >> i & 1) state_[exception::kFirstExternal + i].enabled = true;
                  }});
  regs.push_back({scs::NVIC_ICER - kBase, "ICER0", [=] { return bits(&State::enabled); },
                  [this](uint32_t v) {
                    for (int i = 0; i < kLines; ++i)
                      if (v >> i & 1) state_[exception::kFirstExternal + i].enabled = false;
                  }});
  regs.push_back({scs::NVIC_ISPR - kBase, "ISPR0", [=] { return bits(&State::pending); },
                  [this](uint32_t v) {
                    for (int i = 0; i < kLines; ++i)
                      if (v >> i & 1) set_pending(exception::kFirstExternal + i);
                  }});
  regs.push_back({scs::NVIC_ICPR - kBase, "ICPR0", [=] { return bits(&State::pending); },
                  [this](uint32_t v) {
                    for (int i = 0; i < kLines; ++i) {
                      int e = exception::kFirstExternal + i;
                      // A line still asserted (and not being handled) stays pending: level semantics.
                      if (v >> i & 1 && !(state_[e].line && !state_[e].active)) clear_pending(e);
                    }
                  }});
  regs.push_back({scs::NVIC_IABR - kBase, "IABR0", [=] { return bits(&State::active); }, nullptr});
  regs.push_back({scs::STIR - kBase, "STIR", nullptr, [this](uint32_t v) {
                    if ((v & 0x1FF) < kLines) set_pending(exception::kFirstExternal + static_cast<int>(v & 0x1FF));
                  }});
  for (int word = 0; word < kLines / 4; ++word) {
    static const char* const names[] = {"IPR0", "IPR1", "IPR2", "IPR3", "IPR4", "IPR5", "IPR6", "IPR7"};
    int first = exception::kFirstExternal + word * 4;
    regs.push_back({scs::NVIC_IPR - kBase + word * 4u, names[word],
                    [this, first] { return priority_word(first); },
                    [this, first](uint32_t v) { set_priority_word(first, v); }, /*sub_word=*/true});
  }
  return regs;
}

void Nvic::record_fault_status(uint32_t cfsr_bits, uint32_t hfsr_bits, std::optional<uint32_t> bfar,
                               std::optional<uint32_t> mmfar) {
  cfsr_ |= cfsr_bits;
  hfsr_ |= hfsr_bits;
  if (bfar) bfar_ = *bfar;
  if (mmfar) mmfar_ = *mmfar;
}

// ICSR (B3.2.4). VECTPENDING is the most urgent pending and enabled exception, whether or not it
// can preempt what runs; "the value indicated by this field includes the effect of the BASEPRI and
// FAULTMASK registers, but not any effect of the PRIMASK register" (the Cortex-M4 Devices Generic
// User Guide's words): what those two hold back is not counted.
uint32_t Nvic::icsr() const {
  uint32_t v = static_cast<uint32_t>(current()) & 0x1FF;  // VECTACTIVE
  int limit = exception::kThreadPriority + 1;
  if (masks_) {
    PriorityMasks m = masks_();
    m.primask = false;
    limit = std::min(limit, boosted_priority(m));
  }
  int pending = exception_to_take(limit);
  v |= static_cast<uint32_t>(pending) << 12;  // VECTPENDING
  for (int e = exception::kFirstExternal; e < exception::kCount; ++e)
    if (state_[e].pending) v |= 1u << 22;  // ISRPENDING
  if (active_stack_.size() <= 1) v |= 1u << 11;  // RETTOBASE
  if (state_[exception::kSysTick].pending) v |= 1u << 26;
  if (state_[exception::kPendSV].pending) v |= 1u << 28;
  if (state_[exception::kNmi].pending) v |= 1u << 31;
  return v;
}

std::vector<devices::Register> Nvic::scb_register_list() {
  namespace scs = board::scs;
  constexpr uint32_t kBase = scs::CPUID;  // offsets relative to 0xE000ED00
  auto shpr = [this](int first) {
    return devices::Register{
        static_cast<uint32_t>(scs::SHPR1 - kBase + (first - 4)), first == 4 ? "SHPR1" : first == 8 ? "SHPR2" : "SHPR3",
        [this, first] { return priority_word(first); },
        [this, first](uint32_t v) { set_priority_word(first, v); }, /*sub_word=*/true};
  };
  return {
      {scs::CPUID - kBase, "CPUID", [] { return kCpuidCortexM4r0p1; }, nullptr},
      {scs::ICSR - kBase, "ICSR", [this] { return icsr(); },
       [this](uint32_t v) {
         if (v & (1u << 31)) set_pending(exception::kNmi);
         if (v & (1u << 28)) set_pending(exception::kPendSV);
         if (v & (1u << 27)) clear_pending(exception::kPendSV);
         if (v & (1u << 26)) set_pending(exception::kSysTick);
         if (v & (1u << 25)) clear_pending(exception::kSysTick);
       }},
      {scs::VTOR - kBase, "VTOR", [this] { return vtor_; }, [this](uint32_t v) { vtor_ = v & 0xFFFFFF80u; }},
      {scs::AIRCR - kBase, "AIRCR", [this] { return 0xFA050000u | (prigroup_ << 8); },
       [this](uint32_t v) {
         if ((v >> 16) != 0x05FA) return;  // VECTKEY guards every write
         prigroup_ = (v >> 8) & 7;
         if (v & (1u << 2) && reset_request_) reset_request_();
       }},
      {scs::SCR - kBase, "SCR", [this] { return scr_; }, [this](uint32_t v) { scr_ = v & 0x16; }},
      {scs::CCR - kBase, "CCR", [this] { return ccr_; }, [this](uint32_t v) {
         ccr_ = (v & 0x31B) | (1u << 9);
         if (ccr_write_) ccr_write_();
       }},
      shpr(4),
      shpr(8),
      shpr(12),
      {scs::SHCSR - kBase, "SHCSR", [this] { return shcsr(); }, [this](uint32_t v) { write_shcsr(v); }},
      // CFSR is also three registers of its own (B3.2.15): MMFSR (byte), BFSR (byte), UFSR (halfword),
      // each write-one-to-clear: a byte or halfword write clears bits of its own lane only.
      {0xD28 - kBase, "CFSR", [this] { return cfsr_; }, [this](uint32_t v) { cfsr_ &= ~v; }, /*sub_word=*/true,
       /*lanes_only=*/true},
      {0xD2C - kBase, "HFSR", [this] { return hfsr_; }, [this](uint32_t v) { hfsr_ &= ~v; }},
      {0xD34 - kBase, "MMFAR", [this] { return mmfar_; }, [this](uint32_t v) { mmfar_ = v; }},
      {0xD38 - kBase, "BFAR", [this] { return bfar_; }, [this](uint32_t v) { bfar_ = v; }},
      {scs::DEMCR - kBase, "DEMCR", [this] { return demcr_; },
       [this](uint32_t v) {
         demcr_ = v & 0x010F07F1;
         trcena_ = v & (1u << 24);
       }},
  };
}

}  // namespace sim
