"""How real CPython hands its GIL around: hold lengths and hand-over gaps at several switch intervals.

Each of N threads spins on time.perf_counter() and notes every moment its clock jumped: it was
off the CPU in between. Put in time order, a thread's stretches up to the next thread's first
stretch are one hold; the gap from one holder's last reading to the next holder's first is the
hand-over (drop -> next holder running), to within one loop iteration (well under a microsecond).

Prints one JSON object: per interval, the holds and hand-overs in milliseconds.
"""

import argparse
import json
import sys
import threading
import time

# A gap longer than this in a thread's own readings means it lost the GIL (one loop turn is ~0.1 us).
GAP_S = 50e-6


def spin(seconds: float, barrier: threading.Barrier, out: list) -> None:
    clock = time.perf_counter
    barrier.wait()
    start = last = clock()
    runs = []
    run_start = start
    while last - start < seconds:
        now = clock()
        if now - last > GAP_S:
            runs.append((run_start, last))
            run_start = now
        last = now
    runs.append((run_start, last))
    out.extend(runs)


def measure(interval_ms: float, threads: int, seconds: float) -> dict:
    sys.setswitchinterval(interval_ms / 1000)
    barrier = threading.Barrier(threads)
    per_thread = [[] for _ in range(threads)]
    pool = [threading.Thread(target=spin, args=(seconds, barrier, per_thread[i])) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    # A jump in one thread's clock is a lost GIL only if another thread ran meanwhile; otherwise
    # the OS preempted the holder, which kept the GIL. So merge a thread's consecutive stretches.
    runs = sorted((s, e, i) for i, stretches in enumerate(per_thread) for (s, e) in stretches)
    merged = []
    for s, e, i in runs:
        if merged and merged[-1][2] == i:
            merged[-1] = (merged[-1][0], e, i)
        else:
            merged.append((s, e, i))
    # The first and last hold are cut by the start and the end of the loop.
    holds = merged[1:-1]
    handoffs = [(b[0] - a[1]) * 1000 for a, b in zip(merged, merged[1:])]
    span = merged[-1][1] - merged[0][0]
    return {"intervalMs": interval_ms, "spanS": span, "holdsMs": [(e - s) * 1000 for (s, e, _) in holds], "handoffsMs": handoffs}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--intervals", default="1,5,20")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=1.0, help="how long each thread spins")
    args = parser.parse_args()
    measure(5, args.threads, 0.2)  # warm-up
    results = [measure(float(ms), args.threads, args.seconds) for ms in args.intervals.split(",")]
    print(json.dumps({"python": sys.version.split()[0], "threads": args.threads, "results": results}))


if __name__ == "__main__":
    main()
