"""The lab's harness: runs one lesson's own Python code on this interpreter and measures around it.

Started by the lab as `python -I run.py --lesson ID ...`; writes JSON lines on stdout (hello,
calibrated, step-started, segments, step-finished, error, done). It never reads code from anyone:
the lesson is a file of python/lessons, chosen by id. Its stdin stays open while the lab lives;
end of input means the lab died, and the harness then stops its children and exits at once.
"""
import argparse
import json
import multiprocessing
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # -I leaves the script's folder off

import clock  # noqa: E402
import lessons  # noqa: E402
import plans  # noqa: E402
import plans_gil  # noqa: E402
import plans_more  # noqa: E402

PLANS = {
    "cpu-bound": plans.cpu_bound,
    "io-bound": plans.io_bound,
    "scaling": plans.scaling,
    "switch-interval": plans.switch_interval,
    "convoy": plans.convoy,
    "native-release": plans.native_release,
    "process-cost": plans_more.process_cost,
    "asyncio": plans_more.asyncio_lesson,
    "hybrid": plans_more.hybrid,
    "counter-race": plans_gil.counter_race,
    "free-threaded": plans_gil.free_threaded,
    "subinterpreters": plans_gil.subinterpreters,
}
# Lessons whose size comes from the sum loop's speed on this interpreter.
CALIBRATED = {"cpu-bound", "scaling", "switch-interval", "convoy", "native-release", "hybrid", "free-threaded", "subinterpreters", "process-cost"}
_out = threading.Lock()


def emit(message):
    line = json.dumps(message, separators=(",", ":"))
    with _out:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def die_with_the_lab():
    """Watches stdin: the lab never writes to it, so end of input means the lab has gone."""

    def watch():
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except (OSError, ValueError):
            pass
        for proc in multiprocessing.active_children():
            proc.kill()
        os._exit(70)

    threading.Thread(target=watch, daemon=True).start()


def calibrate(lesson):
    """Iterations of the lesson's loop per ms on this interpreter, and the usual gap between stamps."""
    crunch = getattr(lesson, "crunch", None) or lessons.load("cpu-bound").crunch
    n = 100_000
    while True:
        stamps = clock.Stamps(1, 0, 0)
        start = time.perf_counter_ns()
        crunch(n, stamps.tick_for(0))
        elapsed = time.perf_counter_ns() - start
        if elapsed > 150 * clock.NS_PER_MS or n > 1 << 30:
            break
        n *= 2
    periods = [b - a for a, b in zip(stamps.lists[0], stamps.lists[0][1:])]
    period = clock.median(periods) or elapsed
    return n / (elapsed / clock.NS_PER_MS), period


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lesson", required=True)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--switch-ms", type=float, default=5.0)
    parser.add_argument("--modes", default="")
    parser.add_argument("--intervals", default="1,5,20")
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--baseline-each-step", action="store_true")
    args = parser.parse_args()
    die_with_the_lab()
    gil = getattr(sys, "_is_gil_enabled", None)
    emit({"type": "hello", "version": ".".join(map(str, sys.version_info[:3])), "gilEnabled": bool(gil()) if gil else True})
    try:
        if args.lesson not in PLANS:
            raise ValueError(f"{args.lesson} has no real-CPython counterpart")
        refusal = plans_gil.needs(args.lesson)
        if refusal:
            emit({"type": "error", "message": refusal})
            sys.stdout.flush()
            os._exit(3)
        lesson = lessons.load(args.lesson)
        sys.setswitchinterval(args.switch_ms / 1000)
        per_ms, period_ns = calibrate(lesson) if args.lesson in CALIBRATED else (1.0, 0)
        # The calibration's "not running" gap (four stamp periods, never below 0.3 ms so the OS's
        # own timer jitter is not read as a lost turn) only stands in until a step has measured its
        # own period: clock.RunReader then reads the step by that (a busier machine slows the loop).
        gap_ns = max(300_000, 4 * period_ns)
        emit({"type": "calibrated", "perMs": per_ms, "stampPeriodMs": period_ns / clock.NS_PER_MS, "gapMs": gap_ns / clock.NS_PER_MS})
        request = {
            "workers": args.workers, "seconds": args.seconds, "cores": args.cores,
            "modes": [m for m in args.modes.split(",") if m],
            "intervals": [float(x) for x in args.intervals.split(",") if x],
            "baselineEachStep": args.baseline_each_step,
        }
        PLANS[args.lesson](plans.Plan(emit, args.lesson, lesson, request, per_ms, gap_ns, period_ns))
        emit({"type": "done"})
    except Exception as exc:
        emit({"type": "error", "message": f"{type(exc).__name__}: {exc}"})
        sys.stdout.flush()
        os._exit(1)
    sys.stdout.flush()
    os._exit(0)  # daemon threads (the stdin watch) must not hold the exit


if __name__ == "__main__":
    main()
