"""What CPython pays for a thread and for a process, to set beside the process-cost lesson.

Measured the way the lab measures its own workers: a start is from start() to the moment the new
thread or process says it is running (an Event it sets), its exit and join left out; a round trip
is 1 MB sent and received back by a worker that is already running. For processes, each start
method this platform has (spawn, fork, forkserver); the round trips use spawn, the method the lab's
processes stand for (the method does not change how a Pipe carries bytes). Standard library only.
Prints one JSON object.

Usage: python -I bench/python/process_cost.py [--starts 10] [--trips 20]
"""
import argparse
import json
import multiprocessing as mp
import pickle
import platform
import queue
import statistics
import sys
import threading
import time

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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--starts", type=int, default=10)
    parser.add_argument("--trips", type=int, default=20)
    args = parser.parse_args()
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
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
