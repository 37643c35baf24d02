"""What a threading.Lock costs CPython in the counter-race lesson, to price the lab's lock (LOCK_PRICE in
src/lessons/counter-race/lesson.ts).

Runs the lesson's own loops (python/lessons/counter-race.py, loaded through the harness as the lab's
CPython engine loads it; no second copy). Costs are given in ns, in increments of the lesson's
unlocked loop (the unit the lab pays in: the lesson's figure is the locked step against the unlocked
one) and in iterations of the calibrated loop (the cpu-bound lesson's crunch), as process_cost.py
gives the process pool's:

- alone: one thread, count_up and count_up_locked in short turns: what `with lock:` costs when
  nobody else wants the lock (its bytecodes, the C acquire and release).
- two threads: count_up_locked in two threads at once, as the lesson's 'lock' step runs them,
  against two of count_up: wall per increment, and each thread's voluntary context switches (each
  one a sleep, on the lock's semaphore or on the GIL).
- observed: the same two threads in a copy of count_up_locked that also counts acquires that found
  the lock taken (a non-blocking try first, as CPython's own acquire does), releases made while the
  other thread was blocked in acquire(), and how often the lock changed threads. The copy costs a
  little more; only its counts are used.

The wake price is what the two-thread run costs beyond the uncontended lock, per release made while
the other thread was blocked. A system-wide count of FUTEX_WAKE calls confirms where it goes, with
perf where it is allowed (not needed here):
  perf stat -e syscalls:sys_enter_futex --filter 'op==129' python3 -I bench/python/lock_cost.py

Standard library only. Prints one JSON object.

Usage: python -I bench/python/lock_cost.py [--increments 500000] [--rounds 5]
"""
import argparse
import json
import os
import platform
import resource
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "python", "harness"))
import lessons  # noqa: E402

LESSON = lessons.load("counter-race")
THREADS = 2  # the lesson's default
# Voluntary context switches per increment above which a round handed the lock back and forth.
HANDING_OFF = 0.01
ALONE_TURN = 20_000  # increments per turn when one thread runs plain and locked in turns


def noop():
    pass


def crunch_per_ms():
    """Iterations of the calibrated loop per ms of this thread's CPU."""
    crunch = lessons.load("cpu-bound").crunch
    n = 100_000
    while True:
        start = time.thread_time()
        crunch(n, noop)
        elapsed = time.thread_time() - start
        if elapsed > 0.2 or n > 1 << 30:
            return n / (elapsed * 1000)
        n *= 2


def ns_per_increment(fn, increments):
    """One thread alone: wall ns per increment (min over rounds: interference only ever adds)."""
    LESSON.counter = 0
    start = time.perf_counter_ns()
    fn(increments, noop)
    return (time.perf_counter_ns() - start) / increments


def switches():
    usage = resource.getrusage(resource.RUSAGE_THREAD)
    return usage.ru_nvcsw, usage.ru_nivcsw


def _together(ready, bodies):
    """Zeroes the lesson's counter, starts a thread per body, lets them go at once through `ready`
    (each body waits on it) and returns the wall ns until all have ended."""
    LESSON.counter = 0
    threads = [threading.Thread(target=body) for body in bodies]
    for thread in threads:
        thread.start()
    ready.wait(60)
    start = time.perf_counter_ns()
    for thread in threads:
        thread.join(600)
    return time.perf_counter_ns() - start


def two_threads(fn, increments):
    """Wall and CPU ns per increment of `fn` in THREADS threads at once, and each thread's context switches."""
    ready = threading.Barrier(THREADS + 1)
    per_thread = [None] * THREADS

    def body(index):
        ready.wait(60)
        cpu0, (vol0, invol0) = time.thread_time_ns(), switches()
        fn(increments, noop)
        vol1, invol1 = switches()
        per_thread[index] = {"cpuNs": time.thread_time_ns() - cpu0, "voluntary": vol1 - vol0, "involuntary": invol1 - invol0}

    wall = _together(ready, [lambda i=i: body(i) for i in range(THREADS)])
    total = THREADS * increments
    if fn is LESSON.count_up_locked and LESSON.counter != total:
        raise RuntimeError(f"the locked count was {LESSON.counter}, not {total}")
    return {
        "wallNsPerIncrement": wall / total,
        "cpuNsPerIncrement": sum(t["cpuNs"] for t in per_thread) / total,
        "voluntaryPerIncrement": sum(t["voluntary"] for t in per_thread) / total,
        "involuntaryPerIncrement": sum(t["involuntary"] for t in per_thread) / total,
    }


class Observed:
    """count_up_locked with counters: acquires that found the lock taken, releases made while the
    other thread was blocked in acquire() (a waiter on the lock's semaphore: sem_post then makes a
    FUTEX_WAKE system call), and the lock's changes of thread."""

    def __init__(self):
        self.blocked = [0] * THREADS
        self.waiting = [False] * THREADS
        self.with_waiter = [0] * THREADS
        self.handoffs = 0
        self.last = -1

    def loop(self, me):
        lock, bump, lesson, blocked, waiting, with_waiter = LESSON.lock, LESSON.bump, LESSON, self.blocked, self.waiting, self.with_waiter
        other = (me + 1) % THREADS

        def count(times, tick):
            for i in range(times):
                if not lock.acquire(False):
                    blocked[me] += 1
                    waiting[me] = True
                    lock.acquire()
                    waiting[me] = False
                if self.last != me:
                    self.handoffs += 1
                    self.last = me
                seen = lesson.counter
                lesson.counter = bump(seen)
                lock.release()
                # Read while this thread still holds the GIL: the other cannot have left acquire() since.
                if waiting[other]:
                    with_waiter[me] += 1
                if i % 64 == 0:
                    tick()

        return count


def observed(increments):
    ready = threading.Barrier(THREADS + 1)
    seen = Observed()
    wall = _together(ready, [lambda me=me: (ready.wait(60), seen.loop(me)(increments, noop)) for me in range(THREADS)])
    total = THREADS * increments
    return {
        "wallNsPerIncrement": wall / total,
        "blockedPerIncrement": sum(seen.blocked) / total,
        "withWaiterPerIncrement": sum(seen.with_waiter) / total,
        "handoffsPerIncrement": seen.handoffs / total,
    }


def median_of(rounds, key):
    return statistics.median(r[key] for r in rounds)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--increments", type=int, default=500_000, help="per thread; the fidelity bench's size is 500000")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    per_ms = crunch_per_ms()
    loop_ns = 1e6 / per_ms
    n = args.increments
    # Alone, plain and locked in short turns, so a slow phase of the machine (its speed swings by a
    # third here) lands on both alike; each round is the sum of its turns.
    turns = max(1, n // ALONE_TURN)
    pairs = []
    for _ in range(args.rounds):
        both = [(ns_per_increment(LESSON.count_up, ALONE_TURN), ns_per_increment(LESSON.count_up_locked, ALONE_TURN)) for _ in range(turns)]
        pairs.append((statistics.fmean(p for p, _ in both), statistics.fmean(q for _, q in both)))
    ratio = statistics.median(q / p for p, q in pairs)
    plain_ns = statistics.median(p for p, _ in pairs)
    locked_ns = plain_ns * ratio
    plain, locked, seen = [], [], []
    for _ in range(args.rounds):
        plain.append(two_threads(LESSON.count_up, n))
        locked.append(two_threads(LESSON.count_up_locked, n))
        seen.append(observed(n))
    # Two regimes. With a core free for it, the thread blocked in acquire() is woken by every release
    # and the lock changes threads every few increments: a thread sleeps (a voluntary switch) about
    # twice per change. When the blocked thread's core is taken by another program, it stays woken
    # but not running, the releases cost little and one thread runs all its increments in a row.
    # The price is the first regime's, the one a machine with an idle core shows.
    handing = [(a, b) for a, b in zip(plain, locked) if b["voluntaryPerIncrement"] > HANDING_OFF]
    used = handing or list(zip(plain, locked))
    contended = {key: statistics.median(b[key] for _, b in used) for key in locked[0]}
    # Each round's locked against its own plain run, as the lesson's two steps are.
    slowdown = statistics.median(b["wallNsPerIncrement"] / a["wallNsPerIncrement"] for a, b in used)
    busy = [o for o in seen if o["blockedPerIncrement"] > HANDING_OFF / 2] or seen
    counts = {key: median_of(busy, key) for key in seen[0]}
    waiter = counts["withWaiterPerIncrement"]
    # What each release with a waiter costs beyond an uncontended locked increment (the wake, and
    # the changes of thread it leads to), per release with a waiter.
    wake_ns = (slowdown - ratio) * plain_ns / waiter if waiter > 0 else 0.0
    result = {
        "python": platform.python_version(),
        "increments": n,
        "threads": THREADS,
        "rounds": args.rounds,
        "switchIntervalMs": sys.getswitchinterval() * 1000,
        "loopPerMs": per_ms,
        "loopNs": loop_ns,
        "alone": {"plainNs": plain_ns, "lockedNs": locked_ns, "slowdown": ratio},
        "twoThreads": {"plain": {key: median_of(plain, key) for key in plain[0]}, "locked": contended, "slowdown": slowdown, "handingOffRounds": len(handing), "allRoundsSlowdown": statistics.median(b["wallNsPerIncrement"] / a["wallNsPerIncrement"] for a, b in zip(plain, locked))},
        "observed": counts,
        "price": {
            "lockNs": locked_ns - plain_ns,
            "lockIncrements": (locked_ns - plain_ns) / plain_ns,
            "lockLoops": (locked_ns - plain_ns) / loop_ns,
            "wakeNs": wake_ns,
            "wakeIncrements": wake_ns / plain_ns,
            "wakeLoops": wake_ns / loop_ns,
            "incrementLoops": plain_ns / loop_ns,
        },
        "perRound": {"alone": pairs, "plain": plain, "locked": locked, "observed": seen},
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
