// SPDX-License-Identifier: GPL-2.0-or-later
// The soak image: every virtual second one round of everything that allocates -- tasks created and
// finished, gather, wait_for timing out, an Event, a Lock under contention, a cancellation, and a
// TCP round trip to its own echo server over 127.0.0.1 -- forever. Memory must stay flat: the
// simulator's soak test reads the frame pool and the heap from outside after hours of this.
#include <malloc.h>

#include <cstdio>
#include <string>

#include "asyncio/asyncio.h"

namespace {

asyncio::Coro<int> nap(int ms) {
  co_await asyncio::sleep_ms(ms);
  co_return ms;
}

asyncio::Coro<> echo(asyncio::StreamPtr r, asyncio::StreamPtr w) {
  for (;;) {
    std::string line = co_await r->readline();
    if (line.empty()) break;
    w->write(line);
    co_await w->drain();
  }
  w->close();
}

asyncio::Coro<> one_round(uint16_t port, asyncio::Lock& lock) {
  auto [a, b, c] = co_await asyncio::gather(nap(1), nap(2), nap(3));
  if (a + b + c != 6) std::puts("soak: gather lost a result");

  asyncio::Event never;
  try {
    co_await asyncio::wait_for_ms([](asyncio::Event& e) -> asyncio::Coro<> { co_await e.wait(); }(never), 2);
  } catch (const asyncio::TimeoutError&) {
  }

  auto holder = asyncio::create_task([](asyncio::Lock& l) -> asyncio::Coro<> {
    auto held = co_await l.scoped();
    co_await asyncio::sleep_ms(1);
  }(lock));
  co_await asyncio::sleep_ms(0);
  {
    auto held = co_await lock.scoped();  // waits for the holder
  }
  co_await holder;

  auto doomed = asyncio::create_task(nap(1000));
  co_await asyncio::sleep_ms(0);
  doomed.cancel();
  try {
    co_await doomed;
  } catch (const asyncio::CancelledError&) {
  }

  auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", port);
  writer->write("ping\n");
  co_await writer->drain();
  std::string reply = co_await reader->readline();
  if (reply != "ping\n") std::puts("soak: the echo went wrong");
  writer->close();
}

asyncio::Coro<> main_task() {
  asyncio::Server server = co_await asyncio::start_server(echo, "127.0.0.1", 7);
  asyncio::Lock lock;
  for (unsigned round = 1;; ++round) {
    co_await one_round(server.port(), lock);
    // The heap's bytes in use (newlib's mallinfo): exact, where the break moves a page at a time.
    if (round % 600 == 0) std::printf("soak: %u rounds, heap in use %u\n", round, static_cast<unsigned>(mallinfo().uordblks));
    co_await asyncio::sleep_ms(1000);
  }
}

}  // namespace

int main() { asyncio::run(main_task()); }
