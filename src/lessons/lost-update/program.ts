/**
 * The lost update: workers increment one shared reference count by read, add, write. Without a
 * lock the increments of threads running at the same instant collide for real; under the GIL
 * none can.
 */
import { GIL } from '../../shared/gil-layout';
import { namedSteps, threads, type Program, type StepEnd } from '../../engine/program-api';
import { incrementsFor, STEPS as LABELS } from './lesson';

// 'none' on the first step: no lock of any kind, not a free-threaded build (whose counts are exact).
const STEPS = [
  { id: 'no-lock', mode: 'no-lock', gil: 'none' },
  { id: 'gil', mode: 'threads', gil: 'shared' },
] as const;

/** The shared reference count the workers incremented, read once the step is over. */
const refcount = ({ words }: StepEnd): number => Atomics.load(words, GIL.REFCOUNT);

export const lostUpdateProgram: Program = {
  steps: () => namedSteps(LABELS, STEPS.map((s) => s.id)),
  run: async (ctx) => {
    const n = ctx.request.workers;
    const count = incrementsFor(ctx.request.seconds);
    for (const step of STEPS) {
      const { result, outcome } = await ctx.step({
        step: { id: step.id, label: LABELS[step.id] },
        mode: step.mode,
        workers: threads(n, () => [{ kind: 'increment', count }], step.gil),
        probes: { refcount },
      });
      const expected = n * count;
      const actual = outcome.readings.refcount;
      const lost = expected - actual;
      const share = lost / expected;
      ctx.finish({
        ...result,
        metrics: { expected, actual, lost, lostPct: share * 100 },
        findings: { lost: lost === 0 ? 'none' : share < 0.01 ? 'a few' : 'many' },
      });
    }
  },
};
