#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""CPython's asyncio doing the same work as asyncio_bench (the C++ runtime on the host), so the two
can be printed side by side from one run. Prints one JSON object; asyncio_bench reads it.

    python3 asyncio_bench.py [--quick]
"""
import asyncio
import json
import statistics
import sys
import threading
import time
import tracemalloc

QUICK = "--quick" in sys.argv


async def switches(tasks, rounds):
    async def yielder():
        for _ in range(rounds):
            await asyncio.sleep(0)

    ts = [asyncio.create_task(yielder()) for _ in range(tasks)]
    await asyncio.sleep(0)
    t0 = time.perf_counter()
    await asyncio.gather(*ts)
    return tasks * (rounds - 1) / (time.perf_counter() - t0)


async def event_ping_pong(rounds):
    ping, pong = asyncio.Event(), asyncio.Event()

    async def ponger():
        for _ in range(rounds):
            await ping.wait()
            ping.clear()
            pong.set()

    p = asyncio.create_task(ponger())
    await asyncio.sleep(0)
    t0 = time.perf_counter()
    for _ in range(rounds):
        ping.set()
        await pong.wait()
        pong.clear()
    elapsed = time.perf_counter() - t0
    await p
    return rounds / elapsed


async def cross_thread_round_trip(rounds):
    """A thread sets an event through call_soon_threadsafe (CPython's way to wake the loop from a
    thread); a task answers through a threading.Event. Median round trip in microseconds."""
    loop = asyncio.get_running_loop()
    request = asyncio.Event()
    reply = threading.Event()
    samples = []

    def peer():
        for _ in range(rounds):
            t0 = time.perf_counter()
            loop.call_soon_threadsafe(request.set)
            reply.wait()
            reply.clear()
            samples.append((time.perf_counter() - t0) * 1e6)

    thread = threading.Thread(target=peer)
    thread.start()
    for _ in range(rounds):
        await request.wait()
        request.clear()
        reply.set()
    thread.join()
    return statistics.median(samples)


async def bytes_per_task(tasks):
    async def sleeper():
        await asyncio.sleep(1000)

    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    ts = [asyncio.create_task(sleeper()) for _ in range(tasks)]
    await asyncio.sleep(0)
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    for t in ts:
        t.cancel()
    await asyncio.gather(*ts, return_exceptions=True)
    return (after - before) / tasks


async def main():
    scale = 10 if QUICK else 1
    result = {
        "switches_per_second_1_task": await switches(1, 200_000 // scale),
        "switches_per_second_10_tasks": await switches(10, 20_000 // scale),
        "switches_per_second_1000_tasks": await switches(1000, 200 // scale),
        "switches_per_second_100000_tasks": await switches(100_000, max(3, 4 // scale)),
        "event_round_trips_per_second": await event_ping_pong(100_000 // scale),
        "cross_thread_round_trip_us": await cross_thread_round_trip(2000 // scale),
        "bytes_per_task": await bytes_per_task(10_000 // scale),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    asyncio.run(main())
