// SPDX-License-Identifier: MIT
// 070-gather: run several awaits at once and collect their results in argument order, however they
// finish; with return_exceptions, a failure sits in its place instead of raising.
#include <cstdio>
#include <stdexcept>

#include "asyncio/asyncio.h"

namespace {

asyncio::Coro<int> fetch(int id, int ms) {
  co_await asyncio::sleep_ms(ms);
  std::printf("fetch %d: done after %d ms\n", id, ms);
  if (id < 0) throw std::runtime_error("no such sensor");
  co_return id * 10;
}

asyncio::Coro<> main_task() {
  auto [a, b, c] = co_await asyncio::gather(fetch(1, 30), fetch(2, 10), fetch(3, 20));
  std::printf("gather: %d %d %d\n", a, b, c);  // argument order, not finishing order

  auto [x, y] = co_await asyncio::gather(asyncio::return_exceptions, fetch(4, 5), fetch(-1, 5));
  std::printf("with return_exceptions: %s %d, %s\n", x.ok() ? "ok" : "failed", x.ok() ? x.value() : 0,
              y.ok() ? "ok" : "failed");
  try {
    y.value();
  } catch (const std::runtime_error& e) {
    std::printf("the failure: %s\n", e.what());
  }
}

}  // namespace

int main() {
  asyncio::run(main_task());
  return 0;
}
