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

PAYLOAD_ITEMS = 200_000


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return (time.perf_counter() - start) * 1000, value


def process_cost(plan):
    lesson = plan.lesson
    n = plan.workers
    plan.started("thread start", "threads", [f"thread {i + 1}" for i in range(n)], "start-threads")

    def start_threads():
        threads = [threading.Thread(target=lesson.nothing) for _ in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(steps.WAIT_LIMIT_S)

    wall, _ = _timed(start_threads)
    plan.finish("thread start", "threads", n, wall, wall, [], None, {"startupMs": wall / n, "memoryMB": None, "bytes": 0, "roundTripMs": None}, step_id="start-threads")
    plan.started("process start", "processes", [f"process {i + 1}" for i in range(n)], "start-processes")

    def start_processes():
        procs = [steps.MP.Process(target=child.run_nothing, args=(plan.lesson_id,), daemon=True) for _ in range(n)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(steps.WAIT_LIMIT_S)

    wall, _ = _timed(start_processes)
    plan.finish("process start", "processes", n, wall, wall, [], None, {"startupMs": wall / n, "memoryMB": None, "bytes": 0, "roundTripMs": None}, step_id="start-processes")
    plan.started("send data", "processes", ["process 1"], "trip-process")
    payload = list(range(PAYLOAD_ITEMS))
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=steps.MP, initializer=child.exit_with_parent) as pool:
        pool.submit(child.call, plan.lesson_id, "nothing").result(steps.WAIT_LIMIT_S)  # started before timing the data alone
        trip, _ = _timed(lambda: pool.submit(child.call, plan.lesson_id, "echo", payload).result(steps.WAIT_LIMIT_S))
    size = len(pickle.dumps(payload))
    plan.finish("send data", "processes", 1, trip, 0, [], None, {"startupMs": None, "memoryMB": None, "bytes": size, "roundTripMs": trip}, step_id="trip-process")


def asyncio_lesson(plan):
    lesson = plan.lesson
    count = plan.workers
    base = None
    for mode in plan.request["modes"] or ["sequential", "asyncio"]:
        step_id = "waits-in-turn" if mode == "sequential" else "waits-on-loop"
        plan.started(mode, mode, ["main thread"], step_id)
        if mode == "sequential":
            async def one_by_one():
                for _ in range(count):
                    await lesson.fetch(plan.seconds)
            wall, _ = _timed(lambda: asyncio.run(one_by_one()))
            base = wall
        else:
            wall, _ = _timed(lambda: asyncio.run(lesson.many(count, plan.seconds)))
        plan.finish(mode, mode, count, wall, 0, [], base / wall if base else None, {"stallMs": None}, step_id=step_id)


def hybrid(plan):
    lesson = plan.lesson
    items = plan.workers * 2
    io_s = plan.seconds / 4
    n_task = plan.size(plan.seconds / 2)

    def pipeline(run_process):
        lesson.fetch(io_s)
        run_process(n_task)
        lesson.store(io_s)

    base = None
    for mode in plan.request["modes"] or ["sequential", "threads", "processes", "hybrid", "asyncio"]:
        plan.started(mode, mode, [mode])
        if mode == "sequential":
            wall, _ = _timed(lambda: [pipeline(lesson.process) for _ in range(items)])
            base = wall
        elif mode == "threads":
            with concurrent.futures.ThreadPoolExecutor(plan.workers) as pool:
                wall, _ = _timed(lambda: list(pool.map(lambda _: pipeline(lesson.process), range(items))))
        else:
            with concurrent.futures.ProcessPoolExecutor(plan.workers, mp_context=steps.MP, initializer=child.exit_with_parent) as procs:
                procs.submit(child.call, plan.lesson_id, "store", 0).result(steps.WAIT_LIMIT_S)  # pool started before timing
                if mode == "processes":
                    wall, _ = _timed(lambda: [f.result(steps.WAIT_LIMIT_S) for f in [procs.submit(child.whole_pipeline, plan.lesson_id, io_s, n_task) for _ in range(items)]])
                elif mode == "asyncio":
                    # The lesson's own event loop and run_in_executor; the pool runs its process().
                    work = functools.partial(child.call, plan.lesson_id, "process")
                    gathered = lambda: asyncio.run(asyncio.wait_for(lesson.handle_all(procs, work, items, io_s, n_task), steps.WAIT_LIMIT_S))
                    wall, _ = _timed(gathered)
                else:
                    with concurrent.futures.ThreadPoolExecutor(plan.workers * 2) as threads:
                        wall, _ = _timed(lambda: list(threads.map(lambda _: pipeline(lambda n: procs.submit(child.call, plan.lesson_id, "process", n).result(steps.WAIT_LIMIT_S)), range(items))))
        plan.finish(mode, mode, plan.workers, wall, 0, [], base / wall if base else None, {"items": items})

