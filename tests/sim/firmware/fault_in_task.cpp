// SPDX-License-Identifier: GPL-2.0-or-later
// A task faults: the report names the asyncio task that was running.
#include <stdint.h>

#include "asyncio/asyncio.h"

asyncio::Coro<> careless() {
  co_await asyncio::sleep_ms(1);
  (void)*reinterpret_cast<volatile uint32_t*>(0x30000000);
}

asyncio::Coro<> main_task() { co_await asyncio::create_task(careless(), "careless reader"); }

int main() { asyncio::run(main_task()); }
