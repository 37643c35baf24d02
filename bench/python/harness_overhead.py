"""What the harness's clock costs the CPU loop it measures (issue 12: must stay under 5 %).

Times the cpu-bound lesson's own crunch() with the harness's real tick (a perf_counter_ns stamp
appended every 4096 iterations) against the same function with a tick that does nothing and against
a plain `for i in range(n): total += i * i` loop with no chunking at all. Best of several rounds,
in blocks of three per variant, on the thread's own CPU clock (time.thread_time), so a busy machine's other programs
do not land on one variant. Because the A/B difference is a fraction of a percent, well inside what
a shared machine's caches and frequency move, it also times the stamp itself (a million ticks) and
one chunk of the loop (4096 iterations): stamp cost / chunk cost is the overhead per chunk, the
figure the 5 % goal is checked on. Prints one JSON object.

Usage: python -I bench/python/harness_overhead.py [--n 3000000] [--rounds 7]
"""
import argparse
import json
import os
import sys
import time

HARNESS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python", "harness")
sys.path.insert(0, HARNESS)

import clock  # noqa: E402
import lessons  # noqa: E402


def plain(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def best(fn, rounds):
    times = []
    for _ in range(rounds):
        start = time.thread_time()
        fn()
        times.append(time.thread_time() - start)
    return min(times)


def empty_tick():
    """A tick of the harness's shape (a closure over a list's append and the clock) that stamps nothing."""
    stamps = []
    append = stamps.append
    now = time.perf_counter_ns

    def tick():
        pass

    return tick


def per_call_ns(fn, calls):
    """CPU ns of one call of fn, best of five batches."""
    def batch():
        for _ in range(calls):
            fn()
    return best(batch, 5) * 1e9 / calls


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=3_000_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    crunch = lessons.load("cpu-bound").crunch
    variants = {
        "plain": lambda: plain(args.n),
        "noTick": lambda: crunch(args.n, lambda: None),
        "emptyTick": lambda: crunch(args.n, empty_tick()),
        "harnessTick": lambda: crunch(args.n, clock.Stamps(1, 0, 0).tick_for(0)),
    }
    results = {name: [] for name in variants}
    for round_ in range(args.rounds):  # interleaved; the two ticks swap places every round, so neither always runs last
        order = ["plain", "noTick", "emptyTick", "harnessTick"] if round_ % 2 == 0 else ["plain", "harnessTick", "emptyTick", "noTick"]
        for name in order:
            # Three in a row, the first a warm-up: switching the tick passed in makes CPython 3.11+
            # re-specialise crunch's call site, a cost of alternating, not of the stamp.
            results[name].append(best(variants[name], 3))
    t = {name: min(times) for name, times in results.items()}
    # Paired per round: the two runs of a round are seconds apart, so a slow spell of the machine
    # lands on both; the median of the rounds' ratios is the overhead.
    def paired_pct(a, b):
        ratios = sorted(x / y for x, y in zip(results[a], results[b]))
        return (ratios[len(ratios) // 2] - 1) * 100
    chunk = 4096  # the lesson's chunk: one stamp per this many iterations
    stamp_ns = per_call_ns(clock.Stamps(1, 0, 0).tick_for(0), 1_000_000) - per_call_ns(lambda: None, 1_000_000)
    chunk_ns = best(lambda: crunch(chunk * 256, lambda: None), args.rounds) * 1e9 / 256
    print(json.dumps({
        "python": sys.version.split()[0],
        "n": args.n,
        "seconds": t,
        "stampNs": stamp_ns,
        "chunkNs": chunk_ns,
        "stampCostPct": max(0.0, stamp_ns) / chunk_ns * 100,
        # The harness's stamping against a tick of the same shape that does nothing: its own cost.
        "stampOverheadPct": paired_pct("harnessTick", "emptyTick"),
        # Against a bare lambda: the cost of calling any tick at all, which is the lesson's own code.
        "tickOverheadPct": paired_pct("harnessTick", "noTick"),
        "bestOfOverheadPct": (t["harnessTick"] / t["noTick"] - 1) * 100,
        "vsPlainLoopPct": (t["harnessTick"] / t["plain"] - 1) * 100,
    }))


if __name__ == "__main__":
    main()
