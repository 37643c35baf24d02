"""Entry point of a worker process started by the harness (multiprocessing, spawn: same on every OS).

The child loads the same lesson file, waits for the common start, runs its task with its own stamp
list and sends back its runs. It watches its parent: if the harness dies, the child exits at once.
"""
import multiprocessing
import multiprocessing.connection
import os
import threading
import time

import clock
import lessons


def exit_with_parent():
    """Also the initializer of every process pool the harness starts."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch():
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(71)

    threading.Thread(target=watch, daemon=True).start()


def child_main(lesson_id, fn_name, args, worker, gap_ns, ready, go, results):
    exit_with_parent()
    fn = getattr(lessons.load(lesson_id), fn_name)
    stamps = clock.Stamps(1, gap_ns, 0)
    tick = stamps.tick_for(0)
    ready.put(worker)
    go.wait()
    cpu0 = time.process_time()
    try:
        value = fn(*args, tick) if fn_name != "nothing" else fn()
        error = None
    except Exception as exc:  # reported to the lab as a sentence, not a traceback
        value, error = None, f"{type(exc).__name__}: {exc}"
    cpu_ms = (time.process_time() - cpu0) * 1000  # this process's own CPU time for the task
    results.put((worker, stamps.drain(final=True), error, value if isinstance(value, (int, float, list)) else None, cpu_ms))


_pool_started = None


def join_pool(barrier):
    """The initializer of a pool timed from ready: the parent's watch, and the barrier its warm-up meets at."""
    global _pool_started
    exit_with_parent()
    _pool_started = barrier


def pool_ready(lesson_id):
    """A pool's warm-up call, one per process: the lesson loaded here, then held until every process
    of the pool has got this far. A ProcessPoolExecutor starts its processes as tasks arrive, and one
    process can serve every warm-up call while the others still start; the barrier makes each take one."""
    lessons.load(lesson_id)
    _pool_started.wait(60)


def call(lesson_id, fn_name, *args):
    """Runs a lesson function in a pool's worker process, found by name (a spawned child can
    import the harness, not the lesson's private module name)."""
    return getattr(lessons.load(lesson_id), fn_name)(*args)


def run_nothing(lesson_id):
    exit_with_parent()
    return call(lesson_id, "nothing")


def whole_pipeline(lesson_id, io_s, n_task):
    """One item's whole pipeline inside a worker process (the hybrid lesson's processes-only step)."""
    lesson = lessons.load(lesson_id)
    lesson.fetch(io_s)
    lesson.process(n_task)
    lesson.store(io_s)
