// asyncio for C++: MicroPython's asyncio module, name for name, on C++20 coroutines.
//
//   #include <asyncio/asyncio.h>
//   asyncio::Coro<> main_task() { ... }
//   int main() { asyncio::run(main_task()); }
//
// Core: run, create_task, current_task, sleep, sleep_ms; ThreadSafeFlag; Loop and get_event_loop.
#pragma once
#include "asyncio/coro.h"
#include "asyncio/errors.h"
#include "asyncio/loop.h"
#include "asyncio/sleep.h"
#include "asyncio/task.h"
#include "asyncio/thread_safe_flag.h"
