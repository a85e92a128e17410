// SPDX-License-Identifier: MIT
// machine::Pin: a GPIO pin of the board, after MicroPython's machine.Pin.
//
//   machine::Pin led(board::kLed1Pin, machine::Pin::OUT);
//   machine::Pin button(board::kButtonB1Pin, machine::Pin::IN, machine::Pin::PULL_UP);
//   button.irq(on_press, machine::Pin::IRQ_FALLING);   // on_press runs in interrupt context
//   machine::Pin led2("LED2", machine::Pin::OUT);      // by name: "LED1", "LED2", "B1", "PA0" .. "PA15"
//   machine::PWM dim(machine::Pin("LED1"));            // a name alone leaves the pin as it is
//
// The first cut covers port A (the board's button and LEDs); the peripherals issue adds ports and
// the rest of the API.
#pragma once
#include <stdint.h>

namespace machine {

class Pin {
 public:
  enum Mode : uint8_t { IN, OUT };
  enum Pull : uint8_t { PULL_NONE, PULL_UP, PULL_DOWN };
  enum Trigger : uint8_t { IRQ_RISING = 1, IRQ_FALLING = 2 };
  using Handler = void (*)(Pin&);

  Pin(int id, Mode mode, Pull pull = PULL_NONE);
  // By the board's name for it; throws std::invalid_argument for a name the board lacks.
  explicit Pin(const char* name);
  Pin(const char* name, Mode mode, Pull pull = PULL_NONE);
  // The GPIOA pin number of a name ("LED1", "B1", "PA7"), or -1.
  static int find(const char* name);

  void on();
  void off();
  void toggle();
  int value() const;
  void value(int v) { v ? on() : off(); }

  // Calls `handler` from the GPIO interrupt on the given edges (IRQ_RISING | IRQ_FALLING).
  // Interrupt context: the handler may only do interrupt-safe things, such as ThreadSafeFlag::set().
  void irq(Handler handler, uint8_t trigger);

  int id() const { return id_; }

 private:
  int id_;
};

}  // namespace machine
