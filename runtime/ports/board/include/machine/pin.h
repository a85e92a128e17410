// machine::Pin: a GPIO pin of the board, after MicroPython's machine.Pin.
//
//   machine::Pin led(board::kLed1Pin, machine::Pin::OUT);
//   machine::Pin button(board::kButtonB1Pin, machine::Pin::IN, machine::Pin::PULL_UP);
//   button.irq(on_press, machine::Pin::IRQ_FALLING);   // on_press runs in interrupt context
//
// The first cut covers port A (the board's button and LEDs); the peripherals issue adds ports,
// names such as Pin("P1") and the rest of the API.
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
