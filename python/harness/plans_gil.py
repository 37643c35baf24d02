"""Lessons about what the GIL does and does not guard, and about interpreters without one: the
counter race, subinterpreters (3.14+) and the free-threaded build. Each needs of the interpreter
what `needs()` says; run.py asks it first and refuses in one sentence."""
import sys
import sysconfig
import threading
import time

import clock
import steps
from plans import Step

COUNTER_PER_MILLION = 1_000_000


def free_threaded_build():
    return bool(sysconfig.get_config_var("Py_GIL_DISABLED"))


def needs(lesson_id):
    """Why this interpreter cannot run the lesson, as one sentence, or None."""
    version = ".".join(map(str, sys.version_info[:3]))
    if lesson_id == "subinterpreters" and sys.version_info < (3, 14):
        return f"The subinterpreters lesson needs CPython 3.14 or newer (concurrent.interpreters); this is {version}."
    if lesson_id == "free-threaded" and not free_threaded_build():
        return f"The free-threaded lesson needs a free-threaded build (python3.13t or python3.14t); CPython {version} has the GIL."
    return None


def counter_race(plan):
    """Threads bump the lesson's global counter: under the GIL alone, then inside its Lock."""
    lesson = plan.lesson
    times = max(1000, int(plan.seconds * COUNTER_PER_MILLION))
    n = plan.workers
    for step, fn in ((Step("gil", "under the GIL, no lock"), lesson.count_up), (Step("lock", "with a threading.Lock"), lesson.count_up_locked)):
        lesson.counter = 0
        plan.started(step, "threads", [f"thread {i + 1}" for i in range(n)])
        # With the lock, a thread blocks on it and gives the GIL up: a gap in its stamps ends its turn.
        waits = step.id == "lock"
        wall, startup, stamps, _ = plan.run_threads(step, "threads", [lambda t, fn=fn: fn(times, t)] * n, waits)
        expected = n * times
        actual = lesson.counter
        plan.finish(step, "threads", n, wall, startup, stamps, None, {"expected": expected, "actual": actual, "lost": expected - actual}, waits=waits)


def free_threaded(plan):
    """sequential and threads of the same loop on a free-threaded build, GIL off (as started).

    The lab's lesson also measures threads under the GIL and one thread's price against a GIL build;
    neither has a counterpart here: a free-threaded CPython cannot turn its GIL back on once started
    (PYTHON_GIL is read at start-up), and the price needs a GIL build of the same version beside it.
    The side-by-side explanation names those steps."""
    if plan.lesson.gil_enabled():
        raise RuntimeError("this free-threaded build is running with its GIL on (PYTHON_GIL=1 or -X gil=1), so threads would take turns")
    asked = plan.request["modes"] or ["sequential", "free-threaded"]
    # With the GIL off, threads are free-threaded threads: one step for either.
    for mode in ["sequential"] * ("sequential" in asked) + ["free-threaded"] * bool({"threads", "free-threaded"} & set(asked)):
        plan.standard(mode, "crunch", plan.size(plan.seconds))  # gil_use reads no GIL: no switches


def _interpreter_body(interp, path, n):
    """Runs the lesson's crunch inside `interp`: its source is loaded there, nothing is shared."""
    interp.exec(
        "import importlib.util as _u\n"
        f"_s = _u.spec_from_file_location('gil_lab_lesson', {path!r})\n"
        "_m = _u.module_from_spec(_s)\n"
        "_s.loader.exec_module(_m)\n"
        f"_m.crunch({n}, lambda: None)\n"
    )


def subinterpreters(plan):
    """sequential, threads and processes as cpu-bound does, and an interpreter per worker between them."""
    from concurrent import interpreters  # 3.14+: needs() has checked

    n_task = plan.size(plan.seconds)
    n = plan.workers
    path = plan.lesson.__file__
    for mode in plan.request["modes"] or ["sequential", "threads", "interpreters", "processes"]:
        if mode != "interpreters":
            plan.standard(mode, "crunch", n_task)
            continue
        step = Step("interpreters", "interpreters")
        plan.started(step, "interpreters", [f"interpreter {i + 1}" for i in range(n)])
        spawned = time.perf_counter_ns()
        made = [interpreters.create() for _ in range(n)]
        stamps = clock.Stamps(n, plan.gap_ns, 0, shared=False)  # each interpreter has a GIL of its own
        try:
            ready = threading.Barrier(n + 1)
            errors = []

            def lane(i):
                tick = stamps.tick_for(i)
                ready.wait(steps.WAIT_LIMIT_S)
                tick()
                try:
                    _interpreter_body(made[i], path, n_task)
                except Exception as exc:
                    errors.append(f"{type(exc).__name__}: {exc}")
                tick()

            threads = [threading.Thread(target=lane, args=(i,), daemon=True) for i in range(n)]
            for t in threads:
                t.start()
            ready.wait(steps.WAIT_LIMIT_S)
            startup = (time.perf_counter_ns() - spawned) / clock.NS_PER_MS
            stamps.t0_ns = t0 = time.perf_counter_ns()
            for t in threads:
                t.join(steps.WAIT_LIMIT_S)
            wall = (time.perf_counter_ns() - t0) / clock.NS_PER_MS
        finally:
            for interp in made:
                interp.close()
        if errors:
            raise RuntimeError(errors[0])
        speedup = plan.baseline_ms / wall if plan.baseline_ms else None
        plan.finish(step, "interpreters", n, wall, startup, stamps, speedup, {"startMs": startup})
