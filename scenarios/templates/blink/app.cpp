#include "app.h"

asyncio::Coro<> blink(std::function<void(bool on)> set_led, int period_ms, int times) {
  bool on = false;
  for (int i = 0; times == 0 || i < times; ++i) {
    on = !on;
    set_led(on);
    co_await asyncio::sleep_ms(period_ms / 2);  // other tasks run meanwhile; the CPU sleeps if none
  }
}
