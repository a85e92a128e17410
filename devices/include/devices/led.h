// SPDX-License-Identifier: GPL-2.0-or-later
// An LED on a GPIO pin: shows whether it is lit and how bright, and keeps a timestamped history of
// every on/off change, so scenarios can check blink periods and the dashboard can draw it.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "devices/event_scheduler.h"
#include "devices/gpio_port.h"

namespace devices {

// Lit-ness follows the pin level whatever drives it (OUT on an output pin, or a pull on an input
// pin), inverted for an LED wired active-low. The history records changes only, not the state at
// construction: lit() gives that.
//
// Brightness is the fraction of time the LED is on: 1 or 0 on a steady pin, the duty cycle (or 1
// minus it, active-low) on a pin a PWM timer drives faster than the eye follows. An LED dimmed to
// any brightness above 0 counts as lit.
class Led {
 public:
  struct Edge {
    Nanoseconds at;  // virtual time of the change, from the clock given at construction
    bool lit;        // the state it changed to
  };

  // Throws std::out_of_range for a pin outside the port. The clock must outlive the Led; the
  // Led may die before the port (its observer then does nothing).
  Led(std::string name, GpioPort& port, int pin, const EventScheduler& clock, bool active_high = true);
  // The port's observer refers to this Led: it stays where it was built.
  Led(const Led&) = delete;
  Led& operator=(const Led&) = delete;

  bool lit() const { return lit_; }
  double brightness() const { return brightness_; }  // 0 .. 1
  const std::string& name() const { return name_; }
  int pin() const { return pin_; }
  const std::vector<Edge>& history() const { return history_; }

 private:
  void on_duty(double duty);

  std::string name_;
  int pin_;
  const EventScheduler& clock_;
  bool active_high_;
  double brightness_;
  bool lit_;
  std::vector<Edge> history_;
  // The port cannot forget an observer; the observer holds a weak reference to this token and
  // stops calling into the Led once it is gone.
  std::shared_ptr<Led*> alive_;
};

}  // namespace devices
