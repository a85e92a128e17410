// SPDX-License-Identifier: MIT
// 050-lock: two tasks share one resource (a three-line report on the console) with a Lock, held
// across awaits by a scoped guard -- the C++ form of `async with lock:`.
#include <cstdio>

#include "asyncio/asyncio.h"

namespace {

asyncio::Lock console_lock;

// Prints a report in three parts, sleeping between them: without the lock, two reports would mix.
asyncio::Coro<> reporter(const char* name, int reports) {
  for (int i = 1; i <= reports; ++i) {
    {
      auto held = co_await console_lock.scoped();  // suspends while the other task holds it
      std::printf("%s report %d: begin\n", name, i);
      co_await asyncio::sleep_ms(10);
      std::printf("%s report %d: middle\n", name, i);
      co_await asyncio::sleep_ms(10);
      std::printf("%s report %d: end\n", name, i);
    }  // released here, on any exit (an exception included)
    co_await asyncio::sleep_ms(1);
  }
}

asyncio::Coro<> main_task() {
  auto a = asyncio::create_task(reporter("A", 2), "A");
  auto b = asyncio::create_task(reporter("B", 2), "B");
  co_await a;
  co_await b;
  std::printf("lock: both done, locked() = %s\n", console_lock.locked() ? "true" : "false");
}

}  // namespace

int main() {
  std::puts("lock: two reporters share the console");
  asyncio::run(main_task());
  return 0;
}
