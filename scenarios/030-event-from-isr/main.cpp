// SPDX-License-Identifier: MIT
// 030-event-from-isr: why Event.set() must not be called from an interrupt handler, and the fix.
//
// A periodic interrupt (SysTick, standing in for a sensor's data-ready line) signals a waiting task.
// Phase 1 does it wrong: the handler calls Event.set(), which puts the waiting task on the loop's
// run queue -- a queue the interrupted code may be in the middle of changing. Sooner or later the
// interrupt lands inside such a change and a task falls out of the queue: it never runs again.
// Phase 2 does it right: the handler only sets a ThreadSafeFlag (a single store), and a task that
// owns the Event sets it in task context.
#include <cstdint>
#include <cstdio>

#include "asyncio/asyncio.h"
#include "board/memory_map.h"
#include "board/registers.h"

namespace {

asyncio::Event ready;
asyncio::ThreadSafeFlag ready_flag;
volatile bool use_flag = false;       // phase 2
volatile uint32_t interrupts = 0;     // signals sent by the handler
volatile uint32_t handled = 0;        // signals the waiting task saw
volatile uint32_t busy_rounds = 0;    // the other task's progress

volatile uint32_t& scs(uint32_t offset) { return *reinterpret_cast<volatile uint32_t*>(board::kScsBase + offset); }

}  // namespace

// Interrupt context.
extern "C" void SysTick_Handler() {
  interrupts = interrupts + 1;
  if (use_flag)
    ready_flag.set();  // right: a single store, safe at any instant
  else
    ready.set();       // WRONG: changes the run queue under the interrupted task's feet
}

namespace {

asyncio::Coro<> waiter() {
  for (;;) {
    co_await ready.wait();
    ready.clear();
    handled = handled + 1;
  }
}

// Keeps the run queue busy, as any firmware with a few tasks does.
asyncio::Coro<> busy() {
  for (;;) {
    busy_rounds = busy_rounds + 1;
    co_await asyncio::sleep_ms(0);
  }
}

// Phase 2's owner of the Event: turns the interrupt-safe flag into an Event.set() in task context.
asyncio::Coro<> flag_to_event() {
  for (;;) {
    co_await ready_flag.wait();
    ready.set();
  }
}

void start_interrupts() {
  scs(board::scs::SYST_RVR) = 1499;  // every 1500 cycles: about 23 us at 64 MHz
  scs(board::scs::SYST_CVR) = 0;
  scs(board::scs::SYST_CSR) = 0x7;   // enable, interrupt, core clock
}

// Watches both tasks for 50 ms of virtual time: does each keep making progress?
asyncio::Coro<bool> all_alive() {
  uint32_t h = handled, b = busy_rounds;
  co_await asyncio::sleep_ms(50);
  co_return handled != h && busy_rounds != b;
}

asyncio::Coro<> lesson() {
  std::puts("phase 1: the interrupt handler calls Event.set()");
  auto w = asyncio::create_task(waiter(), "waiter");
  auto b = asyncio::create_task(busy(), "busy");
  start_interrupts();
  for (int round = 1; round <= 40; ++round) {
    bool alive = co_await all_alive();
    if (!alive) {
      std::printf("phase 1: after %lu interrupts a task stopped running: waiter has seen %lu, state %s; busy: %lu rounds, "
                  "state %s\n",
                  static_cast<unsigned long>(interrupts), static_cast<unsigned long>(handled),
                  asyncio::to_string(w.state()), static_cast<unsigned long>(busy_rounds), asyncio::to_string(b.state()));
      std::puts("phase 1: the run queue lost a task -- Event.set() is for task context only");
      break;
    }
    if (round == 40) std::puts("phase 1: no corruption seen this time (it is a race: it may take longer)");
  }
  scs(board::scs::SYST_CSR) = 0;
  use_flag = true;
  std::puts("phase 2: the handler sets a ThreadSafeFlag, a task sets the Event");
  // The lost task cannot be recovered (the queue no longer knows it): start fresh ones.
  asyncio::create_task(waiter(), "waiter2");
  asyncio::create_task(busy(), "busy2");
  asyncio::create_task(flag_to_event(), "flag-to-event");
  uint32_t before = interrupts;
  start_interrupts();
  bool alive = true;
  for (int round = 0; round < 5 && alive; ++round) alive = co_await all_alive();
  scs(board::scs::SYST_CSR) = 0;
  std::printf("phase 2: %lu interrupts in 250 ms, every task still running: %s\n",
              static_cast<unsigned long>(interrupts - before), alive ? "yes" : "NO");
}

}  // namespace

int main() {
  asyncio::run(lesson());
  return 0;
}
