/**
 * The lost update: workers increment one shared reference count by read, add, write. Without a
 * lock the increments of threads running at the same instant collide for real; under the GIL
 * none can.
 */
import { threads, type Program } from './program';

const STEPS = [
  { label: 'no lock', mode: 'free-threaded', gil: 'none' },
  { label: 'with the GIL', mode: 'threads', gil: 'shared' },
] as const;

/** Increments per worker for the "seconds" control: a million per unit. */
export const incrementsFor = (seconds: number): number => Math.max(1_000, Math.round(seconds * 1_000_000));

export const lostUpdateProgram: Program = {
  steps: () => STEPS.map((s) => s.label),
  run: async (ctx) => {
    const n = ctx.request.workers;
    const count = incrementsFor(ctx.request.seconds);
    for (const step of STEPS) {
      const { result, outcome } = await ctx.step({
        label: step.label,
        mode: step.mode,
        workers: threads(n, () => [{ kind: 'increment', count }], step.gil),
      });
      const expected = n * count;
      const actual = outcome.refcount;
      const lost = expected - actual;
      const share = lost / expected;
      ctx.finish({
        ...result,
        metrics: { expected, actual, lost, lostPct: share * 100, lostLevel: lost === 0 ? 0 : share < 0.01 ? 1 : 2 },
      });
    }
  },
};
