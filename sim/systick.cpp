// SPDX-License-Identifier: GPL-2.0-or-later
#include "systick.h"

#include <algorithm>

#include "board/registers.h"

namespace sim {

namespace {
constexpr uint32_t kEnable = 1u << 0, kTickInt = 1u << 1, kCountFlag = 1u << 16;
}

SysTick::SysTick(VirtualClock& clock, std::function<void()> pend_exception)
    : clock_(clock),
      pend_(std::move(pend_exception)),
      map_("SysTick",
           {
               {0x0, "CSR",
                [this] {
                  uint32_t v = csr_;
                  csr_ &= ~kCountFlag;  // COUNTFLAG clears on read
                  return v;
                },
                [this](uint32_t v) {
                  bool was_enabled = csr_ & kEnable;
                  csr_ = (csr_ & kCountFlag) | (v & 0x7);
                  if (!was_enabled && (csr_ & kEnable)) {
                    zero_at_ = clock_.now() + (stopped_value_ ? stopped_value_ : reload_ + 1);
                    schedule_next();
                  } else if (was_enabled && !(csr_ & kEnable)) {
                    stopped_value_ = current();
                    clock_.cancel(event_);
                  }
                }},
               {0x4, "RVR", [this] { return reload_; }, [this](uint32_t v) { reload_ = v & 0xFFFFFF; }},
               {0x8, "CVR", [this] { return current(); },
                [this](uint32_t) {  // any write clears the counter and COUNTFLAG; it reloads next cycle
                  csr_ &= ~kCountFlag;
                  stopped_value_ = 0;
                  if (csr_ & kEnable) {
                    zero_at_ = clock_.now() + reload_ + 1;
                    schedule_next();
                  }
                }},
               {0xC, "CALIB", [] { return 1u << 31; }, nullptr},  // NOREF: no reference clock
           }) {}

// The counter runs RVR .. 0 (B3.3): zero_at_ is the cycle it reads 0, and the next one reloads it.
// Right after it is (re)started -- enabled, or CVR written -- it is at 0 with the reload one cycle
// away; time here moves a block at a time, so a read in that block sees the value it reloads to.
uint32_t SysTick::current() const {
  if (!(csr_ & kEnable)) return stopped_value_;
  Cycles now = clock_.now();
  Cycles left = zero_at_ > now ? zero_at_ - now : 0;
  return static_cast<uint32_t>(std::min<Cycles>(left, reload_));
}

void SysTick::schedule_next() {
  clock_.cancel(event_);
  event_ = clock_.schedule_at_cycle(zero_at_, [this] { on_zero(); });
}

void SysTick::on_zero() {
  event_ = devices::kNoEvent;
  csr_ |= kCountFlag;
  if (csr_ & kTickInt) pend_();
  if (reload_ == 0) return;  // a zero reload stops the counter at the next wrap
  zero_at_ += reload_ + 1;
  schedule_next();
}

}  // namespace sim
