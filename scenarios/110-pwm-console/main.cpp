// SPDX-License-Identifier: MIT
// 110-pwm-console: a console command sets LED1's brightness, and a timer interrupt fades it there.
// Three contexts share the work: a task reads lines from the UART (woken by its receive
// interrupt), a Timer callback steps the PWM duty every 10 ms (interrupt context), and a second
// task reports when the fade has arrived (woken by a ThreadSafeFlag the callback sets).
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "asyncio/asyncio.h"
#include "machine/pin.h"
#include "machine/pwm.h"
#include "machine/timer.h"
#include "machine/uart.h"

namespace {

machine::PWM* led;                    // LED1 on TIMER0 channel 0
std::atomic<int> target{0};           // percent: written by the console task, read by the callback
std::atomic<int> level{0};            // percent: written by the callback, read by tasks
asyncio::ThreadSafeFlag arrived;      // the callback reached the target

uint16_t duty_of(int percent) { return static_cast<uint16_t>(percent * 65535 / 100); }

// Interrupt context, every 10 ms (Timer(1)): one percent toward the target. Only register writes,
// atomics and ThreadSafeFlag::set() here.
void fade_step(machine::Timer&) {
  int now = level.load(std::memory_order_relaxed);
  int goal = target.load(std::memory_order_relaxed);
  if (now == goal) return;
  now += now < goal ? 1 : -1;
  level.store(now, std::memory_order_relaxed);
  led->duty_u16(duty_of(now));
  if (now == goal) arrived.set();
}

asyncio::Coro<> reporter() {
  for (;;) {
    co_await arrived.wait();
    std::printf("LED1 at %d%%\n", level.load());
  }
}

// "brightness 25" -> 25; anything else -> -1.
int parse_percent(const std::string& text) {
  char* end = nullptr;
  long v = std::strtol(text.c_str(), &end, 10);
  if (end == text.c_str() || *end != '\0' || v < 0 || v > 100) return -1;
  return static_cast<int>(v);
}

asyncio::Coro<> console_task(machine::UART& console) {
  for (;;) {
    std::string line = co_await console.readline();  // the task sleeps until a whole line is in
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.rfind("brightness ", 0) == 0) {
      int percent = parse_percent(line.substr(11));
      if (percent < 0) {
        std::puts("brightness takes a percentage, 0 to 100");
        continue;
      }
      target.store(percent);
      std::printf("fading LED1 to %d%%\n", percent);
      if (level.load() == percent) arrived.set();
    } else if (line == "status") {
      std::printf("LED1 at %d%%, target %d%%, %lu bytes lost\n", level.load(), target.load(),
                  static_cast<unsigned long>(console.overruns()));
    } else if (!line.empty()) {
      std::printf("unknown command: %s (try: brightness 0..100, status)\n", line.c_str());
    }
  }
}

asyncio::Coro<> main_task() {
  machine::UART console(0);
  asyncio::create_task(reporter(), "reporter");
  std::puts("pwm-console: type 'brightness 0..100' or 'status'");
  co_await console_task(console);
}

}  // namespace

int main() {
  machine::PWM pwm(machine::Pin("LED1"));
  pwm.freq(1000);
  pwm.duty_u16(0);
  led = &pwm;
  machine::Timer fade(1);
  fade.init({.mode = machine::Timer::PERIODIC, .period = 10, .callback = fade_step});
  asyncio::run(main_task());
}
