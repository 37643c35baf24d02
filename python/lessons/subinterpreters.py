"""Subinterpreters (Python 3.14+): one process, an interpreter per worker, each with its own GIL.

The harness runs `crunch` inside interpreters made with concurrent.interpreters (PEP 734): the
function's source is run in each, since no object is shared between interpreters.
"""


def crunch(n, tick):
    """Adds up squares: pure Python work that never waits, so it holds its interpreter's GIL."""
    total = 0
    chunk = 4096
    for start in range(0, n, chunk):
        for i in range(start, min(start + chunk, n)):
            total += i * i
        tick()  # notes the time on this thread's own clock
    return total


def run_on_interpreters(n, workers):
    """What the lesson page shows: an InterpreterPoolExecutor, one interpreter per worker."""
    from concurrent.futures import InterpreterPoolExecutor

    with InterpreterPoolExecutor(workers) as pool:
        return list(pool.map(_crunch_quietly, [n] * workers))


def _crunch_quietly(n):
    return crunch(n, lambda: None)


work = crunch
