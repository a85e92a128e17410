# The default exception handler writes to stderr, nothing to stdout.
import asyncio

async def fail():
    raise ValueError("boom")

async def main():
    asyncio.create_task(fail())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("end")

asyncio.run(main())
