"""Scaling: the sum loop in 1, 2, 4, 8 threads and in as many processes."""


def crunch(n, tick):
    """Adds up squares: pure Python work that never waits, so it holds the GIL throughout."""
    total = 0
    chunk = 4096
    for start in range(0, n, chunk):
        for i in range(start, min(start + chunk, n)):
            total += i * i
        tick()  # notes the time on this thread's own clock
    return total


work = crunch
