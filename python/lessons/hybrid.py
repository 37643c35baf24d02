"""Hybrid pipeline: fetch (I/O), process (CPU), store (I/O)."""
import asyncio
import time


def fetch(seconds):
    time.sleep(seconds)  # a download: the GIL is released while waiting
    return seconds


def process(n):
    total = 0
    for i in range(n):
        total += i * i  # pure Python: holds the GIL
    return total


def store(seconds):
    time.sleep(seconds)  # a write: the GIL is released while waiting


# The seeds' own recommendation: asyncio for the I/O, a ProcessPoolExecutor for the CPU.

async def fetch_async(seconds):
    await asyncio.sleep(seconds)  # the loop waits in select(): the GIL is released
    return seconds


async def store_async(seconds):
    await asyncio.sleep(seconds)


async def handle_async(pool, work, io_seconds, n):
    """One item on the event loop; `work` (process, as the pool's workers can import it) runs
    in the pool, and the loop serves the other items while it waits for the result."""
    loop = asyncio.get_running_loop()
    await fetch_async(io_seconds)
    total = await loop.run_in_executor(pool, work, n)
    await store_async(io_seconds)
    return total


async def handle_all(pool, work, items, io_seconds, n):
    return await asyncio.gather(*(handle_async(pool, work, io_seconds, n) for _ in range(items)))
