"""How late this machine wakes a timed wait of the switch interval, while a step runs beside it.

CPython's GIL hand-over rests on one timed wait: a thread that wants the GIL waits on a condition
for the switch interval and asks the holder to let go only when that wait times out. When the OS
wakes a 1 ms wait 10 ms late, the real interpreter's turns truly run 11 ms.

A process of its own, because any Python thread in the harness needs the harness's GIL to read its
clock after waking: a side thread there would take turns itself and measure the GIL, not the OS.
It waits on a lock nobody releases, with a timeout: the same kind of timed wait on the same
clock as the GIL's. It costs one interpreter start before the step (the step waits until it is
ready, so the start takes no core from the step) and microseconds of CPU a wait.

Run as `python -I timer_probe.py INTERVAL_MS`: writes "ready", waits timed waits until a line
"START_NS END_NS" (the step's span on the shared perf_counter clock) or the end of its input, then
writes one JSON line: how much longer than the interval each wait inside that span took (ns).
Without the line (the harness died and its end of the pipe closed) it just exits.
"""
import json
import sys
import threading
import time

# A bound on the probe's life whatever happens to the harness: every wait has a time limit.
LIFE_LIMIT_S = 1800


def main():
    interval_s = float(sys.argv[1]) / 1000
    interval_ns = int(interval_s * 1e9)
    ended = threading.Event()
    span = []

    def read_span():
        try:
            span.extend(int(x) for x in sys.stdin.readline().split()[:2])
        except (OSError, ValueError):
            pass
        ended.set()

    threading.Thread(target=read_span, daemon=True).start()
    never_released = threading.Lock()
    never_released.acquire()
    clock = time.perf_counter_ns
    waits = []
    limit = clock() + LIFE_LIMIT_S * 1_000_000_000
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while not ended.is_set():
        start = clock()
        if start > limit:
            return
        never_released.acquire(timeout=interval_s)
        waits.append((start, clock()))
    if len(span) != 2:
        return
    late = [end - start - interval_ns for start, end in waits if start >= span[0] and end <= span[1]]
    try:
        sys.stdout.write(json.dumps(late) + "\n")
        sys.stdout.flush()
    except (OSError, ValueError):
        pass  # the harness has gone: nobody to tell


if __name__ == "__main__":
    main()
