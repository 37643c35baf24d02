"""The seeds' experiment in real CPython, to hold the lab's simulation against.

The same sum-of-squares loop the lab's kernel runs, on 4 threads, 4 processes and in sequence
(CPU-bound), and 4 threads sleeping against 4 sleeps in a row (I/O-bound). The task size N is
calibrated first so one task takes --seconds here, as the lab calibrates its own.

Wall time counts from the moment every worker is started and waiting at a barrier to the moment
the last one finishes: the lab's wall time does the same, so interpreter start-up is left out of
both. Prints one JSON object on stdout.
"""

import argparse
import json
import multiprocessing as mp
import statistics
import sys
import threading
import time


def crunch(n: int) -> int:
    # The lab's kernel: squares of a 15-bit operand, summed modulo a prime, so every iteration
    # costs the same whatever n is (no big-integer growth).
    total = 0
    for i in range(n):
        x = i & 0x7FFF
        total = (total + x * x) % 1_000_003
    return total


def calibrate(seconds: float) -> int:
    """N so that crunch(N) takes about `seconds`; also warms the interpreter up."""
    n = 200_000
    while True:
        start = time.perf_counter()
        crunch(n)
        took = time.perf_counter() - start
        if took >= 0.2:
            return max(1, int(n * seconds / took))
        n *= 2


def _process_worker(n: int, barrier) -> None:
    barrier.wait()
    crunch(n)


def timed_threads(target, args, workers: int) -> float:
    barrier = threading.Barrier(workers + 1)

    def run() -> None:
        barrier.wait()
        target(*args)

    pool = [threading.Thread(target=run) for _ in range(workers)]
    for t in pool:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in pool:
        t.join()
    return time.perf_counter() - start


def timed_processes(n: int, workers: int) -> float:
    barrier = mp.Barrier(workers + 1)
    pool = [mp.Process(target=_process_worker, args=(n, barrier)) for _ in range(workers)]
    for p in pool:
        p.start()
    barrier.wait()
    start = time.perf_counter()
    for p in pool:
        p.join()
    return time.perf_counter() - start


def timed_sequential(task, args, workers: int) -> float:
    start = time.perf_counter()
    for _ in range(workers):
        task(*args)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=0.5)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    w, s = args.workers, args.seconds

    gil_check = getattr(sys, "_is_gil_enabled", None)
    free_threaded = gil_check is not None and not gil_check()
    n = calibrate(s)
    runs = {"cpu": {"sequential": [], "threads": [], "processes": []}, "io": {"sequential": [], "threads": []}}
    for _ in range(args.runs):
        runs["cpu"]["sequential"].append(timed_sequential(crunch, (n,), w))
        runs["cpu"]["threads"].append(timed_threads(crunch, (n,), w))
        runs["cpu"]["processes"].append(timed_processes(n, w))
        runs["io"]["sequential"].append(timed_sequential(time.sleep, (s,), w))
        runs["io"]["threads"].append(timed_threads(time.sleep, (s,), w))

    def speedups(kind: str) -> dict:
        base = runs[kind]["sequential"]
        # Speedup of each run against the sequential run of the same round, then the median.
        return {mode: statistics.median(b / t for b, t in zip(base, walls)) for mode, walls in runs[kind].items()}

    print(json.dumps({
        "python": sys.version.split()[0],
        "implementation": sys.implementation.name,
        "freeThreaded": free_threaded,
        "startMethod": mp.get_start_method(),
        "iterations": n,
        "seconds": s,
        "workers": w,
        "wallSeconds": runs,
        "speedup": {"cpu": speedups("cpu"), "io": speedups("io")},
    }))


if __name__ == "__main__":
    main()
