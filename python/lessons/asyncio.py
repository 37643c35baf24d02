"""asyncio: one thread, many waits on one event loop."""
import asyncio


async def fetch(seconds):
    """One request: await releases the loop to the other coroutines while it waits."""
    await asyncio.sleep(seconds)


async def many(count, seconds):
    await asyncio.gather(*(fetch(seconds) for _ in range(count)))


def crunch(n):
    """CPU work inside a coroutine blocks the loop: nothing else runs meanwhile."""
    return sum(i * i for i in range(n))


async def crunch_async(n):
    """A coroutine that only computes: it never awaits, so the loop runs nothing else until it returns."""
    return crunch(n)


async def crunch_all(count, n):
    return await asyncio.gather(*(crunch_async(n) for _ in range(count)))
