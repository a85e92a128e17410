// SPDX-License-Identifier: GPL-2.0-or-later
#include "devices/led.h"

#include <fmt/format.h>

#include <stdexcept>

namespace devices {

static int checked_pin(const std::string& name, const GpioPort& port, int pin) {
  if (pin < 0 || pin >= GpioPort::kPinCount)
    throw std::out_of_range(fmt::format("LED {}: {} has no pin {}", name, port.name(), pin));
  return pin;
}

Led::Led(std::string name, GpioPort& port, int pin, const EventScheduler& clock, bool active_high)
    : name_(std::move(name)),
      pin_(checked_pin(name_, port, pin)),
      clock_(clock),
      active_high_(active_high),
      brightness_(active_high ? port.pin_duty(pin) : 1.0 - port.pin_duty(pin)),
      lit_(brightness_ > 0),
      alive_(std::make_shared<Led*>(this)) {
  port.on_duty_change([weak = std::weak_ptr<Led*>(alive_), pin](int changed_pin, double duty) {
    if (changed_pin != pin) return;
    if (auto led = weak.lock()) (*led)->on_duty(duty);
  });
}

void Led::on_duty(double duty) {
  brightness_ = active_high_ ? duty : 1.0 - duty;
  bool lit = brightness_ > 0;
  if (lit == lit_) return;
  lit_ = lit;
  history_.push_back({clock_.now_ns(), lit});
}

}  // namespace devices
