"""Runs one step (a mode at some size) and measures around it: start-up, wall time, live segments.

Threads and the sequential run are timed on the harness's own clock from the moment every worker
is ready; processes are timed from the common start signal to the last result. Segments stream to
the lab every REPORT_S while the step goes, named by the step's id (see plans.Plan).
"""
import multiprocessing
import queue
import threading
import time

import clock
import child

REPORT_S = 0.25
WAIT_LIMIT_S = 600  # no wait is unbounded; a step the lab allows never comes near this
MP = multiprocessing.get_context("spawn")
# CPU time (ms) spent by the current step's own workers: the harness process's while its threads
# ran, plus each worker process's own. None until a step measures it (pools and event loops do not).
cpu = {"ms": None}


def add_cpu(ms):
    cpu["ms"] = (cpu["ms"] or 0.0) + ms


class Reporter:
    """Streams each worker's finished runs while the step goes (the figures read the stamps themselves)."""

    def __init__(self, emit, step_id, stamps):
        self.emit, self.step_id, self.stamps = emit, step_id, stamps
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(WAIT_LIMIT_S)
        self.send(self.stamps.drain(final=True))

    def _loop(self):
        while not self._stop.wait(REPORT_S):
            self.send(self.stamps.drain())

    def send(self, segments):
        if segments:
            self.emit({"type": "segments", "stepId": self.step_id, "segments": segments})


def run_threads(emit, step_id, bodies, gap_ns, one_lane=False, shared=True):
    """Runs each body (a function of tick) in its own thread, or all in one thread one after another
    (`one_lane`: the sequential run). Returns wall ms, start-up ms, the step's clock.Stamps (every
    stamp, for the figures) and the bodies' values. `shared`: the threads take turns at one GIL
    (clock.RunReader); `gap_ns`, the calibration's gap, stands in until the step has measured its
    own stamp period."""
    indexed = list(enumerate(bodies))
    lanes = [indexed] if one_lane else [[item] for item in indexed]
    spawned = time.perf_counter_ns()
    ready = threading.Barrier(len(lanes) + 1)
    stamps = clock.Stamps(len(lanes), gap_ns, 0, shared)
    values = [None] * len(bodies)
    errors = []

    def lane(index, work):
        tick = stamps.tick_for(index)
        ready.wait(WAIT_LIMIT_S)
        try:
            for index_of_body, body in work:
                values[index_of_body] = body(tick)
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=lane, args=(i, work), daemon=True) for i, work in enumerate(lanes)]
    for thread in threads:
        thread.start()
    ready.wait(WAIT_LIMIT_S)
    stamps.t0_ns = t0 = time.perf_counter_ns()
    cpu0 = time.process_time()
    with Reporter(emit, step_id, stamps):
        for thread in threads:
            thread.join(WAIT_LIMIT_S)
        wall_ms = (time.perf_counter_ns() - t0) / clock.NS_PER_MS
    add_cpu((time.process_time() - cpu0) * 1000)
    if errors:
        raise RuntimeError(errors[0])
    return wall_ms, (t0 - spawned) / clock.NS_PER_MS, stamps, values


def run_processes(emit, step_id, lesson_id, fn_name, args_list, gap_ns):
    """One process per args tuple, each calling the lesson's fn_name(*args, tick) in its own interpreter.
    Returns as run_threads does, with no stamps: each child reads its own into runs and sends those."""
    spawned = time.perf_counter_ns()
    ready, results, go = MP.Queue(), MP.Queue(), MP.Event()
    procs = [
        MP.Process(target=child.child_main, args=(lesson_id, fn_name, args, i, gap_ns, ready, go, results), daemon=True)
        for i, args in enumerate(args_list)
    ]
    try:
        for proc in procs:
            proc.start()
        for _ in procs:
            ready.get(timeout=WAIT_LIMIT_S)
        t0 = time.perf_counter_ns()
        go.set()
        values, errors = [None] * len(procs), []
        for _ in procs:
            worker, runs, error, value, cpu_ms = results.get(timeout=WAIT_LIMIT_S)
            values[worker] = value
            add_cpu(cpu_ms)
            if error:
                errors.append(error)
            # perf_counter is one system-wide clock (CLOCK_MONOTONIC, QueryPerformanceCounter,
            # mach_absolute_time), so a child's stamps share the harness's time base.
            for s in runs:
                s.update(worker=worker, start=s["start"] - t0 / clock.NS_PER_MS, end=s["end"] - t0 / clock.NS_PER_MS)
            emit({"type": "segments", "stepId": step_id, "segments": runs})
        wall_ms = (time.perf_counter_ns() - t0) / clock.NS_PER_MS
        for proc in procs:
            proc.join(WAIT_LIMIT_S)
    except queue.Empty:
        raise RuntimeError("a worker process did not answer in time")
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.kill()
    if errors:
        raise RuntimeError(errors[0])
    return wall_ms, (t0 - spawned) / clock.NS_PER_MS, None, values
