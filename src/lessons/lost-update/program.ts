/**
 * The lost update: workers increment one shared reference count by read, add, write. Without a
 * lock the increments of threads running at the same instant collide for real; under the GIL
 * none can.
 */
import { GIL } from '../../shared/gil-layout';
import { namedSteps, threads, type Program, type StepEnd } from '../../engine/program-api';
import { STEPS as LABELS } from './lesson';
import { countedOutcome, incrementsFor } from '../common/counted-increments';

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
      ctx.finish({ ...result, ...countedOutcome(n * count, outcome.readings.refcount) });
    }
  },
};
