# Loop.stop(): run_forever() runs only the tasks already due when stop() was called.
import asyncio

async def spinner():
    n = 0
    while n < 50:  # bounded, so that a run_forever() that never stops still ends
        print("spin", n)
        n += 1
        await asyncio.sleep_ms(0)

async def late():
    print("late ran")

async def stopper():
    print("stop")
    loop = asyncio.get_event_loop()
    loop.stop()
    loop.create_task(late())  # created after stop(): not due when stop() was called
    print("after stop")
    await asyncio.sleep_ms(0)
    print("stopper resumed")
    loop.stop()

loop = asyncio.get_event_loop()
loop.create_task(spinner())
loop.create_task(stopper())
loop.run_forever()
print("returned")
loop.run_forever()
print("returned again")
