"""counter += 1 is not safe under the GIL: a read, a call, a write; a switch between them loses updates."""
import threading

counter = 0
lock = threading.Lock()
TICK_EVERY = 1024  # about a tenth of a millisecond of this loop
TICK_EVERY_LOCKED = 64  # a contended lock makes each turn of the loop some 20x longer


def bump(value):
    return value + 1  # a call: CPython checks for a switch request here


def count_up(times, tick):
    global counter
    for i in range(times):
        seen = counter  # read
        counter = bump(seen)  # write back: stale if another thread ran in between
        if i % TICK_EVERY == 0:
            tick()  # notes the time on this thread's own clock


def count_up_locked(times, tick):
    global counter
    for i in range(times):
        with lock:  # the fix: nobody else reads until this write is done
            seen = counter
            counter = bump(seen)
        if i % TICK_EVERY_LOCKED == 0:
            tick()


work = count_up
