"""I/O-bound: a little Python work, then a blocking wait that releases the GIL."""
import time


def fetch(seconds, tick):
    """Stands in for a network call: time.sleep() releases the GIL while it waits."""
    tick()
    time.sleep(seconds)
    tick()


work = fetch
