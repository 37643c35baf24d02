"""Who ran when, from each thread's own clock.

A worker calls tick() every few thousand iterations; tick() appends perf_counter_ns() to that
worker's own list (an append is atomic under the GIL and cheap without it). Between two stamps the
thread was running; a gap much longer than the usual stamp period means it was not (it lost the GIL,
slept, or the OS took its core). Nothing here can tell those apart, so a segment says only "running".
"""
import bisect
import collections
import heapq
import time

NS_PER_MS = 1_000_000


# A worker that misses this many of the step's own stamp periods was not running (it slept, blocked,
# or the OS took its core); never below MIN_GAP_NS, so the OS's timer jitter is not a lost run.
GAP_PERIODS = 4
MIN_GAP_NS = 300_000
# Intervals the live reading keeps to measure the period: the step's latest, so a machine that
# slows the loop part way through moves the period with it; a few thousand sort in well under 1 ms.
LIVE_INTERVALS = 4096
# Fewer intervals than this and the step has not measured its period yet: the calibration's gap stands in.
MIN_INTERVALS = 8


class RunReader:
    """Reads runs from stamps as they come, against the stamp period measured in this step.

    `shared`: the workers are threads of one interpreter with the GIL on, so only one runs Python at
    a time and every stamp is taken holding the GIL. A run then ends where another worker's stamp
    comes next (no threshold: a threshold outgrown by a slowed loop hid the other thread's short
    turns inside a run, and 1 ms turns read 4 to 139 ms), and the period is the usual time between
    two stamps of one run. Otherwise (processes, subinterpreters, hashlib without the GIL, a
    free-threaded build) workers run at once, each read on its own, and the period is the usual
    time between two of a worker's stamps. In both a worker's run also ends at a gap of
    GAP_PERIODS periods with none of its stamps: it slept, blocked or lost its core."""

    def __init__(self, workers, shared, fallback_gap_ns=MIN_GAP_NS, keep=LIVE_INTERVALS):
        self.shared, self.fallback_gap_ns = shared, fallback_gap_ns
        self.intervals = collections.deque(maxlen=keep)
        self._open = [None] * workers  # per worker: [start, last stamp] of its open run
        self._last = [None] * workers  # per worker: its latest stamp read
        self._latest = None  # shared: (worker, stamp) of the latest stamp read of anyone
        self._holder = None  # shared: the worker whose run is open
        self._period_ns = 0  # measured by each feed: a sort of the intervals kept, once per feed

    def period_ns(self):
        """The lower quartile of the intervals, not their median: convoy's lone I/O thread stamps just
        before and just after each of its sleeps, and half its intervals are sleeps. 0 until
        measured (io-bound's threads stamp twice each, around one sleep: no period at all)."""
        return self._period_ns

    def _measure(self):
        if len(self.intervals) < MIN_INTERVALS:
            return 0
        ordered = sorted(self.intervals)
        return ordered[len(ordered) // 4]

    def gap_ns(self):
        period = self.period_ns()
        return max(MIN_GAP_NS, GAP_PERIODS * period) if period else self.fallback_gap_ns

    def feed(self, slices, final=False):
        """Each worker's new stamps (in order); returns the runs closed by them as (worker, first stamp,
        last stamp, the stamp that closed it or None) in ns, in order of their end; `final` closes
        the open runs too."""
        if self.shared:
            order = list(heapq.merge(*[[(s, w) for s in stamps] for w, stamps in enumerate(slices)]))
            latest = self._latest
            for stamp, worker in order:
                if latest is not None and latest[0] == worker:
                    self.intervals.append(stamp - latest[1])
                latest = (worker, stamp)
            self._latest = latest
        else:
            order = []
            for worker, stamps in enumerate(slices):
                last = self._last[worker]
                for stamp in stamps:
                    if last is not None:
                        self.intervals.append(stamp - last)
                    last = stamp
                self._last[worker] = last
                order.extend((s, worker) for s in stamps)
        self._period_ns = self._measure()
        gap = self.gap_ns()
        out = []
        for stamp, worker in order:
            # Under one GIL the run open is the holder's, and any other worker's stamp ends it.
            current = self._holder if self.shared else worker
            run = self._open[current] if current is not None else None
            if current == worker and run is not None and stamp - run[1] <= gap:
                run[1] = stamp
                continue
            if current is not None:
                self._close(current, out, stamp)
            self._open[worker] = [stamp, stamp]
            self._holder = worker
        if final:
            for worker in range(len(self._open)):
                self._close(worker, out)
        return out

    def _close(self, worker, out, next_ns=None):
        run = self._open[worker]
        if run is not None:
            out.append((worker, run[0], run[1], next_ns))
            self._open[worker] = None


class Stamps:
    """Per-worker stamp lists, read into runs live while the step goes (see RunReader)."""

    def __init__(self, workers, gap_ns, t0_ns, shared=True):
        """`gap_ns`, the calibration's gap, stands in only until the step has measured its own period."""
        self.lists = [[] for _ in range(workers)]
        self.t0_ns = t0_ns
        self.reader = RunReader(workers, shared, gap_ns)
        self._read = [0] * workers  # per worker: how many of its stamps were read
        self._last_end = None  # shared: the last stamp of the run drawn last

    def tick_for(self, worker):
        append = self.lists[worker].append
        clock = time.perf_counter_ns

        def tick():
            append(clock())

        return tick

    def drain(self, final=False):
        """Closed runs since the last call, as segments in ms since t0; `final` closes open runs too.

        Only stamps up to now are read, from every list alike: a list read a moment after another
        could hold a stamp later than one the other gets next, and threads sharing one GIL are
        read in the time order of all their stamps together."""
        cutoff = None if final else time.perf_counter_ns()
        slices = []
        for worker, stamps in enumerate(self.lists):
            end = len(stamps) if cutoff is None else bisect.bisect_right(stamps, cutoff, self._read[worker], len(stamps))
            slices.append(stamps[self._read[worker]:end])
            self._read[worker] = end
        runs = self.reader.feed(slices, final)
        if not self.reader.shared:
            return [self._segment(w, a, b) for (w, a, b, _) in runs if b > a]
        # Threads taking turns: each run widened as holds() widens a turn (half a period at each end,
        # never past the midpoint to its neighbour), so a turn of one stamp is drawn too, not lost.
        half = self.reader.period_ns() / 2
        out = []
        for worker, first, last, next_ns in runs:
            begin = first if self._last_end is None else max(first - half, (self._last_end + first) / 2)
            end = last if next_ns is None else min(last + half, (last + next_ns) / 2)
            self._last_end = last
            if end > begin:
                out.append(self._segment(worker, begin, end))
        return out

    def _segment(self, worker, start_ns, end_ns):
        return {"worker": worker, "start": (start_ns - self.t0_ns) / NS_PER_MS, "end": (end_ns - self.t0_ns) / NS_PER_MS}


def median(values):
    ordered = sorted(values)
    if not ordered:
        return None
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def holds(merged, period_ms):
    """Each turn from the moment its thread took the GIL to the moment it let go, as best the stamps tell.

    A turn's first stamp comes up to one stamp period after the thread took the GIL (it resumes
    mid-chunk), its last up to one period before it let go: first-to-last stamp falls short of the
    hold by one period on average (at 1 ms with a 0.2 ms period, a fifth). Half a period is added at
    each end, never past the midpoint of the gap to the neighbouring turn, where the handover is.
    The first turn keeps its first stamp and the last its last (they are cut by the step anyway)."""
    half = period_ms / 2
    bounds = []
    for i, (worker, start, end) in enumerate(merged):
        begin = max(start - half, (merged[i - 1][2] + start) / 2) if i > 0 else start
        finish = min(end + half, (end + merged[i + 1][1]) / 2) if i + 1 < len(merged) else end
        bounds.append((worker, begin, finish))
    return bounds


def read_runs(lists, t0_ns, shared):
    """A finished step's runs read at once (RunReader, its period measured over the whole step) as
    (worker, first stamp, last stamp) in ms since t0 in time order, and that period in ms."""
    reader = RunReader(len(lists), shared, keep=None)
    runs = [(w, (a - t0_ns) / NS_PER_MS, (b - t0_ns) / NS_PER_MS) for (w, a, b, _) in reader.feed(lists, final=True)]
    return sorted(runs, key=lambda run: run[1]), reader.period_ns() / NS_PER_MS


def _joined(runs):
    """A worker's consecutive runs with nobody else in between, as one turn: among threads that only
    compute, a gap with no other stamp is the OS pausing the holder, which kept the GIL."""
    turns = []
    for worker, start, end in runs:
        if turns and turns[-1][0] == worker:
            turns[-1] = (worker, turns[-1][1], end)
        else:
            turns.append((worker, start, end))
    return turns


def _handoffs(lists):
    """Changes of worker between consecutive stamps of all workers in time order: each stamp is taken
    holding the GIL, so each change is at least one switch."""
    changes, last = 0, None
    for _, worker in heapq.merge(*[[(s, w) for s in stamps] for w, stamps in enumerate(lists)]):
        changes += last is not None and worker != last
        last = worker
    return changes


# How a step's threads use the GIL, for gil_figures.
COMPUTE = "compute"  # they share it and only compute: a turn ends where another's stamp comes next
WAITS = "waits"  # they share it and some sleep or block: a gap of the step's own periods ends a turn too
APART = "apart"  # they release it for long stretches (hashlib) and run at once meanwhile
NO_GIL = "no-gil"  # a free-threaded build with its GIL off: there is nothing to switch


def gil_figures(lists, t0_ns, span_ms, how):
    """Switches (a change of the thread holding the GIL), switches per second, median and mean turn
    (hold) length and median wait between a thread's turns, from a step's stamps.

    APART and NO_GIL give no hold or wait: between two stamps such a thread ran without the GIL
    (or with none to hold), so the stamps cannot say how long it held it. APART's switches are the
    changes of worker in stamp order; NO_GIL's are none, as the lab's free-threaded simulation."""
    per_second = lambda n: n / (span_ms / 1000) if span_ms > 0 else None
    if how in (APART, NO_GIL):
        switches = _handoffs(lists) if how == APART else 0
        return {"switches": switches, "switchesPerSecond": per_second(switches), "medianHoldMs": None, "meanHoldMs": None, "medianWaitMs": None}
    runs, period_ms = read_runs(lists, t0_ns, shared=True)
    turns = holds(runs if how == WAITS else _joined(runs), period_ms)
    switches = sum(1 for a, b in zip(turns, turns[1:]) if a[0] != b[0])
    inner = [end - start for (_, start, end) in turns[1:-1]]  # the first and last turns are cut by the start and the end
    waits, last_end = [], {}
    for worker, start, end in turns:
        if worker in last_end:
            waits.append(start - last_end[worker])
        last_end[worker] = end
    return {
        "switches": switches,
        "switchesPerSecond": per_second(switches),
        "medianHoldMs": median(inner),
        "meanHoldMs": sum(inner) / len(inner) if inner else None,
        "medianWaitMs": median(waits),
    }
