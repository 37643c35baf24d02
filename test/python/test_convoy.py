"""The convoy lesson's own serve() (python/lessons/convoy.py): what it reports is each answer's
whole time, the wait included, as the simulation reports it (ioLatencyKernel); the wait is the
simulation's. Run by test/cpython-turns.test.ts; standard library only.
"""
import importlib.util
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "python", "harness"))

import plans  # noqa: E402

spec = importlib.util.spec_from_file_location("convoy_lesson", os.path.join(HERE, "..", "..", "python", "lessons", "convoy.py"))
convoy = importlib.util.module_from_spec(spec)
spec.loader.exec_module(convoy)


class Serve(unittest.TestCase):
    def test_each_answer_counts_its_wait(self):
        ticks = []
        took = convoy.serve(20, 0.002, lambda: ticks.append(1))
        self.assertEqual(len(took), 20)
        self.assertEqual(len(ticks), 40)
        # A sleep never ends early: each answer took at least the wait (a lateness past it would be microseconds).
        self.assertGreaterEqual(min(took), 0.002)

    def test_waits_as_long_as_the_simulation(self):
        with open(os.path.join(HERE, "..", "..", "src", "lessons", "convoy", "program.ts"), encoding="utf-8") as f:
            source = f.read()
        self.assertIn("const WAIT_MS = %s;" % (plans.CONVOY_WAIT_S * 1000), source)


if __name__ == "__main__":
    unittest.main()
