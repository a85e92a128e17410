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
          {board::gpio::IN, "IN", [this] { return levels_; }, nullptr},
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
      }) {}

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

void GpioPort::on_level_change(std::function<void(int pin, bool level)> observer) {
  observers_.push_back(std::move(observer));
}

uint32_t GpioPort::compute_levels() const {
  // Pull-down and "no pull" both read 0, so only the pull-up contributes ones to a floating pin.
  uint32_t floating = ~driven_ & pullup_;
  uint32_t input = (driven_ & driven_levels_) | floating;
  return ((dir_ & out_) | (~dir_ & input)) & kPinMask;
}

void GpioPort::set_irq_status(uint32_t status) {
  irq_status_ = status & kPinMask;
  irq_.drive(irq_status_ != 0);
}

void GpioPort::update_levels() {
  uint32_t now = compute_levels();
  uint32_t changed = now ^ levels_;
  if (changed == 0) return;
  levels_ = now;

  uint32_t rising = changed & now;
  uint32_t falling = changed & ~now;
  set_irq_status(irq_status_ | (rising & irq_rise_) | (falling & irq_fall_));

  for (int pin = 0; pin < kPinCount; ++pin)
    if (changed & (1u << pin)) pending_changes_.push_back({pin, ((now >> pin) & 1u) != 0});

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
    for (size_t i = 0; i < observers_.size(); ++i) {
      auto observer = observers_[i];
      observer(change.pin, change.level);
    }
  }
}

}  // namespace devices
