// A 16-pin GPIO port (GPIOA on the board): direction, output latch, pulls and edge interrupts,
// plus the external side a Button drives and an Led watches.
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
//   DIR bit 1 (output) ........................ OUT bit
//   DIR bit 0 (input), driven externally ...... the external level
//   DIR bit 0, undriven, PULLUP bit ........... 1   (pull-up wins if both pulls are set)
//   DIR bit 0, undriven, PULLDOWN bit ......... 0
//   DIR bit 0, undriven, no pull .............. 0   (a floating pin reads low in this model)
//
// An external drive on an output pin is remembered but has no effect until the pin becomes an
// input again: the output driver wins.
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
  uint32_t levels() const { return levels_; }  // bit n = pin n; what IN reads

  // Called once per pin whose level actually changes, whatever the cause (register write,
  // external drive), after IRQ_STATUS and the IRQ line are updated. Several observers may be
  // registered; they run in registration order. An observer may itself change pins: those
  // changes are delivered after the current one, so every observer sees changes in order.
  void on_level_change(std::function<void(int pin, bool level)> observer);

 private:
  static constexpr uint32_t kPinMask = (1u << kPinCount) - 1;

  void check_pin(int pin) const;
  uint32_t compute_levels() const;
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

  uint32_t levels_ = 0;  // last computed levels, to find what changed

  struct Change {
    int pin;
    bool level;
  };
  std::vector<std::function<void(int, bool)>> observers_;
  std::deque<Change> pending_changes_;
  bool notifying_ = false;

  IrqLine irq_;
  RegisterMap registers_;
};

}  // namespace devices
