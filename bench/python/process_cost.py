"""What CPython pays for a thread and for a process, to set beside the process-cost lesson.

Measured the way the lab measures its own workers: a start is from start() to the moment the new
thread or process says it is running (an Event it sets), its exit and join left out; a round trip
is 1 MB sent and received back by a worker that is already running. For processes, each start
method this platform has (spawn, fork, forkserver); the round trips use spawn, the method the lab's
processes stand for (the method does not change how a Pipe carries bytes). Standard library only.

The price of one task in a process pool: the lesson's own tiny tasks (python/lessons/process-cost.py,
called through the harness as the lab's CPython engine calls them) sent one per message to a
ProcessPoolExecutor of spawn processes, the CPU the parent (all its threads) and the workers used
per task, less the task's own CPU. Prints one JSON object.

Usage: python -I bench/python/process_cost.py [--starts 10] [--trips 20] [--pool-tasks 5000]
"""
import argparse
import concurrent.futures
import functools
import json
import multiprocessing as mp
import os
import pickle
import platform
import queue
import statistics
import sys
import threading
import time

# The lesson's Python side, through the harness, so this runs the code the lab runs (no second copy).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "python", "harness"))
import child  # noqa: E402  (the harness's pool entry point)
import lessons  # noqa: E402

MB = 1_000_000
FLOATS = MB // 8


def say_running(event):
    """The new thread's or process's first act: tell the parent it runs."""
    event.set()


def echo_pipe(conn):
    """A process that sends back whatever it receives, until it receives nothing."""
    while True:
        message = conn.recv()
        if message is None:
            return
        conn.send(message)


def echo_queue(inbox, outbox):
    """A thread that hands back the object it is handed, until it is handed None."""
    while True:
        item = inbox.get()
        if item is None:
            return
        outbox.put(item)


def median_ms(samples):
    return statistics.median(samples) * 1000


def thread_start(runs):
    times = []
    for _ in range(runs):
        event = threading.Event()
        worker = threading.Thread(target=say_running, args=(event,))
        start = time.perf_counter()
        worker.start()
        event.wait(30)
        times.append(time.perf_counter() - start)
        worker.join()
    return median_ms(times)


def process_start(method, runs):
    ctx = mp.get_context(method)
    times = []
    # One start first: the forkserver starts its server then, and every method warms the file cache.
    for i in range(runs + 1):
        event = ctx.Event()
        worker = ctx.Process(target=say_running, args=(event,))
        start = time.perf_counter()
        worker.start()
        if not event.wait(60):
            raise RuntimeError(f"a {method} process did not start within 60 s")
        if i > 0:
            times.append(time.perf_counter() - start)
        worker.join(60)
    return median_ms(times)


def thread_trip(payload, runs):
    inbox, outbox = queue.Queue(), queue.Queue()
    worker = threading.Thread(target=echo_queue, args=(inbox, outbox))
    worker.start()
    times = []
    try:
        for _ in range(runs):
            start = time.perf_counter()
            inbox.put(payload)
            back = outbox.get(timeout=30)
            times.append(time.perf_counter() - start)
            assert back is payload
    finally:
        inbox.put(None)
        worker.join()
    return median_ms(times)


def process_trip(payload, runs):
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    worker = ctx.Process(target=echo_pipe, args=(child,))
    worker.start()
    times = []
    try:
        for _ in range(runs):
            start = time.perf_counter()
            parent.send(payload)
            if not parent.poll(30):
                raise RuntimeError("the echo process did not answer within 30 s")
            back = parent.recv()
            times.append(time.perf_counter() - start)
            assert len(back) == len(payload)
    finally:
        parent.send(None)
        worker.join(30)
    return median_ms(times)


LESSON = "process-cost"
POOL_SIZE = 4  # the lesson's default pool
TINY_TASKS = 20_000  # as the lesson: its tasks are the lesson's total seconds cut into this many
LESSON_SECONDS = 0.5  # the fidelity section's size
_barrier = None


def _keep_barrier(barrier):
    global _barrier
    _barrier = barrier


def cpu_mark(_):
    """Run once on every pool process at the same time (the barrier holds each until all arrive):
    its pid and its own CPU time so far."""
    _barrier.wait(60)
    return os.getpid(), time.process_time()


def tiny_per_ms():
    """Iterations of the lesson's tiny loop per CPU ms here."""
    tiny = lessons.load(LESSON).tiny
    n = 10_000
    while True:
        start = time.process_time()
        tiny(n)
        elapsed = time.process_time() - start
        if elapsed > 0.2 or n > 1 << 30:
            return n / (elapsed * 1000)
        n *= 2


def pool_task_cost(tasks):
    """CPU per task of a process pool serving the lesson's tiny tasks one message each, in the
    parent (submit, the feeder and result threads, futures) and in the workers (receive, unpickle,
    call, pickle the result, send), each less nothing of its own: the task's CPU is taken off the
    workers' figure, measured alone in this process."""
    per_ms = tiny_per_ms()
    each = max(1, round(per_ms * LESSON_SECONDS * 1000 / TINY_TASKS))
    work = functools.partial(child.call, LESSON, "tiny")
    start = time.process_time()
    for _ in range(tasks):
        work(each)
    task_ms = (time.process_time() - start) * 1000 / tasks
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(POOL_SIZE)
    with concurrent.futures.ProcessPoolExecutor(POOL_SIZE, mp_context=ctx, initializer=_keep_barrier, initargs=(barrier,)) as pool:
        # Every process up and past its imports before the clock starts; their CPU so far noted.
        before = dict(pool.map(cpu_mark, range(POOL_SIZE), timeout=120))
        parent0, wall0 = time.process_time(), time.perf_counter()
        list(pool.map(work, [each] * tasks, chunksize=1, timeout=600))
        parent_ms = (time.process_time() - parent0) * 1000
        wall_ms = (time.perf_counter() - wall0) * 1000
        after = dict(pool.map(cpu_mark, range(POOL_SIZE), timeout=120))
    if set(before) != set(after) or len(before) != POOL_SIZE:
        raise RuntimeError("the pool's processes changed while it was measured")
    workers_ms = sum(after[pid] - before[pid] for pid in before) * 1000
    return {
        "tasks": tasks,
        "poolSize": POOL_SIZE,
        "tinyPerMs": per_ms,
        "tinyIterations": each,
        "taskCpuMs": task_ms,
        "wallPerTaskMs": wall_ms / tasks,
        "parentCpuPerTaskMs": parent_ms / tasks,
        "workerCpuPerTaskMs": workers_ms / tasks - task_ms,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--starts", type=int, default=10)
    parser.add_argument("--trips", type=int, default=20)
    parser.add_argument("--pool-tasks", type=int, default=5000)
    parser.add_argument("--only-pool", action="store_true", help="the pool's price per task alone")
    args = parser.parse_args()
    if args.only_pool:
        print(json.dumps({"python": platform.python_version(), "poolTask": pool_task_cost(args.pool_tasks)}))
        return
    methods = [m for m in ("spawn", "fork", "forkserver") if m in mp.get_all_start_methods()]
    data = bytes(range(256)) * (MB // 256) + bytes(MB % 256)
    floats = [i + 0.123456 for i in range(FLOATS)]
    result = {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": sys.platform,
        "defaultStartMethod": mp.get_start_method(),
        "threadStartMs": thread_start(args.starts * 5),
        "processStartMs": {m: process_start(m, args.starts) for m in methods},
        "threadTripMs": {"bytes": thread_trip(data, args.trips), "floats": thread_trip(floats, args.trips)},
        "processTripMs": {"bytes": process_trip(data, args.trips), "floats": process_trip(floats, args.trips)},
        "pickledBytes": {"bytes": len(pickle.dumps(data)), "floats": len(pickle.dumps(floats))},
        "poolTask": pool_task_cost(args.pool_tasks),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
