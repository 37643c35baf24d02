"""Who ran when, from each thread's own clock.

A worker calls tick() every few thousand iterations; tick() appends perf_counter_ns() to that
worker's own list (an append is atomic under the GIL and cheap without it). Between two stamps the
thread was running; a gap much longer than the usual stamp period means it was not (it lost the GIL,
slept, or the OS took its core). Nothing here can tell those apart, so a segment says only "running".
"""
import heapq
import time

NS_PER_MS = 1_000_000


class Stamps:
    """Per-worker stamp lists and the gap that separates two runs."""

    def __init__(self, workers, gap_ns, t0_ns):
        self.lists = [[] for _ in range(workers)]
        self.gap_ns = gap_ns
        self.t0_ns = t0_ns
        # Per worker: [next index to read, start of the open run, last stamp seen]
        self._cursor = [[0, None, None] for _ in range(workers)]

    def tick_for(self, worker):
        append = self.lists[worker].append
        clock = time.perf_counter_ns

        def tick():
            append(clock())

        return tick

    def drain(self, final=False):
        """Closed runs since the last call, as segments in ms since t0; `final` closes open runs too."""
        out = []
        for worker, stamps in enumerate(self.lists):
            cursor = self._cursor[worker]
            end = len(stamps)
            for index in range(cursor[0], end):
                stamp = stamps[index]
                if cursor[1] is None:
                    cursor[1] = stamp
                elif stamp - cursor[2] > self.gap_ns:
                    out.append(self._segment(worker, cursor[1], cursor[2]))
                    cursor[1] = stamp
                cursor[2] = stamp
            cursor[0] = end
            if final and cursor[1] is not None:
                out.append(self._segment(worker, cursor[1], cursor[2]))
                cursor[1] = None
        return [s for s in out if s["end"] > s["start"]]

    def _segment(self, worker, start_ns, end_ns):
        return {"worker": worker, "start": (start_ns - self.t0_ns) / NS_PER_MS, "end": (end_ns - self.t0_ns) / NS_PER_MS}


def turns(segments):
    """Merges runs into turns: a thread's consecutive runs with nobody else in between are one turn
    (the OS paused the holder, which kept the GIL). Returns (worker, start, end) in time order."""
    merged = []
    for s in sorted(segments, key=lambda s: s["start"]):
        if merged and merged[-1][0] == s["worker"]:
            merged[-1] = (s["worker"], merged[-1][1], max(merged[-1][2], s["end"]))
        else:
            merged.append((s["worker"], s["start"], s["end"]))
    return merged


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


def turn_figures(segments, span_ms, period_ms=0.0):
    """Switches per second, median turn (hold) length and median wait between a thread's turns;
    `period_ms`, the usual time between two stamps, corrects the turns' ends (see holds)."""
    return _figures(holds(turns(segments), period_ms), span_ms)


def _figures(merged, span_ms):
    switches = max(0, len(merged) - 1)
    inner = merged[1:-1]  # the first and last turns are cut by the start and the end
    lengths = [end - start for (_, start, end) in inner]
    waits = []
    last_end = {}
    for worker, start, end in merged:
        if worker in last_end:
            waits.append(start - last_end[worker])
        last_end[worker] = end
    return {
        "switches": switches,
        "switchesPerSecond": switches / (span_ms / 1000) if span_ms > 0 else None,
        "medianHoldMs": median(lengths),
        "medianWaitMs": median(waits),
    }


def turns_from_stamps(lists, t0_ns):
    """Turns read from every worker's stamps in time order, for threads that share one GIL: a turn
    is a run of consecutive stamps by one worker, and it ends where another worker's stamp comes
    next. No gap threshold: the threshold `turns` relies on is four stamp periods from the
    calibration, and when the machine slowed the loop (0.44 ms a chunk against 0.23 when
    calibrated) four periods outgrew a 1 ms turn, the other thread's turns fell inside it, and the
    1 ms turns read 4 to 139 ms here. Returns (worker, first stamp, last stamp) in ms since t0, and
    the usual time between two stamps within a turn (ms)."""
    merged, periods = [], []
    for stamp, worker in heapq.merge(*[[(s, w) for s in stamps] for w, stamps in enumerate(lists)]):
        at = (stamp - t0_ns) / NS_PER_MS
        if merged and merged[-1][0] == worker:
            periods.append(at - merged[-1][2])
            merged[-1] = (worker, merged[-1][1], at)
        else:
            merged.append((worker, at, at))
    return merged, median(periods) or 0.0


def figures_of_turns(merged, span_ms, period_ms):
    """turn_figures for turns already merged (turns_from_stamps), with the mean hold besides the median."""
    bounded = holds(merged, period_ms)
    figures = _figures(bounded, span_ms)
    inner = [end - start for (_, start, end) in bounded[1:-1]]
    figures["meanHoldMs"] = sum(inner) / len(inner) if inner else None
    return figures
