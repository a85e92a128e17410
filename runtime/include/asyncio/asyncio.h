// SPDX-License-Identifier: MIT
// asyncio for C++: MicroPython's asyncio module, name for name, on C++20 coroutines.
//
//   #include <asyncio/asyncio.h>
//   asyncio::Coro<> main_task() { ... }
//   int main() { asyncio::run(main_task()); }
//
// Core: run, create_task, current_task, sleep, sleep_ms; wait_for, wait_for_ms, gather; Event,
// ThreadSafeFlag, Lock; open_connection, start_server, Stream, Server; Loop, get_event_loop,
// new_event_loop.
#pragma once
#include "asyncio/coro.h"
#include "asyncio/errors.h"
#include "asyncio/event.h"
#include "asyncio/gather.h"
#include "asyncio/lock.h"
#include "asyncio/wait_for.h"
#include "asyncio/loop.h"
#include "asyncio/sleep.h"
#include "asyncio/stream.h"
#include "asyncio/task.h"
#include "asyncio/thread_safe_flag.h"
#include "asyncio/time.h"
#include "asyncio/trace.h"
