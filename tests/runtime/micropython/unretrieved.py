# The "Task exception wasn't retrieved" handler: deferred one round, skipped when awaited meanwhile.
import asyncio

def handler(loop, context):
    print("handler:", context["message"], context["exception"])

async def fail(what):
    raise ValueError(what)

async def main():
    asyncio.get_event_loop().set_exception_handler(handler)
    t = asyncio.create_task(fail("awaited"))
    await asyncio.sleep(0)  # t runs and fails here, nobody awaiting it yet
    print("t done", t.done())
    try:
        await t
    except ValueError as e:
        print("caught", e)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    u = asyncio.create_task(fail("orphan"))
    await asyncio.sleep(0)  # u fails
    print("u done", u.done())
    await asyncio.sleep(0)  # u's next turn: the handler
    print("end")

asyncio.run(main())
