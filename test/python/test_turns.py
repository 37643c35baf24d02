"""How the harness reads runs and turns from the threads' stamps (python/harness/clock.py), on stamp
lists made here to a known truth: threads taking turns at one GIL with a loop slowed since
calibration, threads that sleep, and threads that run at once. Run by test/cpython-turns.test.ts
(`python3 test/python/test_turns.py`); standard library only.
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python", "harness"))

import clock  # noqa: E402
import plans  # noqa: E402

US = 1_000
MS = 1_000_000
# The loop as calibrated (0.23 ms a chunk) and as a busier machine ran it during a step (0.44 ms).
CALIBRATED_PERIOD = 230 * US
SLOWED_PERIOD = 440 * US
CALIBRATED_GAP = 4 * CALIBRATED_PERIOD  # what run.py derives from the calibration


def gil_turns(workers, period, turn, span, pause_at=None, pause=0):
    """Stamps of `workers` threads taking turns of `turn` ns at one GIL, each stamping at the end of
    every `period` ns chunk of its own loop (a thread resumes mid-chunk where its last turn left
    it). `pause_at`: the turn whose holder the OS stops for `pause` ns halfway, GIL kept. Returns
    the lists and how many turns there were."""
    lists = [[] for _ in range(workers)]
    into_chunk = [0] * workers
    t, holder, count = 0, 0, 0
    while t < span:
        length = turn + (pause if count == pause_at else 0)
        stop_from, stop_to = (t + turn // 2, t + turn // 2 + pause) if count == pause_at else (None, None)
        end = t + length
        at = t + period - into_chunk[holder]
        while True:
            if stop_from is not None and at > stop_from:
                at += pause  # the chunk that was running when the OS stopped the thread ends later
                stop_from = None
            if at > end:
                break
            lists[holder].append(at)
            at += period
        into_chunk[holder] = period - (at - end)
        t, holder, count = end, (holder + 1) % workers, count + 1
    return lists, count


def drained(stamps, lists, batches=1):
    """The segments Stamps.drain streams while the step goes, the lists arriving in `batches` parts."""
    span = max(s[-1] for s in lists if s) + 1
    segments = []
    for b in range(1, batches + 1):
        cut = span * b // batches
        for worker, full in enumerate(lists):
            stamps.lists[worker].extend(s for s in full[len(stamps.lists[worker]):] if s < cut)
        segments += stamps.drain(final=b == batches)
    return segments


def overlapping(segments):
    ordered = sorted(segments, key=lambda s: s["start"])
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if b["start"] < a["end"] - 1e-9]


class SlowedLoopShortTurns(unittest.TestCase):
    """0.5 ms turns (a short switch interval) while the loop runs 0.44 ms a chunk against 0.23 ms at
    calibration: four calibrated periods (0.92 ms) outgrow a turn."""

    def setUp(self):
        self.lists, self.turns = gil_turns(2, SLOWED_PERIOD, 500 * US, 300 * MS)

    def test_every_turn_is_counted_and_the_hold_is_the_turn(self):
        figures = clock.gil_figures(self.lists, 0, 300, clock.COMPUTE)
        self.assertEqual(figures["switches"], self.turns - 1)
        self.assertAlmostEqual(figures["meanHoldMs"], 0.5, delta=0.5 * 0.15)
        self.assertAlmostEqual(figures["medianHoldMs"], 0.5, delta=0.5 * 0.15)
        self.assertAlmostEqual(figures["medianWaitMs"], 0.5, delta=0.5 * 0.15)

    def test_live_segments_draw_every_turn_and_never_two_threads_at_once(self):
        stamps = clock.Stamps(2, CALIBRATED_GAP, 0)
        segments = drained(stamps, self.lists, batches=7)
        self.assertEqual(overlapping(segments), [])
        self.assertGreaterEqual(len(segments), self.turns * 0.95)
        self.assertLess(max(s["end"] - s["start"] for s in segments), 0.5 * 1.5)

    def test_live_reading_agrees_with_the_whole_step_read_at_once(self):
        live = drained(clock.Stamps(2, CALIBRATED_GAP, 0), self.lists, batches=9)
        at_once = drained(clock.Stamps(2, CALIBRATED_GAP, 0), self.lists, batches=1)
        self.assertEqual([s["worker"] for s in live], [s["worker"] for s in at_once])


class TurnsTrackTheInterval(unittest.TestCase):
    def test_1_5_20_ms_turns_on_a_slowed_loop(self):
        for turn_ms in (1, 5, 20):
            lists, _ = gil_turns(2, SLOWED_PERIOD, turn_ms * MS, 600 * MS)
            figures = clock.gil_figures(lists, 0, 600, clock.COMPUTE)
            self.assertAlmostEqual(figures["medianHoldMs"], turn_ms, delta=turn_ms * 0.15, msg=f"{turn_ms} ms")

    def test_the_os_stopping_the_holder_does_not_cut_its_turn(self):
        # The holder keeps the GIL while the OS has stopped it: nobody else stamps, and its turn
        # (as the switch-interval lesson reads it) runs on through the pause.
        lists, turns = gil_turns(2, SLOWED_PERIOD, 20 * MS, 400 * MS, pause_at=5, pause=6 * MS)
        figures = clock.gil_figures(lists, 0, 406, clock.COMPUTE)
        self.assertEqual(figures["switches"], turns - 1)
        self.assertAlmostEqual(figures["medianHoldMs"], 20, delta=20 * 0.1)
        # The drawing says it was not running meanwhile.
        segments = drained(clock.Stamps(2, CALIBRATED_GAP, 0), lists)
        self.assertEqual(len(segments), turns + 1)


class SleepingThreads(unittest.TestCase):
    def test_a_lone_thread_that_sleeps_between_requests_is_not_drawn_running(self):
        # convoy's I/O thread alone: a stamp before and after each 2 ms sleep, microseconds apart.
        lists = [[]]
        t = 0
        for _ in range(50):
            lists[0] += [t, t + 5 * US]
            t += 5 * US + 2 * MS
        segments = drained(clock.Stamps(1, CALIBRATED_GAP, 0), lists, batches=3)
        self.assertEqual(len(segments), 50)
        self.assertLess(max(s["end"] - s["start"] for s in segments), 0.1)
        figures = clock.gil_figures(lists, 0, t / MS, clock.WAITS)
        self.assertEqual(figures["switches"], 0)
        self.assertLess(figures["medianHoldMs"], 0.1)

    def test_a_sleep_with_nobody_else_stamping_ends_the_turn(self):
        # io-bound: two threads stamp, sleep 100 ms, and the last to stamp before is the first after.
        lists = [[0, 100 * MS + 20 * US], [10 * US, 100 * MS + 10 * US]]
        figures = clock.gil_figures(lists, 0, 100.1, clock.WAITS)
        self.assertEqual(figures["switches"], 2)
        self.assertLess(figures["medianHoldMs"], 1)
        self.assertLess(figures["medianWaitMs"], 101)

    def test_a_cpu_thread_beside_an_io_thread(self):
        # convoy beside: the CPU thread computes while the I/O thread sleeps 2 ms, then lets it answer.
        cpu, io, t = [], [], 0
        for _ in range(40):
            io += [t, t + 5 * US]
            t += 10 * US
            end = t + 2 * MS
            while t + SLOWED_PERIOD <= end:
                t += SLOWED_PERIOD
                cpu.append(t)
            t = end + 100 * US
        figures = clock.gil_figures([io, cpu], 0, t / MS, clock.WAITS)
        self.assertEqual(figures["switches"], 79)
        segments = drained(clock.Stamps(2, CALIBRATED_GAP, 0), [io, cpu], batches=4)
        self.assertEqual(overlapping(segments), [])


class ThreadsAtOnce(unittest.TestCase):
    def free_threaded(self):
        """Two threads of a free-threaded build, each on its own core; thread 2 loses its core for 10 ms."""
        one = [i * SLOWED_PERIOD for i in range(1, 400)]
        two = [i * SLOWED_PERIOD + 100 * US for i in range(1, 400)]
        two = two[:150] + [s + 10 * MS for s in two[150:]]
        return [one, two]

    def test_free_threaded_threads_each_run_on_and_nothing_switches(self):
        lists = self.free_threaded()
        segments = drained(clock.Stamps(2, CALIBRATED_GAP, 0, shared=False), lists, batches=5)
        self.assertEqual(sorted(s["worker"] for s in segments), [0, 1, 1])
        self.assertAlmostEqual(sum(s["end"] - s["start"] for s in segments if s["worker"] == 0), 398 * 0.44, delta=0.01)
        figures = clock.gil_figures(lists, 0, 186, clock.NO_GIL)
        self.assertEqual((figures["switches"], figures["medianHoldMs"]), (0, None))

    def test_hashlib_threads_switch_at_every_stamp_between_hashes(self):
        # native-release: each thread takes the GIL back only to stamp between two 1 MiB hashes.
        lists = [[i * MS for i in range(1, 101)], [i * MS + 300 * US for i in range(1, 101)]]
        figures = clock.gil_figures(lists, 0, 101, clock.APART)
        self.assertEqual(figures["switches"], 199)
        self.assertIsNone(figures["medianHoldMs"])
        segments = drained(clock.Stamps(2, CALIBRATED_GAP, 0, shared=False), lists)
        self.assertEqual(len(segments), 2)


class PlanFinish(unittest.TestCase):
    """What a lesson's step reports as its switches: Plan.finish reads the step's stamps as its mode uses the GIL."""

    def finished(self, mode, lists, waits=False):
        lines = []
        plan = plans.Plan(lines.append, "cpu-bound", None, {"workers": len(lists), "seconds": 0.3}, 1.0, CALIBRATED_GAP, CALIBRATED_PERIOD)
        stamps = clock.Stamps(len(lists), CALIBRATED_GAP, 0)
        stamps.lists = lists
        plan.finish(plans.mode_step(mode), mode, len(lists), 300.0, 0.0, stamps, waits=waits)
        return lines[-1]["switches"]

    def test_threads_count_every_turn_of_a_slowed_loop(self):
        lists, turns = gil_turns(4, SLOWED_PERIOD, 500 * US, 300 * MS)
        if plans.gil_on():
            self.assertEqual(self.finished("threads", lists), turns - 1)
            self.assertEqual(self.finished("threads", lists, waits=True), turns - 1)
        self.assertEqual(self.finished("free-threaded", lists), 0)

    def test_processes_and_steps_without_stamps_report_none(self):
        self.assertEqual(self.finished("processes", [[1, 2], [3, 4]]), 0)
        # A threads step timed without stamps (process-cost's thread start and round trip, hybrid's and
        # asyncio's steps, timed around the lesson's own calls) passes None and reports no switches.
        lines = []
        plan = plans.Plan(lines.append, "process-cost", None, {"workers": 2, "seconds": 0.3}, 1.0, CALIBRATED_GAP, CALIBRATED_PERIOD)
        plan.finish(plans.mode_step("threads"), "threads", 2, 300.0, 0.0, None)
        self.assertEqual(lines[-1]["switches"], 0)


if __name__ == "__main__":
    unittest.main()
