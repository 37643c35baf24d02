"""Free-threading (python3.13t, python3.14t): the same sum loop in threads, with no GIL to share."""
import sys


def gil_enabled():
    """False on a free-threaded build running without its GIL (3.13+)."""
    check = getattr(sys, "_is_gil_enabled", None)
    return bool(check()) if check else True


def crunch(n, tick):
    """Adds up squares: with no GIL, each thread runs on a core of its own."""
    total = 0
    chunk = 4096
    for start in range(0, n, chunk):
        for i in range(start, min(start + chunk, n)):
            total += i * i
        tick()  # notes the time on this thread's own clock
    return total


work = crunch
