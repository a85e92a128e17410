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
      lit_(port.pin_level(pin) == active_high),
      alive_(std::make_shared<Led*>(this)) {
  port.on_level_change([weak = std::weak_ptr<Led*>(alive_), pin](int changed_pin, bool level) {
    if (changed_pin != pin) return;
    if (auto led = weak.lock()) (*led)->on_level(level);
  });
}

void Led::on_level(bool level) {
  bool lit = level == active_high_;
  if (lit == lit_) return;
  lit_ = lit;
  history_.push_back({clock_.now_ns(), lit});
}

}  // namespace devices
