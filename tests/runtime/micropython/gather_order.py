# gather() turns its arguments into tasks left to right: the first argument starts first.
import asyncio

async def f(name):
    print("start", name)
    await asyncio.sleep(0)
    print("end", name)
    return name

async def main():
    r = await asyncio.gather(f("a"), f("b"), f("c"))
    print(r)

asyncio.run(main())
