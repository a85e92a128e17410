// A push button wired to a GPIO pin: scenarios and the dashboard press it, firmware sees the pin
// level and its edges. On the board, B1 is active-low: it shorts a pulled-up pin to ground.
#pragma once
#include <string>

#include "devices/gpio_port.h"

namespace devices {

// Pressing drives the pin to the active level; releasing lets go of it entirely, so what the pin
// reads then is up to its pull. An active-low button therefore only reads 1 when released if the
// firmware enabled the pull-up, as on real hardware.
class Button {
 public:
  // Throws std::out_of_range for a pin outside the port.
  Button(std::string name, GpioPort& port, int pin, bool active_low = true);

  void press();
  void release();
  bool pressed() const { return pressed_; }

  const std::string& name() const { return name_; }
  int pin() const { return pin_; }
  GpioPort& port() { return port_; }

 private:
  std::string name_;
  GpioPort& port_;
  int pin_;
  bool active_low_;
  bool pressed_ = false;
};

}  // namespace devices
