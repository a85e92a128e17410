#include "app.h"

#include <cstdio>

asyncio::Coro<> toggle_on_press(asyncio::ThreadSafeFlag& pressed, std::function<void(bool on)> set_led,
                                int presses) {
  bool on = false;
  for (int i = 0; presses == 0 || i < presses; ++i) {
    co_await pressed.wait();  // task context: suspends until the flag is set, then clears it
    on = !on;
    set_led(on);
    std::printf("pressed: LED1 %s\n", on ? "on" : "off");
  }
}
