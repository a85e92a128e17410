// @NAME@ on the board: LED1 blinks once a second.
#include <cstdio>

#include "app.h"
#include "board/memory_map.h"
#include "machine/pin.h"

int main() {
  machine::Pin led(board::kLed1Pin, machine::Pin::OUT);
  std::puts("@NAME@: blinking LED1");
  asyncio::run(blink([&led](bool on) { led.value(on); }, 1000));
}
