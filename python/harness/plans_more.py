"""Lessons measured around a pool or an event loop: no per-thread clock here, only the figures
(the timeline stays empty for them, which the lab says rather than drawing a guess)."""
import asyncio
import concurrent.futures
import contextlib
import functools
import math
import pickle
import queue
import threading
import time

import child
import clock
import steps
from plans import Step, mode_step

PAYLOAD_ITEMS = 200_000
ROUND_TRIPS = 5  # as the lab's lesson: the median of five
TINY_TASKS = 20_000  # the same total CPU cut into this many pieces, as the lab's lesson
CPU_COROUTINES = 4  # as the lab's asyncio lesson: enough to show the stall, few enough to keep it short
HEARTBEAT_S = 0.001


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return (time.perf_counter() - start) * 1000, value


def process_cost(plan):
    """The lab's process-cost steps, in its order, under its ids: starting, sending data, tiny tasks."""
    lesson = plan.lesson
    n = plan.workers
    start_threads_step = Step("start-threads", "start threads")
    plan.started(start_threads_step, "threads", [f"thread {i + 1}" for i in range(n)])

    def start_threads():
        threads = [threading.Thread(target=lesson.nothing) for _ in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(steps.WAIT_LIMIT_S)

    wall, _ = _timed(start_threads)
    plan.finish(start_threads_step, "threads", n, wall, wall, None, None, {"startupMs": wall / n, "memoryMB": None, "bytes": 0, "roundTripMs": None})
    start_processes_step = Step("start-processes", "start processes")
    plan.started(start_processes_step, "processes", [f"process {i + 1}" for i in range(n)])

    def start_processes():
        procs = [steps.MP.Process(target=child.run_nothing, args=(plan.lesson_id,), daemon=True) for _ in range(n)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(steps.WAIT_LIMIT_S)

    wall, _ = _timed(start_processes)
    plan.finish(start_processes_step, "processes", n, wall, wall, None, None, {"startupMs": wall / n, "memoryMB": None, "bytes": 0, "roundTripMs": None})
    payload = list(range(PAYLOAD_ITEMS))
    _trip_thread(plan, payload)
    trip_step = Step("trip-process", "1 MB to a process and back")
    plan.started(trip_step, "processes", ["process 1"])
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=steps.MP, initializer=child.exit_with_parent) as pool:
        pool.submit(child.call, plan.lesson_id, "nothing").result(steps.WAIT_LIMIT_S)  # started before timing the data alone
        trips = [_timed(lambda: pool.submit(child.call, plan.lesson_id, "echo", payload).result(steps.WAIT_LIMIT_S))[0] for _ in range(ROUND_TRIPS)]
    size = len(pickle.dumps(payload))
    plan.finish(trip_step, "processes", 1, sum(trips), 0, None, None, {"startupMs": None, "memoryMB": None, "bytes": size, "roundTripMs": clock.median(trips)})
    _tiny_tasks(plan)


def _trip_thread(plan, payload):
    """The same list to a thread and back through a queue: a reference each way, nothing copied."""
    step = Step("trip-thread", "1 MB to a thread and back")
    plan.started(step, "threads", ["thread 1"])
    inbox, outbox = queue.Queue(), queue.Queue()

    def serve():
        for _ in range(ROUND_TRIPS):
            outbox.put(plan.lesson.echo(inbox.get(timeout=steps.WAIT_LIMIT_S)))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    trips = []
    for _ in range(ROUND_TRIPS):
        start = time.perf_counter()
        inbox.put(payload)
        back = outbox.get(timeout=steps.WAIT_LIMIT_S)
        trips.append((time.perf_counter() - start) * 1000)
        if back is not payload:
            raise RuntimeError("the thread was given a copy of the list, not the list itself")
    thread.join(steps.WAIT_LIMIT_S)
    plan.finish(step, "threads", 1, sum(trips), 0, None, None, {"startupMs": None, "memoryMB": None, "bytes": 0, "roundTripMs": clock.median(trips)})


def _tiny_tasks(plan):
    """The same total CPU as TINY_TASKS tiny calls: in sequence, one message each to a pool, batched."""
    n = plan.workers
    each = _tiny_size(plan.lesson.tiny, max(1, round(plan.per_ms * plan.seconds * 1000 / TINY_TASKS)), plan.seconds * 1000 / TINY_TASKS)
    serial_step = Step("tiny-in-turn", "tiny tasks in sequence")
    plan.started(serial_step, "sequential", ["main thread"])
    cpu0 = time.process_time()
    in_turn = lambda: [plan.lesson.tiny(each) for _ in range(TINY_TASKS)]
    serial, _ = _timed(in_turn)
    steps.add_cpu((time.process_time() - cpu0) * 1000)
    plan.set_baseline(serial, lambda: _timed(in_turn)[0])
    plan.finish(serial_step, "sequential", 1, serial, 0, None, 1.0, {"tasks": TINY_TASKS})
    for batched in (False, True):
        step = Step("tiny-batched", "tiny tasks, batched") if batched else Step("tiny-each", "tiny tasks, one message each")
        plan.started(step, "processes", [f"pool process {i + 1}" for i in range(n)])
        chunk = math.ceil(TINY_TASKS / n) if batched else 1
        # Timed from a ready pool, every process started (as the lab's pool is): start-up is the lesson's first figure, not this one's.
        with _ready_pool(plan.lesson_id, n) as pool:
            work = functools.partial(child.call, plan.lesson_id, "tiny")
            wall, _ = _timed(lambda: list(pool.map(work, [each] * TINY_TASKS, chunksize=chunk, timeout=steps.WAIT_LIMIT_S)))
        plan.finish(step, "processes", n, wall, 0, None, serial / wall, {"tasks": TINY_TASKS, "messages": math.ceil(TINY_TASKS / chunk), **plan.around(serial / wall)})


def _tiny_size(tiny, guess, ms):
    """Iterations for one tiny call to take `ms`, as the lab's tiny tasks do. The calibrated rate is
    the cpu-bound loop's over millions of iterations, whose numbers outgrow small ints; a tiny
    call's few hundred stay small and run faster, so the guess it gives is corrected by timing
    calls of about that size (the best of three batches, so a busy neighbour does not decide it)."""
    n = guess
    for _ in range(2):
        best = min(_timed(lambda: [tiny(n) for _ in range(200)])[0] for _ in range(3)) / 200
        n = max(1, round(n * ms / best)) if best > 0 else n
    return n


def _calls_per_ms(fn):
    """fn(n) iterations per ms on this interpreter, for a loop with no tick (asyncio's crunch)."""
    n = 50_000
    while True:
        start = time.perf_counter()
        fn(n)
        elapsed = time.perf_counter() - start
        if elapsed > 0.1 or n > 1 << 30:
            return n / (elapsed * 1000)
        n *= 2


# Longest one sizing call may take: a task longer than this is sized from a call this long.
SIZING_PROBE_MS = 1000


def _sized(fn, seconds):
    """Iterations for one fn(n) to take `seconds` on this interpreter. A rate found on shorter calls
    overshoots: the loop's numbers grow with n and each step gets slower (hybrid's process() and
    asyncio's crunch() took 35-42 % longer than asked), and for a step that both computes and
    waits that would change the lesson's mix of CPU and I/O. So the guess is corrected once by
    timing a call of that size (at most SIZING_PROBE_MS, scaled up from there)."""
    ms = seconds * 1000
    n = max(4096, int(_calls_per_ms(fn) * ms))
    probe_ms = min(ms, SIZING_PROBE_MS)
    probe_n = max(4096, int(n * probe_ms / ms))
    start = time.perf_counter()
    fn(probe_n)
    took_ms = (time.perf_counter() - start) * 1000
    return max(4096, int(probe_n * probe_ms / max(took_ms, 1e-3) * ms / probe_ms))


async def _beside_heartbeat(work):
    """Awaits `work` beside a heartbeat on the same loop; returns its value and the longest the loop
    was kept from the heartbeat (ms past its own sleep): how long the loop stalled."""
    longest = [0.0]
    last = [time.perf_counter()]

    async def beat():
        while True:
            await asyncio.sleep(HEARTBEAT_S)
            now = time.perf_counter()
            longest[0] = max(longest[0], now - last[0] - HEARTBEAT_S)
            last[0] = now

    beating = asyncio.ensure_future(beat())
    try:
        value = await work
    finally:
        beating.cancel()
    # Work that never awaited ends before the heartbeat could beat again: the stall runs to now.
    return value, max(longest[0], time.perf_counter() - last[0] - HEARTBEAT_S) * 1000


def asyncio_lesson(plan):
    """The lab's four asyncio steps, in its order, under its ids (its modes are not a choice)."""
    lesson = plan.lesson
    count = plan.workers
    k = min(count, CPU_COROUTINES)
    n_task = _sized(lesson.crunch, plan.seconds)
    loop_label = ["event loop"]

    async def waits_one_by_one():
        for _ in range(count):
            await lesson.fetch(plan.seconds)

    measured = (
        (Step("waits-in-turn", "waits one after another"), "sequential", count, lambda: asyncio.run(waits_one_by_one())),
        (Step("waits-on-loop", "waits on one event loop"), "asyncio", count, lambda: asyncio.run(_beside_heartbeat(lesson.many(count, plan.seconds)))),
        (Step("cpu-in-turn", "CPU one after another"), "sequential", k, lambda: [lesson.crunch(n_task) for _ in range(k)]),
        (Step("cpu-on-loop", "CPU as coroutines"), "asyncio", k, lambda: asyncio.run(_beside_heartbeat(lesson.crunch_all(k, n_task)))),
    )
    base = None
    for step, mode, workers, run in measured:
        plan.started(step, mode, loop_label)
        cpu0 = time.process_time()
        wall, value = _timed(run)
        steps.add_cpu((time.process_time() - cpu0) * 1000)
        if mode == "sequential":
            base = wall
            # Only the CPU baseline is timed again: the waits keep their time whatever the CPU's speed.
            plan.set_baseline(wall, (lambda run=run: _timed(run)[0]) if step.id == "cpu-in-turn" else None)
            plan.finish(step, mode, workers, wall, 0, None, 1.0, {})
        else:
            plan.finish(step, mode, workers, wall, 0, None, base / wall, {"stallMs": value[1], **plan.around(base / wall)})


# The hybrid lesson's workload, as the lab's simulated program defines it (src/lessons/hybrid/program.ts),
# so the two engines run the same pipeline: four items per I/O thread, each computing for the
# "CPU seconds per item" control and waiting as long again, half before (fetch) and half after (store).
ITEMS_PER_THREAD = 4


@contextlib.contextmanager
def _ready_pool(lesson_id, size):
    """A process pool with every process started and the lesson loaded in each, before any clock
    starts (the lab starts its pool before its clock too). A ProcessPoolExecutor starts its processes
    as tasks arrive, and one process can serve every warm-up call while the others still start; the
    barrier makes each process take one."""
    barrier = steps.MP.Barrier(size)
    with concurrent.futures.ProcessPoolExecutor(size, mp_context=steps.MP, initializer=child.join_pool, initargs=(barrier,)) as pool:
        for future in [pool.submit(child.pool_ready, lesson_id) for _ in range(size)]:
            future.result(steps.WAIT_LIMIT_S)
        yield pool


def hybrid(plan):
    lesson = plan.lesson
    items = plan.workers * ITEMS_PER_THREAD
    io_s = plan.seconds / 2
    n_task = _sized(lesson.process, plan.seconds)
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
            with _ready_pool(plan.lesson_id, pool_size) as procs:
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
        plan.finish(step, mode, plan.workers, wall, 0, None, base / wall if base else None, {"items": items})
