// SPDX-License-Identifier: GPL-2.0-or-later
// A push button wired to a GPIO pin: scenarios and the dashboard press it, firmware sees the pin
// level and its edges. On the board, B1 is active-low: it shorts a pulled-up pin to ground.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "devices/event_scheduler.h"
#include "devices/gpio_port.h"

namespace devices {

// Pressing drives the pin to the active level; releasing lets go of it entirely, so what the pin
// reads then is up to its pull. An active-low button therefore only reads 1 when released if the
// firmware enabled the pull-up, as on real hardware.
//
// Contact bounce (optional, per press or release): the contacts chatter before they settle -- the
// pin flips an even number of extra times (4 to 8) at instants spread over the bounce duration,
// then stays at the new level. The instants come from a generator seeded by the button's name and
// how often it was used, so a scenario replays the same chatter every run.
//
//   press(bounce 2ms):  pin ─┐ ┌┐ ┌─┐┌┐ ┌──── ... (falls, chatters for up to 2 ms, stays pressed)
//                            └─┘└─┘ └┘└─┘
class Button {
 public:
  // Throws std::out_of_range for a pin outside the port. `clock` is needed only for bounce.
  Button(std::string name, GpioPort& port, int pin, bool active_low = true, EventScheduler* clock = nullptr);
  ~Button();  // forgets chatter still scheduled
  Button(const Button&) = delete;
  Button& operator=(const Button&) = delete;

  // `bounce` > 0: chatter for up to that long (needs a clock). A new press or release cuts short
  // the chatter of the last one.
  void press(Nanoseconds bounce = 0);
  void release(Nanoseconds bounce = 0);
  bool pressed() const { return pressed_; }
  // Edges the pin saw from this button, chatter included (for tests and the dashboard).
  uint64_t transitions() const { return transitions_; }

  const std::string& name() const { return name_; }
  int pin() const { return pin_; }
  GpioPort& port() { return port_; }

 private:
  std::string name_;
  GpioPort& port_;
  int pin_;
  void set_contact(bool closed);
  void chatter(bool closed, Nanoseconds bounce);

  bool active_low_;
  EventScheduler* clock_;
  bool pressed_ = false;
  bool closed_ = false;  // what the contacts do this instant (differs from pressed_ while bouncing)
  uint64_t transitions_ = 0;
  uint64_t uses_ = 0;    // presses and releases so far: seeds each bounce
  std::vector<EventId> chatter_;
};

}  // namespace devices
