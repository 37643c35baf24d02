"""Convoy: an I/O thread answering short requests while a CPU thread holds the GIL."""
import time


def crunch(n, tick):
    """The CPU thread: pure Python, gives the GIL up only when the switch interval asks."""
    total = 0
    chunk = 4096
    for start in range(0, n, chunk):
        for i in range(start, min(start + chunk, n)):
            total += i * i
        tick()
    return total


def serve(requests, wait_s, tick):
    """The I/O thread: each request waits wait_s, then needs the GIL back to answer.

    Returns how long each answer took, in seconds: the wait, and whatever the GIL added."""
    took = []
    for _ in range(requests):
        tick()
        asked = time.perf_counter()
        time.sleep(wait_s)
        took.append(time.perf_counter() - asked)
        tick()
    return took
