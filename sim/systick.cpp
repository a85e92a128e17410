// SPDX-License-Identifier: GPL-2.0-or-later
#include "systick.h"

#include <algorithm>

#include "board/registers.h"

namespace sim {

namespace {
constexpr uint32_t kEnable = 1u << 0, kTickInt = 1u << 1, kClkSource = 1u << 2, kCountFlag = 1u << 16;
constexpr uint32_t kNoRef = 1u << 31;
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
                  // No reference clock (CALIB.NOREF): CLKSOURCE reads as 1 and ignores writes (B3.3).
                  csr_ = (csr_ & kCountFlag) | (v & (kEnable | kTickInt)) | kClkSource;
                  if (!was_enabled && (csr_ & kEnable)) {
                    start_from(stopped_value_);
                  } else if (was_enabled && !(csr_ & kEnable)) {
                    stopped_value_ = current();
                    clock_.cancel(event_);
                  }
                }},
               {0x4, "RVR", [this] { return reload_; },
                [this](uint32_t v) {
                  reload_ = v & 0xFFFFFF;
                  // A running counter parked at 0 (it wrapped with RELOAD 0) loads the new value next.
                  if ((csr_ & kEnable) && event_ == devices::kNoEvent) start_from(0);
                }},
               {0x8, "CVR", [this] { return current(); },
                [this](uint32_t) {  // any write clears the counter and COUNTFLAG; it reloads next cycle
                  csr_ &= ~kCountFlag;
                  stopped_value_ = 0;
                  if (csr_ & kEnable) start_from(0);
                }},
               // NOREF: no reference clock; SKEW 0 and TENMS 0: the 10 ms calibration value is not given.
               {0xC, "CALIB", [] { return kNoRef; }, nullptr},
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

// The counter (re)starts at `value`: from a value above 0 it counts down to 0 and wraps; from 0 it
// loads RELOAD at the next cycle -- and with RELOAD 0 it stays at 0, with neither COUNTFLAG nor the
// interrupt, which only a count from 1 to 0 gives (B3.3: "a start value of 0 ... has no effect").
void SysTick::start_from(uint32_t value) {
  if (value == 0 && reload_ == 0) {
    clock_.cancel(event_);
    event_ = devices::kNoEvent;
    zero_at_ = clock_.now();
    return;
  }
  zero_at_ = clock_.now() + (value ? value : reload_ + 1);
  schedule_next();
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
