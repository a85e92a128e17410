// SPDX-License-Identifier: GPL-2.0-or-later
// An interrupt storm against ThreadSafeFlag: the simulator pends spare lines 20..23 at seeded
// random instants (test_irq_storm.cpp); each handler counts its set and sets its line's flag, and
// one task per flag counts its wakes and remembers how many sets it has seen. A fifth task sleeps and
// computes in between so interrupts land everywhere: in tasks, in the loop, between its last check and
// WFI. When the simulator pends line 24 the storm is over: once every task has caught up, each line's
// figures are printed and the image exits 0 if no set was lost (every set followed by a wake) and
// the sets coalesced rather than multiplied (never more wakes than sets).
#include <cstdio>

#include "asyncio/asyncio.h"
#include "nvic_access.h"

namespace {

constexpr int kFlags = 4;
constexpr int kFirstLine = 20;
constexpr int kEndLine = 24;

asyncio::ThreadSafeFlag flags[kFlags];
volatile uint32_t sets[kFlags];
uint32_t wakes[kFlags], seen[kFlags], early[kFlags];
asyncio::ThreadSafeFlag storm_over;

template <int I>
void on_line() {
  sets[I] = sets[I] + 1;
  flags[I].set();
}

asyncio::Coro<> waiter(int i) {
  for (;;) {
    co_await flags[i].wait();
    uint32_t now = sets[i];
    ++wakes[i];
    // Nothing new since the last wake: a set that landed after the flag was cleared for that wake but
    // before the task read the count -- it was seen then, and its flag state woke us now. Legitimate.
    if (now == seen[i]) ++early[i];
    seen[i] = now;
  }
}

asyncio::Coro<> busy() {
  uint32_t x = 1;
  for (;;) {
    for (int k = 0; k < 200; ++k) x = x * 1103515245u + 12345u;  // a few hundred cycles in a task
    co_await asyncio::sleep_ms(x % 3);                            // then idle, or just yield
  }
}

asyncio::Coro<> main_task() {
  for (int i = 0; i < kFlags; ++i) asyncio::create_task(waiter(i), "waiter");
  asyncio::create_task(busy(), "busy");
  co_await storm_over.wait();
  co_await asyncio::sleep_ms(1);  // every waiter runs before this task does again
  bool ok = true;
  for (int i = 0; i < kFlags; ++i) {
    bool lost = seen[i] != sets[i];
    bool excess = wakes[i] > sets[i];
    ok = ok && !lost && !excess;
    std::printf("line %d: %lu sets, %lu wakes (%lu seen early), %s\n", kFirstLine + i,
                static_cast<unsigned long>(sets[i]), static_cast<unsigned long>(wakes[i]),
                static_cast<unsigned long>(early[i]),
                lost ? "LOST A SET" : excess ? "MORE WAKES THAN SETS" : "every set seen");
  }
  std::printf("storm: %s\n", ok ? "ok" : "FAILED");
  std::fflush(stdout);
  std::exit(ok ? 0 : 1);
}

}  // namespace

extern "C" void IRQ20_Handler() { on_line<0>(); }
extern "C" void IRQ21_Handler() { on_line<1>(); }
extern "C" void IRQ22_Handler() { on_line<2>(); }
extern "C" void IRQ23_Handler() { on_line<3>(); }
extern "C" void IRQ24_Handler() { storm_over.set(); }

int main() {
  for (int line = kFirstLine; line <= kEndLine; ++line) irq_enable(line);
  asyncio::run(main_task());
}
