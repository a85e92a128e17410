#include "devices/button.h"

#include <fmt/format.h>

#include <stdexcept>

namespace devices {

Button::Button(std::string name, GpioPort& port, int pin, bool active_low)
    : name_(std::move(name)), port_(port), pin_(pin), active_low_(active_low) {
  if (pin < 0 || pin >= GpioPort::kPinCount)
    throw std::out_of_range(fmt::format("button {}: {} has no pin {}", name_, port.name(), pin));
}

void Button::press() {
  pressed_ = true;
  port_.drive_input(pin_, !active_low_);
}

void Button::release() {
  pressed_ = false;
  port_.release_input(pin_);
}

}  // namespace devices
