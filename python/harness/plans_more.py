"""Lessons measured around a pool or an event loop: no per-thread clock here, only the figures
(the timeline stays empty for them, which the lab says rather than drawing a guess)."""
import asyncio
import concurrent.futures
import functools
import pickle
import threading
import time

import child
import steps
from plans import Step, mode_step

PAYLOAD_ITEMS = 200_000


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return (time.perf_counter() - start) * 1000, value


def process_cost(plan):
    lesson = plan.lesson
    n = plan.workers
    start_threads_step = Step("start-threads", "thread start")
    plan.started(start_threads_step, "threads", [f"thread {i + 1}" for i in range(n)])

    def start_threads():
        threads = [threading.Thread(target=lesson.nothing) for _ in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(steps.WAIT_LIMIT_S)

    wall, _ = _timed(start_threads)
    plan.finish(start_threads_step, "threads", n, wall, wall, [], None, {"startupMs": wall / n, "memoryMB": None, "bytes": 0, "roundTripMs": None})
    start_processes_step = Step("start-processes", "process start")
    plan.started(start_processes_step, "processes", [f"process {i + 1}" for i in range(n)])

    def start_processes():
        procs = [steps.MP.Process(target=child.run_nothing, args=(plan.lesson_id,), daemon=True) for _ in range(n)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(steps.WAIT_LIMIT_S)

    wall, _ = _timed(start_processes)
    plan.finish(start_processes_step, "processes", n, wall, wall, [], None, {"startupMs": wall / n, "memoryMB": None, "bytes": 0, "roundTripMs": None})
    trip_step = Step("trip-process", "send data")
    plan.started(trip_step, "processes", ["process 1"])
    payload = list(range(PAYLOAD_ITEMS))
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=steps.MP, initializer=child.exit_with_parent) as pool:
        pool.submit(child.call, plan.lesson_id, "nothing").result(steps.WAIT_LIMIT_S)  # started before timing the data alone
        trip, _ = _timed(lambda: pool.submit(child.call, plan.lesson_id, "echo", payload).result(steps.WAIT_LIMIT_S))
    size = len(pickle.dumps(payload))
    plan.finish(trip_step, "processes", 1, trip, 0, [], None, {"startupMs": None, "memoryMB": None, "bytes": size, "roundTripMs": trip})


def asyncio_lesson(plan):
    lesson = plan.lesson
    count = plan.workers
    base = None
    for mode in plan.request["modes"] or ["sequential", "asyncio"]:
        # The lab's asyncio lesson names these its waiting steps; the CPU ones have no real counterpart yet.
        step = Step("waits-in-turn" if mode == "sequential" else "waits-on-loop", mode)
        plan.started(step, mode, ["main thread"])
        if mode == "sequential":
            async def one_by_one():
                for _ in range(count):
                    await lesson.fetch(plan.seconds)
            wall, _ = _timed(lambda: asyncio.run(one_by_one()))
            base = wall
        else:
            wall, _ = _timed(lambda: asyncio.run(lesson.many(count, plan.seconds)))
        plan.finish(step, mode, count, wall, 0, [], base / wall if base else None, {"stallMs": None})


# The hybrid lesson's workload, as the lab's simulated program defines it (src/lessons/hybrid/program.ts),
# so the two engines run the same pipeline: four items per I/O thread, each computing for the
# "CPU seconds per item" control and waiting as long again, half before (fetch) and half after (store).
ITEMS_PER_THREAD = 4


def _warm(pool, lesson_id, size):
    """Starts every worker of a process pool before the clock starts. A spawn-context pool starts its
    processes one submit at a time, so a single warm-up call starts one; `size` calls submitted
    together start them all. Process start-up is not the pipeline's cost (the lab starts its pool
    before its clock too)."""
    for future in [pool.submit(child.call, lesson_id, "store", 0) for _ in range(size)]:
        future.result(steps.WAIT_LIMIT_S)


def hybrid(plan):
    lesson = plan.lesson
    items = plan.workers * ITEMS_PER_THREAD
    io_s = plan.seconds / 2
    n_task = plan.size(plan.seconds)
    # `ProcessPoolExecutor()`, as the lesson's code makes it, has a worker per core; no more than the
    # lesson's worker count. The processes-only step is that many processes, each a whole pipeline.
    pool_size = max(1, min(plan.workers, plan.request["cores"]))

    def pipeline(run_process):
        lesson.fetch(io_s)
        run_process(n_task)
        lesson.store(io_s)

    base = None
    for mode in plan.request["modes"] or ["sequential", "threads", "processes", "hybrid", "asyncio"]:
        step = mode_step(mode)
        plan.started(step, mode, [mode])
        if mode == "sequential":
            wall, _ = _timed(lambda: [pipeline(lesson.process) for _ in range(items)])
            base = wall
        elif mode == "threads":
            with concurrent.futures.ThreadPoolExecutor(plan.workers) as pool:
                wall, _ = _timed(lambda: list(pool.map(lambda _: pipeline(lesson.process), range(items))))
        else:
            with concurrent.futures.ProcessPoolExecutor(pool_size, mp_context=steps.MP, initializer=child.exit_with_parent) as procs:
                _warm(procs, plan.lesson_id, pool_size)
                if mode == "processes":
                    wall, _ = _timed(lambda: [f.result(steps.WAIT_LIMIT_S) for f in [procs.submit(child.whole_pipeline, plan.lesson_id, io_s, n_task) for _ in range(items)]])
                elif mode == "asyncio":
                    # The lesson's own event loop and run_in_executor; the pool runs its process().
                    work = functools.partial(child.call, plan.lesson_id, "process")
                    gathered = lambda: asyncio.run(asyncio.wait_for(lesson.handle_all(procs, work, items, io_s, n_task), steps.WAIT_LIMIT_S))
                    wall, _ = _timed(gathered)
                else:
                    # The I/O threads, one per worker as in the lab, each handing its computation to the pool.
                    with concurrent.futures.ThreadPoolExecutor(plan.workers) as threads:
                        wall, _ = _timed(lambda: list(threads.map(lambda _: pipeline(lambda n: procs.submit(child.call, plan.lesson_id, "process", n).result(steps.WAIT_LIMIT_S)), range(items))))
        plan.finish(step, mode, plan.workers, wall, 0, [], base / wall if base else None, {"items": items})
