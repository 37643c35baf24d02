"""What the harness's clock costs the CPU loop it measures (issue 12: must stay under 5 %).

Times the cpu-bound lesson's own crunch() with the harness's real tick (a perf_counter_ns stamp
appended every 4096 iterations) against the same function with a tick that does nothing and against
a plain `for i in range(n): total += i * i` loop with no chunking at all. Best of several rounds,
alternating, so a busy machine slows every variant alike. Prints one JSON object.

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
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=3_000_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    crunch = lessons.load("cpu-bound").crunch
    variants = {
        "plain": lambda: plain(args.n),
        "noTick": lambda: crunch(args.n, lambda: None),
        "harnessTick": lambda: crunch(args.n, clock.Stamps(1, 0, 0).tick_for(0)),
    }
    results = {name: [] for name in variants}
    for _ in range(args.rounds):  # interleaved: load on the machine hits every variant
        for name, fn in variants.items():
            results[name].append(best(fn, 1))
    t = {name: min(times) for name, times in results.items()}
    print(json.dumps({
        "python": sys.version.split()[0],
        "n": args.n,
        "seconds": t,
        "tickOverheadPct": (t["harnessTick"] / t["noTick"] - 1) * 100,
        "vsPlainLoopPct": (t["harnessTick"] / t["plain"] - 1) * 100,
    }))


if __name__ == "__main__":
    main()
