# Lock.release() to a waiter: locked() is False until the waiter runs; no barging; release() again raises.
import asyncio

async def worker(lock, name):
    await lock.acquire()
    print(name, "got it, locked", lock.locked())
    await asyncio.sleep_ms(1)
    lock.release()
    print(name, "released, locked", lock.locked())

async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    w = asyncio.create_task(worker(lock, "W"))
    await asyncio.sleep_ms(1)  # W waits on the lock
    lock.release()  # handed to W, which has not run yet
    print("after release, locked", lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("second release:", e)
    late = asyncio.create_task(worker(lock, "L"))  # arrives during the hand-over
    await asyncio.sleep(0)
    print("after sleep(0), locked", lock.locked())
    await w
    await late
    print("end, locked", lock.locked())

asyncio.run(main())
