"""What the OS kept of the switch interval while a step ran: how late it woke timed waits of the
interval, and how long the step's threads stood ready to run with no core to run on.

A real thread that wants the GIL asks for it only when its timed wait of the interval returns and
the OS has given it a core again; every turn runs that much past the interval. Both delays are the
machine's, not the interpreter's, and neither can be read from the threads' stamps (they show when
a turn ended, not when the waiter's interval ran out: "lateness" read from them would only restate
the turn lengths). Measured on a 2-core VM with a third program keeping one core busy, 1 ms turns
ran 2.8 to 3.1 ms: the timed waits were only 0.08 ms late, but each switch left the threads
1.4 to 1.9 ms ready without a core (Linux lets a thread that has been running wait for the next
tick before it gets a core back, while a thread that mostly sleeps, such as a probe, gets one
at once). Interval plus both delays matched the mean turn within 6 % at 1, 5 and 20 ms, quiet
or busy. So both are measured:

- the timer: a probe process (timer_probe.py) takes timed waits of the interval beside the step;
- the core: on Linux the workers' run delay (schedstat: the time a thread was runnable but not
  running) while they took turns (RunDelays); elsewhere None.
"""
import json
import os
import subprocess
import sys
import threading

NS_PER_MS = 1_000_000
PROBE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "timer_probe.py")
# The probe is a bare interpreter that prints one line; seconds on the slowest machine.
START_LIMIT_S = 10
ANSWER_LIMIT_S = 10


def _run_delay_ns(path):
    try:
        with open(path) as f:
            return int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None


class RunDelays:
    """The workers' time ready to run without a core while they took turns (Linux; None elsewhere).

    Each worker notes its own figure as it starts; the first to finish reads everyone's, because
    from then on nobody takes turns and another program taking the last worker's core would
    lengthen no turn. Two threads ready at once are both counted, so on a crowded machine the sum
    can run ahead of the turns' own delay (read it as an upper bound)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._start = {}  # native thread id -> run delay (ns) at its start
        self._total = None
        self._failed = False

    def begin(self):
        tid = threading.get_native_id()
        delay = _run_delay_ns("/proc/thread-self/schedstat")
        with self._lock:
            if delay is None:
                self._failed = True
            else:
                self._start[tid] = delay

    def end(self):
        with self._lock:
            if self._total is not None or self._failed:
                return
            now = {tid: _run_delay_ns(f"/proc/self/task/{tid}/schedstat") for tid in self._start}
            if any(v is None for v in now.values()):
                self._failed = True
                return
            self._total = sum(now[tid] - start for tid, start in self._start.items())

    def total_ms(self):
        return None if self._failed or self._total is None else self._total / NS_PER_MS


def _line_within(stream, limit_s):
    """One line from `stream`, or None if none came within `limit_s` (every wait has a time limit)."""
    box = []
    reader = threading.Thread(target=lambda: box.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(limit_s)
    return box[0] if box else None


class TimerProbe:
    """A probe process taking timed waits of `interval_ms` from start() to stop(); stop() gives the
    waits that fell inside the step's window. Any failure leaves it None: the step still runs,
    and the lab then says nothing about the OS rather than guess."""

    def __init__(self, interval_ms):
        self.interval_ms = interval_ms
        self.proc = None

    def start(self):
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", PROBE, repr(float(self.interval_ms))],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            )
            if (_line_within(self.proc.stdout, START_LIMIT_S) or b"").strip() != b"ready":
                self._end()
        except OSError:
            self.proc = None
        return self

    def stop(self, start_ns, end_ns):
        """Lateness (ms) of each wait that started and ended inside [start_ns, end_ns], or None."""
        if self.proc is None:
            return None
        try:
            self.proc.stdin.write(f"{start_ns} {end_ns}\n".encode())
            self.proc.stdin.close()
            line = _line_within(self.proc.stdout, ANSWER_LIMIT_S)
            return [ns / NS_PER_MS for ns in json.loads(line)] if line else None
        except (OSError, ValueError):
            return None
        finally:
            self._end()

    def _end(self):
        proc, self.proc = self.proc, None
        if proc is None:
            return
        try:
            proc.wait(ANSWER_LIMIT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(ANSWER_LIMIT_S)


def _quantile(ordered, q):
    return ordered[int(q * (len(ordered) - 1))] if ordered else None


def os_timing(interval_ms, late_ms, run_delay_ms, switches):
    """The step's `osTiming` (src/shared/os-timing.ts): the probe's waits with their median and 90th
    percentile lateness, and the workers' run delay while they took turns, with the switches it spread over."""
    ordered = sorted(late_ms or [])
    return {
        "intervalMs": interval_ms,
        "timedWaits": len(ordered),
        "timerLateMs": max(0.0, _quantile(ordered, 0.5)) if ordered else None,
        "timerLateP90Ms": max(0.0, _quantile(ordered, 0.9)) if ordered else None,
        "runDelayMs": run_delay_ms,
        "switches": switches,
    }
