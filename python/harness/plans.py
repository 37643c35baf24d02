"""What each lesson runs on real CPython: its steps, sizes and figures. The work itself is the
lesson's own code (python/lessons/<id>.py); this file only decides how many, how big, and in what.
"""
import asyncio
import concurrent.futures
import math
import pickle
import sys
import threading
import time

import clock
import os_delays
import steps


class Step:
    """A step as the lab names it: `id`, the one the lab's simulated lesson gives the same step
    (what the lab finds it by), and `label`, only ever shown."""

    def __init__(self, step_id, label):
        self.id, self.label = step_id, label


def gil_on():
    """False on a free-threaded build running without its GIL (3.13+); then threads run at once."""
    check = getattr(sys, "_is_gil_enabled", None)
    return bool(check()) if check else True


def mode_step(mode):
    """A step named after its mode, as the lessons whose steps are their modes name them."""
    return Step(mode, mode)


class Plan:
    """One run: the request, this interpreter's calibration, and how to report a finished step."""

    def __init__(self, emit, lesson_id, lesson, request, per_ms, gap_ns, period_ns=0):
        """`gap_ns` and `period_ns` are the calibration's. The gap stands in only until a step has
        measured its own stamp period (clock.RunReader); the figures use the step's period alone,
        as a machine busier than at calibration slows the loop (0.44 ms a chunk against 0.23)."""
        self.emit, self.lesson_id, self.lesson, self.request = emit, lesson_id, lesson, request
        self.per_ms, self.gap_ns = per_ms, gap_ns
        self.workers = request["workers"]
        self.seconds = request["seconds"]
        self.baseline_ms = None
        self._again = None
        self._last_baseline_ms = None

    def set_baseline(self, wall_ms, again):
        """The run's baseline, and `again()`: its work timed once more, reporting nothing. With
        `baselineEachStep` every step compared with it times it again right after (see `around`)."""
        self.baseline_ms = self._last_baseline_ms = wall_ms
        self._again = again if self.request.get("baselineEachStep") else None

    def around(self, speedup):
        """With `baselineEachStep`, the step's speedup against the baseline as it ran around the step:
        the geometric mean of its time just before the step (the last one taken) and just after.
        This interpreter's loop can change speed by half between one second and the next on a
        shared VM (the scaling lesson's 1-task baseline read 0.50 and 0.79 s in two rounds minutes
        apart), and a speedup divides two times taken seconds apart. Metrics to add to the step's."""
        if self._again is None or speedup is None or not self.baseline_ms:
            return {}
        saved = steps.cpu["ms"]
        try:
            after = self._again()
        finally:
            steps.cpu["ms"] = saved  # the step's CPU figure is the step's own
        before, self._last_baseline_ms = self._last_baseline_ms, after
        around = math.sqrt(before * after)
        return {"baselineBeforeMs": before, "baselineAfterMs": after, "baselineAroundMs": around, "speedupAround": speedup * around / self.baseline_ms}

    def size(self, seconds):
        return max(4096, int(self.per_ms * seconds * 1000))

    def started(self, step, mode, labels):
        steps.cpu["ms"] = None
        self.emit({"type": "step-started", "stepId": step.id, "step": step.label, "mode": mode, "workers": len(labels), "labels": labels})

    @staticmethod
    def gil_use(mode, waits=False):
        """How a step's threads use the GIL (clock.gil_figures): none to share on a free-threaded build
        running without it; hashlib's threads (native) hold it only between their hashes."""
        if mode == "free-threaded" or not gil_on():
            return clock.NO_GIL
        if mode == "native":
            return clock.APART
        return clock.WAITS if waits else clock.COMPUTE

    def run_threads(self, step, mode, bodies, waits=False, quiet=False):
        """steps.run_threads for this plan's step: runs read as the threads of `mode` use the GIL;
        `quiet`: a baseline timed again, its segments not sent."""
        shared = self.gil_use(mode, waits) in (clock.COMPUTE, clock.WAITS)
        return steps.run_threads((lambda _line: None) if quiet else self.emit, step.id, bodies, self.gap_ns, one_lane=mode == "sequential", shared=shared)

    def finish(self, step, mode, workers, wall_ms, startup_ms, stamps, speedup=None, metrics=None, switch_ms=None, figures=None, extra=None, waits=False):
        """Reports a finished step. `stamps` (clock.Stamps, None without any) gives threads their turn
        figures, read as `waits` says (some of the threads sleep or block); `figures`
        (clock.gil_figures' shape) when the plan read them itself, `extra` for fields of the line
        only some steps carry (`osTiming`)."""
        if figures is None:
            threads = stamps is not None and mode in ("threads", "native", "free-threaded")
            figures = clock.gil_figures(stamps.lists, stamps.t0_ns, wall_ms, self.gil_use(mode, waits)) if threads else {}
        self.emit({**(extra or {}),
            "type": "step-finished", "stepId": step.id, "step": step.label, "cpuMs": steps.cpu["ms"], "mode": mode, "workers": workers, "tasks": workers,
            "taskSeconds": self.seconds, "switchMs": switch_ms if switch_ms is not None else sys.getswitchinterval() * 1000,
            "wallMs": wall_ms, "startupMs": startup_ms, "speedup": speedup,
            "switches": figures.get("switches", 0), "metrics": metrics or {},
        })
        return figures

    def standard(self, mode, fn_name, arg, labels=None, waits=False):
        """sequential / threads / processes of the same task, as the cpu-bound and io-bound lessons do;
        `waits`: the task sleeps or blocks."""
        fn = getattr(self.lesson, fn_name)
        n = self.workers
        step = mode_step(mode)
        self.started(step, mode, labels or (["main thread"] if mode == "sequential" else [f"{mode[:-2] if mode == 'processes' else 'thread'} {i + 1}" for i in range(n)]))
        bodies = [lambda tick: fn(arg, tick) for _ in range(n)]
        if mode == "processes":
            wall, startup, stamps, _ = steps.run_processes(self.emit, step.id, self.lesson_id, fn_name, [(arg,)] * n, self.gap_ns)
        else:
            wall, startup, stamps, _ = self.run_threads(step, mode, bodies, waits)
        if mode == "sequential":
            # A baseline that only waits keeps its time whatever the CPU's speed: timed once.
            self.set_baseline(wall, None if waits else lambda: self.run_threads(step, mode, bodies, quiet=True)[0])
        speedup = self.baseline_ms / wall if self.baseline_ms else None
        self.finish(step, mode, n, wall, startup, stamps, speedup, self.around(speedup) if mode != "sequential" else None, waits=waits)


def cpu_bound(plan):
    for mode in plan.request["modes"] or ["sequential", "threads", "processes"]:
        plan.standard(mode, "crunch", plan.size(plan.seconds))


def io_bound(plan):
    for mode in plan.request["modes"] or ["sequential", "threads"]:
        plan.standard(mode, "fetch", plan.seconds, waits=True)


def worker_counts(most):
    """1, 2, 4, ... below `most`, then `most` itself: the counts the lab's scaling lesson measures."""
    counts, n = [], 1
    while n < most:
        counts.append(n)
        n *= 2
    return counts + [most]


def scaling(plan):
    n_task = plan.size(plan.seconds)
    alone = Step("alone", "1 task alone")
    plan.started(alone, "sequential", ["main thread"])
    task = [lambda t: plan.lesson.crunch(n_task, t)]
    one, startup, stamps, _ = plan.run_threads(alone, "sequential", task)
    plan.set_baseline(one, lambda: plan.run_threads(alone, "sequential", task, quiet=True)[0])
    plan.finish(alone, "sequential", 1, one, startup, stamps, 1.0, {"ideal": 1})
    counts = worker_counts(plan.workers)
    for mode in [m for m in plan.request["modes"] or ["threads", "processes"] if m in ("threads", "processes")]:
        for n in counts:
            step = Step(f"{mode}-{n}", f"{n} {mode if n > 1 else mode[:-1] if mode == 'threads' else 'process'}")
            plan.started(step, mode, [f"worker {i + 1}" for i in range(n)])
            if mode == "processes":
                wall, startup, stamps, _ = steps.run_processes(plan.emit, step.id, plan.lesson_id, "crunch", [(n_task,)] * n, plan.gap_ns)
            else:
                wall, startup, stamps, _ = plan.run_threads(step, mode, [lambda t: plan.lesson.crunch(n_task, t)] * n)
            speedup = one * n / wall
            plan.finish(step, mode, n, wall, startup, stamps, speedup, {"ideal": min(n, plan.request["cores"]), **plan.around(speedup)})


def switch_interval(plan):
    """Each interval in turn: the lesson's threads, their turns read from all their stamps in time
    order, and what the OS kept of the interval meanwhile (os_delays)."""
    n_task = plan.size(plan.seconds)
    for interval_ms in plan.request["intervals"]:
        # "interval-5", "interval-0.2": the number written as the lab writes it (no trailing ".0").
        step = Step(f"interval-{interval_ms:g}", f"{interval_ms:g} ms interval")
        run_delays = os_delays.RunDelays()

        def body(tick):
            run_delays.begin()
            try:
                return plan.lesson.crunch(n_task, tick)
            finally:
                run_delays.end()

        plan.started(step, "threads", [f"thread {i + 1}" for i in range(plan.workers)])
        probe = os_delays.TimerProbe(interval_ms).start()
        sys.setswitchinterval(interval_ms / 1000)
        stamps = None
        try:
            wall, startup, stamps, _ = plan.run_threads(step, "threads", [body] * plan.workers)
        finally:
            sys.setswitchinterval(0.005)
            end_ns = time.perf_counter_ns()
            late = probe.stop(stamps.t0_ns if stamps else end_ns, end_ns)
        figures = clock.gil_figures(stamps.lists, stamps.t0_ns, wall, plan.gil_use("threads"))
        plan.finish(step, "threads", plan.workers, wall, startup, stamps, None, {
            "intervalMs": interval_ms, "medianHoldMs": figures["medianHoldMs"], "meanHoldMs": figures["meanHoldMs"],
            "switchesPerSecond": figures["switchesPerSecond"], "medianWaitMs": figures["medianWaitMs"],
        }, switch_ms=interval_ms, figures=figures, extra={"osTiming": os_delays.os_timing(interval_ms, late, run_delays.total_ms(), figures["switches"])})


CONVOY_REQUESTS = 50
# The simulation's request waits as long (WAIT_MS in src/lessons/convoy/program.ts): a response
# time, wait included, reads the same on both engines only for the same wait.
CONVOY_WAIT_S = 0.0005


def convoy(plan):
    alone = None
    n_task = plan.size(plan.seconds)
    for step in (Step("alone", "I/O alone"), Step("beside", "I/O beside a CPU thread"), Step("apart", "CPU work in a process")):
        serve = lambda t: plan.lesson.serve(CONVOY_REQUESTS, CONVOY_WAIT_S, t)
        if step.id == "apart":
            plan.started(step, "processes", ["I/O thread", "CPU process"])
            spawned = time.perf_counter()
            box = {}
            thread = threading.Thread(target=lambda: box.update(r=steps.run_processes(plan.emit, step.id, plan.lesson_id, "crunch", [(n_task,)], plan.gap_ns)))
            thread.start()
            time.sleep(0.3)  # let the process start before the I/O thread begins asking
            wall, startup, stamps, values = plan.run_threads(step, "threads", [serve], waits=True)
            thread.join(steps.WAIT_LIMIT_S)
            wall = (time.perf_counter() - spawned) * 1000
        else:
            labels = ["I/O thread"] + (["CPU thread"] if step.id == "beside" else [])
            plan.started(step, "threads", labels)
            bodies = [serve] + ([lambda t: plan.lesson.crunch(n_task, t)] if step.id == "beside" else [])
            wall, startup, stamps, values = plan.run_threads(step, "threads", bodies, waits=True)
        response_ms = sorted(x * 1000 for x in values[0])
        med = clock.median(response_ms)
        alone = med if alone is None else alone
        plan.finish(step, "processes" if step.id == "apart" else "threads", len(bodies) if step.id != "apart" else 2, wall, startup, stamps, None, {
            "medianLatencyMs": med, "p95LatencyMs": response_ms[int(0.95 * (len(response_ms) - 1))], "requests": len(response_ms),
            "slowdown": med / alone if alone else None,
        }, waits=True)


def native_release(plan):
    one = time.perf_counter()
    plan.lesson.digest(4, lambda: None)
    per_round_s = (time.perf_counter() - one) / 4
    rounds = max(1, int(plan.seconds / per_round_s))
    base = None
    for mode in plan.request["modes"] or ["sequential", "threads", "native"]:
        labels = ["main thread"] if mode == "sequential" else [f"thread {i + 1}" for i in range(plan.workers)]
        step = mode_step(mode)
        plan.started(step, mode, labels)
        if mode == "threads":  # the same threads running pure Python: the GIL serialises them
            n_task = plan.size(plan.seconds)
            bodies = [lambda t: plan.lesson.crunch(n_task, t)] * plan.workers
        else:
            bodies = [lambda t: plan.lesson.digest(rounds, t)] * plan.workers
        wall, startup, stamps, _ = plan.run_threads(step, mode, bodies)
        if mode == "sequential":
            base = wall
            plan.set_baseline(wall, lambda bodies=bodies, step=step: plan.run_threads(step, "sequential", bodies, quiet=True)[0])
        speedup = base / wall if base and mode != "threads" else None
        plan.finish(step, mode, plan.workers, wall, startup, stamps, speedup, plan.around(speedup) if mode != "sequential" else None)
