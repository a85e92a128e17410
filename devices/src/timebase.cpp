// SPDX-License-Identifier: GPL-2.0-or-later
#include "devices/timebase.h"

#include <limits>

#include "board/registers.h"

namespace devices {

namespace tb = board::timebase;

Timebase::Timebase(std::string name, EventScheduler& clock)
    : name_(std::move(name)),
      clock_(clock),
      registers_(name_, {
          {tb::COUNT_LO, "COUNT_LO",
           [this] {
             uint64_t count = count_us();
             count_hi_latch_ = static_cast<uint32_t>(count >> 32);
             return static_cast<uint32_t>(count);
           },
           nullptr},
          {tb::COUNT_HI, "COUNT_HI", [this] { return count_hi_latch_; }, nullptr},
          // A millisecond view of the same counter: the scheduler's tick without a 64-bit division.
          {tb::COUNT_MS, "COUNT_MS", [this] { return static_cast<uint32_t>(clock_.now_ns() / 1'000'000); }, nullptr},
          {tb::CMP_LO, "CMP_LO", [this] { return cmp_lo_; }, [this](uint32_t v) { cmp_lo_ = v; }},
          {tb::CMP_HI, "CMP_HI", [this] { return cmp_hi_; },
           [this](uint32_t v) {
             cmp_hi_ = v;
             arm((uint64_t{cmp_hi_} << 32) | cmp_lo_);
           }},
          {tb::CTRL, "CTRL", [this] { return ctrl_; },
           [this](uint32_t v) {
             ctrl_ = v & tb::CTRL_IRQ;
             update_irq();
           }},
          {tb::STATUS, "STATUS",
           [this] {
             catch_up();
             return status_;
           },
           [this](uint32_t v) { set_status(status_ & ~v); }},
      }, board::definition::table(board::definition::kTimebaseRegisters)) {}

Timebase::~Timebase() {
  if (event_ != kNoEvent) clock_.cancel(event_);
}

void Timebase::arm(uint64_t compare) {
  if (event_ != kNoEvent) {
    clock_.cancel(event_);
    event_ = kNoEvent;
  }
  compare_ = compare;
  if (count_us() >= compare) {
    armed_ = false;
    set_status(status_ | tb::STATUS_MATCH);
    return;
  }
  armed_ = true;
  // A compare beyond what a 64-bit nanosecond clock can reach (e.g. all ones as "never") would
  // wrap to an early instant when converted: it stays armed with no event instead.
  constexpr uint64_t kLastReachableUs = std::numeric_limits<Nanoseconds>::max() / 1000;
  if (compare > kLastReachableUs) return;
  event_ = clock_.schedule_at(compare * 1000, [this] {
    event_ = kNoEvent;
    match();
  });
}

void Timebase::match() {
  armed_ = false;
  set_status(status_ | tb::STATUS_MATCH);
}

void Timebase::catch_up() {
  if (!armed_ || count_us() < compare_) return;
  if (event_ != kNoEvent) {
    clock_.cancel(event_);
    event_ = kNoEvent;
  }
  match();
}

void Timebase::set_status(uint32_t status) {
  status_ = status & tb::STATUS_MATCH;
  update_irq();
}

void Timebase::update_irq() {
  irq_.drive((ctrl_ & tb::CTRL_IRQ) != 0 && (status_ & tb::STATUS_MATCH) != 0);
}

}  // namespace devices
