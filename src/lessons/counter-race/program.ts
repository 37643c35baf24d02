/**
 * counter += 1 under the GIL: threads read a shared counter, reach a switch point, write it back.
 * Without a lock of their own, a switch in that gap loses updates; with a threading.Lock none.
 */
import { GIL } from '../../shared/gil-layout';
import { threads, type Program, type StepEnd } from '../../engine/program-api';
import { STEPS as LABELS, type CounterRaceStep } from './lesson';

const STEPS: readonly { id: CounterRaceStep; lock: boolean }[] = [
  { id: 'gil', lock: false },
  { id: 'lock', lock: true },
];

/** The counter the threads incremented, read once the step is over. */
const counter = ({ words }: StepEnd): number => Atomics.load(words, GIL.COUNTER);

/** Increments per thread for the "seconds" control: a million per unit. */
export const countFor = (seconds: number): number => Math.max(1_000, Math.round(seconds * 1_000_000));

export const counterRaceProgram: Program = {
  steps: () => STEPS.map((s) => LABELS[s.id]),
  run: async (ctx) => {
    const n = ctx.request.workers;
    const count = countFor(ctx.request.seconds);
    for (const step of STEPS) {
      const { result, outcome } = await ctx.step({
        step: { id: step.id, label: LABELS[step.id] },
        mode: 'threads',
        workers: threads(n, () => [{ kind: 'counter', count, lock: step.lock }]),
        probes: { counter },
      });
      const expected = n * count;
      const actual = outcome.readings.counter;
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
