// SPDX-License-Identifier: MIT
// 1000 tasks for the dashboard's figures (`asyncboard gui --bench`): a crowd the tasks table and
// the timeline must stay fast with. Most tasks yield with sleep_ms(0) -- the loop switches as fast
// as it can, so the trace port reports millions of events a second (the dashboard's worst case) --
// and every tenth sleeps a few milliseconds, so states other than `ready`/`running` show too. B1
// still wakes a watcher through a ThreadSafeFlag, as in 020-button-flag.
#include <cstdio>

#include "asyncio/asyncio.h"
#include "board/memory_map.h"
#include "machine/pin.h"

namespace {

constexpr int kTasks = 1000;
char names[kTasks][8];  // create_task keeps the pointer: the names must outlive the tasks
asyncio::ThreadSafeFlag pressed;

void on_button(machine::Pin&) { pressed.set(); }

asyncio::Coro<> worker(int i) {
  for (;;) co_await asyncio::sleep_ms(i % 10 == 0 ? 1 + i % 7 : 0);
}

asyncio::Coro<> watcher(machine::Pin& led) {
  for (;;) {
    co_await pressed.wait();
    led.toggle();
  }
}

asyncio::Coro<> main_task(machine::Pin& led) {
  for (int i = 0; i < kTasks; ++i) {
    std::snprintf(names[i], sizeof names[i], "w%03d", i);
    asyncio::create_task(worker(i), names[i]);
  }
  std::puts("many-tasks: 1000 workers started; B1 toggles LED1");
  co_await watcher(led);
}

}  // namespace

int main() {
  machine::Pin led(board::kLed1Pin, machine::Pin::OUT);
  machine::Pin button(board::kButtonB1Pin, machine::Pin::IN, machine::Pin::PULL_UP);
  button.irq(on_button, machine::Pin::IRQ_FALLING);
  asyncio::run(main_task(led));
}
