// SPDX-License-Identifier: GPL-2.0-or-later
// A 16-pin GPIO port (GPIOA on the board): direction, output latch, pulls, edge interrupts and
// alternate functions (a peripheral output, such as a timer's PWM channel, driving the pin), plus
// the external side a Button drives and an Led watches.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "devices/irq_line.h"
#include "devices/register_map.h"

namespace devices {

// A pin's level is derived, never stored per cause, so every cause of change goes through one
// place (update_levels) that finds the edges, latches IRQ_STATUS and tells the observers:
//
//   ALT bit 1, alternate function connected ... what the peripheral drives (see below)
//   DIR bit 1 (output) ........................ OUT bit
//   DIR bit 0 (input), driven externally ...... the external level
//   DIR bit 0, undriven, PULLUP bit ........... 1   (pull-up wins if both pulls are set)
//   DIR bit 0, undriven, PULLDOWN bit ......... 0
//   DIR bit 0, undriven, no pull .............. 0   (a floating pin reads low in this model)
//
// An external drive on an output pin is remembered but has no effect until the pin becomes an
// input again: the output driver wins.
//
// A peripheral drives a pin through its alternate function with a duty: 0 (low), 1 (high), or in
// between for a PWM waveform -- the fraction of each period it is high. A fast waveform is not
// simulated edge by edge: the pin's level for observers and edge interrupts is "high while the duty
// is above 0", its duty goes to duty observers (an Led shows it as brightness), and IN reads the
// instantaneous level, which the peripheral computes from virtual time when asked.
class GpioPort {
 public:
  static constexpr int kPinCount = 16;

  explicit GpioPort(std::string name);
  // The register table captures `this`: the port stays where it was built.
  GpioPort(const GpioPort&) = delete;
  GpioPort& operator=(const GpioPort&) = delete;

  const std::string& name() const { return name_; }
  RegisterMap& registers() { return registers_; }
  const RegisterMap& registers() const { return registers_; }
  // High while any IRQ_STATUS bit is set.
  IrqLine& irq() { return irq_; }
  const IrqLine& irq() const { return irq_; }

  // The outside world's side of the pins (a button, a jumper). Throw std::out_of_range for a
  // pin outside 0..15.
  void drive_input(int pin, bool level);
  void release_input(int pin);  // the pin floats to its pull
  bool pin_level(int pin) const;
  uint32_t levels() const { return levels_; }  // bit n = pin n; IN, except PWM pins (instantaneous there)
  // 0 or 1 for a steady pin; for a pin driven by a PWM alternate function, its duty cycle.
  double pin_duty(int pin) const;

  // Board wiring: the peripheral output that drives `pin` while its ALT bit is set, and how to
  // read that output's level at this instant (for IN). One source per pin.
  void connect_alternate(int pin, std::function<bool()> level_now);
  // The source's duty changed (0 low, 1 high, in between a PWM waveform's high fraction).
  void drive_alternate(int pin, double duty);

  // Called once per pin whose level actually changes, whatever the cause (register write,
  // external drive), after IRQ_STATUS and the IRQ line are updated. Several observers may be
  // registered; they run in registration order. An observer may itself change pins: those
  // changes are delivered after the current one, so every observer sees changes in order.
  void on_level_change(std::function<void(int pin, bool level)> observer);
  // Called once per pin whose duty changes (a steady pin's duty is 0 or 1, so every level change
  // is also a duty change). For each change, duty observers run before level observers, so a level
  // observer already sees LEDs updated.
  void on_duty_change(std::function<void(int pin, double duty)> observer);

 private:
  static constexpr uint32_t kPinMask = (1u << kPinCount) - 1;

  void check_pin(int pin) const;
  uint32_t compute_levels() const;
  double compute_duty(int pin, uint32_t levels) const;
  uint32_t alternate_pins() const { return alt_ & alt_connected_; }
  uint32_t read_in() const;
  void update_levels();
  void set_irq_status(uint32_t status);

  std::string name_;
  // Register state; all masked to kPinMask.
  uint32_t dir_ = 0;
  uint32_t out_ = 0;
  uint32_t pullup_ = 0;
  uint32_t pulldown_ = 0;
  uint32_t irq_rise_ = 0;
  uint32_t irq_fall_ = 0;
  uint32_t irq_status_ = 0;
  // External side.
  uint32_t driven_ = 0;         // 1 = something outside drives the pin
  uint32_t driven_levels_ = 0;  // the level it drives (meaningful where driven_ is 1)

  // Alternate functions.
  uint32_t alt_ = 0;            // the ALT register
  uint32_t alt_connected_ = 0;  // pins that have a source wired
  std::function<bool()> alt_level_now_[kPinCount];
  double alt_duty_[kPinCount] = {};

  uint32_t levels_ = 0;  // last computed levels, to find what changed
  double duties_[kPinCount] = {};  // likewise for duties

  struct Change {
    int pin;
    bool level;
    double duty;
    bool level_changed;
    bool duty_changed;
  };
  std::vector<std::function<void(int, bool)>> observers_;
  std::vector<std::function<void(int, double)>> duty_observers_;
  std::deque<Change> pending_changes_;
  bool notifying_ = false;

  IrqLine irq_;
  RegisterMap registers_;
};

}  // namespace devices
