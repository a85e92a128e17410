// SPDX-License-Identifier: GPL-2.0-or-later
#include "devices/gpio_port.h"

#include <fmt/format.h>

#include <stdexcept>

#include "board/registers.h"

namespace devices {

static_assert(GpioPort::kPinCount == board::gpio::kPinCount);

GpioPort::GpioPort(std::string name)
    : name_(std::move(name)),
      registers_(name_, {
          {board::gpio::DIR, "DIR", [this] { return dir_; },
           [this](uint32_t v) { dir_ = v & kPinMask; update_levels(); }},
          {board::gpio::OUT, "OUT", [this] { return out_; },
           [this](uint32_t v) { out_ = v & kPinMask; update_levels(); }},
          {board::gpio::IN, "IN", [this] { return read_in(); }, nullptr},
          {board::gpio::SET, "SET", nullptr,
           [this](uint32_t v) { out_ |= v & kPinMask; update_levels(); }},
          {board::gpio::CLR, "CLR", nullptr,
           [this](uint32_t v) { out_ &= ~v & kPinMask; update_levels(); }},
          {board::gpio::TOGGLE, "TOGGLE", nullptr,
           [this](uint32_t v) { out_ ^= v & kPinMask; update_levels(); }},
          {board::gpio::PULLUP, "PULLUP", [this] { return pullup_; },
           [this](uint32_t v) { pullup_ = v & kPinMask; update_levels(); }},
          {board::gpio::PULLDOWN, "PULLDOWN", [this] { return pulldown_; },
           [this](uint32_t v) { pulldown_ = v & kPinMask; update_levels(); }},
          // Changing the edge enables neither raises nor drops pending bits: only edges do.
          {board::gpio::IRQ_RISE, "IRQ_RISE", [this] { return irq_rise_; },
           [this](uint32_t v) { irq_rise_ = v & kPinMask; }},
          {board::gpio::IRQ_FALL, "IRQ_FALL", [this] { return irq_fall_; },
           [this](uint32_t v) { irq_fall_ = v & kPinMask; }},
          {board::gpio::IRQ_STATUS, "IRQ_STATUS", [this] { return irq_status_; },
           [this](uint32_t v) { set_irq_status(irq_status_ & ~v); }},
          {board::gpio::ALT, "ALT", [this] { return alt_; },
           [this](uint32_t v) {
             alt_ = v & kPinMask;
             if (uint32_t none = alt_ & ~alt_connected_)
               registers_.report(fmt::format("ALT 0x{:04X}: pins without an alternate function (0x{:04X}) stay "
                                             "plain GPIO", alt_, none));
             update_levels();
           }},
      }, board::definition::table(board::definition::kGpioRegisters)) {}

void GpioPort::check_pin(int pin) const {
  if (pin < 0 || pin >= kPinCount)
    throw std::out_of_range(fmt::format("{}: no pin {} (pins are 0..{})", name_, pin, kPinCount - 1));
}

void GpioPort::drive_input(int pin, bool level) {
  check_pin(pin);
  uint32_t bit = 1u << pin;
  driven_ |= bit;
  driven_levels_ = level ? (driven_levels_ | bit) : (driven_levels_ & ~bit);
  update_levels();
}

void GpioPort::release_input(int pin) {
  check_pin(pin);
  driven_ &= ~(1u << pin);
  update_levels();
}

bool GpioPort::pin_level(int pin) const {
  check_pin(pin);
  return (levels_ >> pin) & 1u;
}

double GpioPort::pin_duty(int pin) const {
  check_pin(pin);
  return duties_[pin];
}

void GpioPort::on_level_change(std::function<void(int pin, bool level)> observer) {
  observers_.push_back(std::move(observer));
}

void GpioPort::on_duty_change(std::function<void(int pin, double duty)> observer) {
  duty_observers_.push_back(std::move(observer));
}

void GpioPort::connect_alternate(int pin, std::function<bool()> level_now) {
  check_pin(pin);
  alt_level_now_[pin] = std::move(level_now);
  alt_connected_ |= 1u << pin;
  update_levels();
}

void GpioPort::drive_alternate(int pin, double duty) {
  check_pin(pin);
  alt_duty_[pin] = duty < 0 ? 0 : duty > 1 ? 1 : duty;
  update_levels();
}

uint32_t GpioPort::compute_levels() const {
  // Pull-down and "no pull" both read 0, so only the pull-up contributes ones to a floating pin.
  uint32_t floating = ~driven_ & pullup_;
  uint32_t input = (driven_ & driven_levels_) | floating;
  uint32_t alternate = 0;
  for (int pin = 0; pin < kPinCount; ++pin)
    if (alt_duty_[pin] > 0) alternate |= 1u << pin;
  uint32_t alt = alternate_pins();
  uint32_t gpio = (dir_ & out_) | (~dir_ & input);
  return ((alt & alternate) | (~alt & gpio)) & kPinMask;
}

double GpioPort::compute_duty(int pin, uint32_t levels) const {
  if (alternate_pins() & (1u << pin)) return alt_duty_[pin];
  return (levels >> pin) & 1u ? 1.0 : 0.0;
}

uint32_t GpioPort::read_in() const {
  uint32_t in = levels_;
  // A PWM waveform: its level at this instant, from the peripheral.
  for (int pin = 0; pin < kPinCount; ++pin) {
    uint32_t bit = 1u << pin;
    if ((alternate_pins() & bit) && duties_[pin] > 0 && duties_[pin] < 1)
      in = alt_level_now_[pin]() ? (in | bit) : (in & ~bit);
  }
  return in;
}

void GpioPort::set_irq_status(uint32_t status) {
  irq_status_ = status & kPinMask;
  irq_.drive(irq_status_ != 0);
}

void GpioPort::update_levels() {
  uint32_t now = compute_levels();
  uint32_t changed = now ^ levels_;
  bool any_duty_changed = false;
  double duties[kPinCount];
  for (int pin = 0; pin < kPinCount; ++pin) {
    duties[pin] = compute_duty(pin, now);
    any_duty_changed |= duties[pin] != duties_[pin];
  }
  if (changed == 0 && !any_duty_changed) return;
  levels_ = now;

  uint32_t rising = changed & now;
  uint32_t falling = changed & ~now;
  set_irq_status(irq_status_ | (rising & irq_rise_) | (falling & irq_fall_));

  for (int pin = 0; pin < kPinCount; ++pin) {
    bool level_changed = (changed >> pin) & 1u;
    bool duty_changed = duties[pin] != duties_[pin];
    duties_[pin] = duties[pin];
    if (level_changed || duty_changed)
      pending_changes_.push_back({pin, ((now >> pin) & 1u) != 0, duties[pin], level_changed, duty_changed});
  }

  // An observer that changes pins re-enters here; its changes queue up behind the current one
  // and the outermost call delivers them, so no observer sees a later change before an earlier.
  if (notifying_) return;
  notifying_ = true;
  struct Done {
    GpioPort& port;
    ~Done() {
      port.notifying_ = false;
      port.pending_changes_.clear();  // only non-empty if an observer threw
    }
  } done{*this};
  while (!pending_changes_.empty()) {
    Change change = pending_changes_.front();
    pending_changes_.pop_front();
    // By index and by copy: an observer may register another observer, which can reallocate
    // observers_ while the current one runs.
    if (change.duty_changed) {
      for (size_t i = 0; i < duty_observers_.size(); ++i) {
        auto observer = duty_observers_[i];
        observer(change.pin, change.duty);
      }
    }
    if (!change.level_changed) continue;
    for (size_t i = 0; i < observers_.size(); ++i) {
      auto observer = observers_[i];
      observer(change.pin, change.level);
    }
  }
}

}  // namespace devices
