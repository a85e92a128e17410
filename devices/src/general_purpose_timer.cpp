// SPDX-License-Identifier: GPL-2.0-or-later
// The general-purpose timer: counter, events and PWM outputs computed from virtual time (see the
// header for the model).
#include "devices/general_purpose_timer.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "board/memory_map.h"

namespace devices {

namespace tim = board::timer;

namespace {
constexpr Nanoseconds kTimerClockNs = 1'000'000'000 / board::kTimerClockHz;
static_assert(1'000'000'000 % board::kTimerClockHz == 0, "the timer clock's period is a whole number of ns");
constexpr uint32_t kAllEvents = tim::STATUS_UPDATE | tim::STATUS_CC0 | tim::STATUS_CC1;
constexpr uint32_t kAllOutputs = (1u << tim::kChannelCount) - 1;
}  // namespace

GeneralPurposeTimer::GeneralPurposeTimer(std::string name, EventScheduler& clock)
    : name_(std::move(name)),
      clock_(clock),
      tick_ns_(kTimerClockNs),
      registers_(name_, {
          {tim::CTRL, "CTRL",
           [this] {
             if (running_ && (ctrl_ & tim::CTRL_ONE_SHOT)) {
               sync();
               settle();
             }
             return ctrl_;
           },
           [this](uint32_t v) {
             rebase();
             if (v & ~(tim::CTRL_ENABLE | tim::CTRL_ONE_SHOT))
               registers_.report(fmt::format("CTRL 0x{:X}: only ENABLE and ONE_SHOT exist", v));
             ctrl_ = v & (tim::CTRL_ENABLE | tim::CTRL_ONE_SHOT);
             if ((ctrl_ & tim::CTRL_ENABLE) && period_ == 0)
               registers_.report("enabled with PERIOD 0: the counter holds until PERIOD is set");
             apply_run_state();
             settle();
           }},
          {tim::PRESCALER, "PRESCALER", [this] { return prescaler_; },
           [this](uint32_t v) {
             rebase();
             prescaler_ = write16("PRESCALER", v);
             tick_ns_ = (Nanoseconds{prescaler_} + 1) * kTimerClockNs;
             settle();
           }},
          {tim::PERIOD, "PERIOD", [this] { return period_; },
           [this](uint32_t v) {
             rebase();
             uint32_t count = running_ ? origin_count_ : held_count_;
             period_ = write16("PERIOD", v);
             if (period_ != 0 && count >= period_) {  // past the new end: wrap now
               status_ |= tim::STATUS_UPDATE;
               count = 0;
             }
             (running_ ? origin_count_ : held_count_) = count;
             apply_run_state();
             settle();
           }},
          {tim::COUNT, "COUNT", [this] { return count_now(); },
           [this](uint32_t v) {
             rebase();
             uint32_t count = write16("COUNT", v);
             if (period_ != 0 && count >= period_) {
               registers_.report(fmt::format("COUNT {} is not below PERIOD {}: the counter is set to 0", count, period_));
               count = 0;
             }
             (running_ ? origin_count_ : held_count_) = count;
             settle();
           }},
          {tim::CMP0, "CMP0", [this] { return cmp_[0]; }, [this](uint32_t v) { set_compare(0, v); }},
          {tim::CMP1, "CMP1", [this] { return cmp_[1]; }, [this](uint32_t v) { set_compare(1, v); }},
          {tim::STATUS, "STATUS",
           [this] {
             sync();
             settle();
             return status_;
           },
           [this](uint32_t v) {
             sync();
             status_ &= ~v;
             settle();
           }},
          {tim::IRQ_ENABLE, "IRQ_ENABLE", [this] { return irq_enable_; },
           [this](uint32_t v) {
             sync();
             irq_enable_ = v & kAllEvents;
             settle();
           }},
          {tim::OUTPUT, "OUTPUT", [this] { return output_; },
           [this](uint32_t v) {
             sync();
             output_ = v & kAllOutputs;
             settle();
           }},
      }, board::definition::table(board::definition::kTimerRegisters)) {
  static_assert(tim::kChannelCount == 2, "the register table lists CMP0 and CMP1");
}

GeneralPurposeTimer::~GeneralPurposeTimer() {
  if (event_ != kNoEvent) clock_.cancel(event_);
}

void GeneralPurposeTimer::on_output_change(std::function<void(int channel, double duty)> observer) {
  output_observers_.push_back(std::move(observer));
}

static void check_channel(const std::string& name, int channel) {
  if (channel < 0 || channel >= GeneralPurposeTimer::kChannelCount)
    throw std::out_of_range(fmt::format("{}: no channel {}", name, channel));
}

double GeneralPurposeTimer::output_duty(int channel) const {
  check_channel(name_, channel);
  return duty_[channel];
}

bool GeneralPurposeTimer::output_level(int channel) const {
  check_channel(name_, channel);
  return (output_ >> channel) & 1u && count_now() < cmp_[channel];
}

bool GeneralPurposeTimer::running() const {
  if (!running_) return false;
  return !(ctrl_ & tim::CTRL_ONE_SHOT) || ticks_at(clock_.now_ns()) < end_tick();
}

// ---- the counter as a function of time ----

uint64_t GeneralPurposeTimer::ticks_at(Nanoseconds t) const { return (t - origin_ns_) / tick_ns_; }

uint64_t GeneralPurposeTimer::end_tick() const { return period_ - origin_count_; }

uint32_t GeneralPurposeTimer::count_at_tick(uint64_t n) const {
  if (ctrl_ & tim::CTRL_ONE_SHOT) return n >= end_tick() ? 0 : static_cast<uint32_t>(origin_count_ + n);
  return static_cast<uint32_t>((origin_count_ + n) % period_);
}

uint32_t GeneralPurposeTimer::count_now() const {
  return running_ ? count_at_tick(ticks_at(clock_.now_ns())) : held_count_;
}

uint64_t GeneralPurposeTimer::next_tick(uint64_t after, uint32_t value) const {
  uint64_t p = period_;
  uint64_t count = (origin_count_ + after) % p;  // where the counter is at tick `after` (one-shot: before its end)
  return after + (value + 2 * p - count - 1) % p + 1;
}

uint32_t GeneralPurposeTimer::event_bits_between(uint64_t from, uint64_t to) const {
  uint32_t bits = 0;
  if (to <= from) return bits;
  if (next_tick(from, 0) <= to) bits |= tim::STATUS_UPDATE;
  for (int ch = 0; ch < kChannelCount; ++ch)
    if (matches(ch) && next_tick(from, cmp_[ch]) <= to) bits |= tim::STATUS_CC(ch);
  return bits;
}

void GeneralPurposeTimer::sync() {
  if (!running_) return;
  uint64_t now = ticks_at(clock_.now_ns());
  bool one_shot = (ctrl_ & tim::CTRL_ONE_SHOT) != 0;
  uint64_t to = one_shot ? std::min(now, end_tick()) : now;
  status_ |= event_bits_between(synced_, to);
  synced_ = std::max(synced_, to);
  if (one_shot && now >= end_tick()) {  // ran out: stop with COUNT 0
    running_ = false;
    held_count_ = 0;
    ctrl_ &= ~tim::CTRL_ENABLE;
  }
}

void GeneralPurposeTimer::rebase() {
  sync();
  if (!running_) return;
  uint64_t n = ticks_at(clock_.now_ns());
  origin_count_ = count_at_tick(n);
  origin_ns_ += n * tick_ns_;
  synced_ = 0;
}

void GeneralPurposeTimer::apply_run_state() {
  bool wanted = (ctrl_ & tim::CTRL_ENABLE) && period_ != 0;
  if (wanted == running_) return;
  if (wanted) {
    running_ = true;
    origin_ns_ = clock_.now_ns();
    origin_count_ = held_count_ < period_ ? held_count_ : 0;
    synced_ = 0;
  } else {
    held_count_ = count_now();
    running_ = false;
  }
}

void GeneralPurposeTimer::set_compare(int channel, uint32_t v) {
  sync();
  cmp_[channel] = write16(channel == 0 ? "CMP0" : "CMP1", v);
  settle();
}

uint32_t GeneralPurposeTimer::write16(const char* reg, uint32_t v) {
  if (v > kMask16) registers_.report(fmt::format("{} 0x{:X} does not fit 16 bits: 0x{:X} kept", reg, v, v & kMask16));
  return v & kMask16;
}

// ---- consequences: the IRQ line, the outputs, the next event ----

void GeneralPurposeTimer::settle() {
  irq_.drive((status_ & irq_enable_) != 0);
  for (int ch = 0; ch < kChannelCount; ++ch) {
    double duty = 0;
    if ((output_ >> ch) & 1u) {
      if (running_)
        duty = cmp_[ch] >= period_ ? 1.0 : static_cast<double>(cmp_[ch]) / period_;
      else
        duty = held_count_ < cmp_[ch] ? 1.0 : 0.0;
    }
    if (duty == duty_[ch]) continue;
    duty_[ch] = duty;
    for (size_t i = 0; i < output_observers_.size(); ++i) {
      auto observer = output_observers_[i];  // copy: an observer may add observers
      observer(ch, duty);
    }
  }
  reschedule();
}

void GeneralPurposeTimer::reschedule() {
  if (event_ != kNoEvent) {
    clock_.cancel(event_);
    event_ = kNoEvent;
  }
  if (!running_) return;
  uint64_t next = std::numeric_limits<uint64_t>::max();
  uint32_t wanted = irq_enable_ & ~status_;  // a bit already set keeps the line high: nothing to wait for
  if (wanted & tim::STATUS_UPDATE) next = std::min(next, next_tick(synced_, 0));
  for (int ch = 0; ch < kChannelCount; ++ch)
    if ((wanted & tim::STATUS_CC(ch)) && matches(ch)) next = std::min(next, next_tick(synced_, cmp_[ch]));
  if (ctrl_ & tim::CTRL_ONE_SHOT) next = std::min(next, end_tick());  // the outputs change when it stops
  if (next == std::numeric_limits<uint64_t>::max()) return;
  event_ = clock_.schedule_at(origin_ns_ + next * tick_ns_, [this] {
    event_ = kNoEvent;
    sync();
    settle();
  });
}

}  // namespace devices
