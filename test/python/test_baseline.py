"""A baseline timed again around each step (python/harness/plans.py, Plan.set_baseline and
Plan.around), with `again` returning times chosen here: the speedup against the baseline around a
step, which baseline counts as "before", and the step's CPU figure left as the step's own. Run by
test/cpython-turns.test.ts; standard library only, nothing timed.
"""
import math
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python", "harness"))

import plans  # noqa: E402
import steps  # noqa: E402


def plan_for(each_step):
    request = {"workers": 2, "seconds": 0.1, "cores": 2, "modes": [], "intervals": [], "baselineEachStep": each_step}
    return plans.Plan(lambda line: None, "scaling", None, request, 1.0, 300_000)


def timings(*walls):
    """An `again` that answers these walls in turn, and adds CPU as a real timing would."""
    left = list(walls)

    def again():
        steps.add_cpu(123.0)
        return left.pop(0)
    return again


class AroundEachStep(unittest.TestCase):
    def test_off_unless_asked(self):
        plan = plan_for(False)
        plan.set_baseline(500.0, timings(800.0))
        self.assertEqual(plan.around(1.5), {})

    def test_no_again_for_a_baseline_that_only_waits(self):
        plan = plan_for(True)
        plan.set_baseline(500.0, None)
        self.assertEqual(plan.around(3.9), {})

    def test_nothing_for_a_step_with_no_speedup(self):
        plan = plan_for(True)
        plan.set_baseline(500.0, timings(800.0))
        self.assertEqual(plan.around(None), {})

    def test_speedup_against_the_baseline_either_side_of_each_step(self):
        plan = plan_for(True)
        # The baseline took 500 ms, then the machine slowed: timed again 800 ms after step one, 720 after step two.
        plan.set_baseline(500.0, timings(800.0, 720.0))
        first = plan.around(2.0)
        self.assertEqual((first["baselineBeforeMs"], first["baselineAfterMs"]), (500.0, 800.0))
        self.assertAlmostEqual(first["baselineAroundMs"], math.sqrt(500.0 * 800.0))
        self.assertAlmostEqual(first["speedupAround"], 2.0 * math.sqrt(500.0 * 800.0) / 500.0)
        second = plan.around(1.0)
        self.assertEqual((second["baselineBeforeMs"], second["baselineAfterMs"]), (800.0, 720.0))
        self.assertAlmostEqual(second["baselineAroundMs"], math.sqrt(800.0 * 720.0))
        self.assertAlmostEqual(second["speedupAround"], math.sqrt(800.0 * 720.0) / 500.0)

    def test_a_steady_machine_changes_nothing(self):
        plan = plan_for(True)
        plan.set_baseline(500.0, timings(500.0))
        self.assertAlmostEqual(plan.around(1.8)["speedupAround"], 1.8)

    def test_the_step_keeps_its_own_cpu_figure(self):
        plan = plan_for(True)
        plan.set_baseline(500.0, timings(600.0))
        steps.cpu["ms"] = 42.0
        plan.around(1.2)
        self.assertEqual(steps.cpu["ms"], 42.0)


if __name__ == "__main__":
    unittest.main()
