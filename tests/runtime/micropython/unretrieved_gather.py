# A failed task gathered during its deferral round is still reported (gather does not mark it awaited).
import asyncio

def handler(loop, context):
    print("handler:", context["message"], context["exception"])

async def fail(what):
    raise ValueError(what)

async def main():
    asyncio.get_event_loop().set_exception_handler(handler)
    t = asyncio.create_task(fail("gathered"))
    await asyncio.sleep(0)  # t fails
    try:
        await asyncio.gather(t)
    except ValueError as e:
        print("gather raised", e)
    await asyncio.sleep(0)
    print("end")

asyncio.run(main())
