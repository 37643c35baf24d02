/**
 * counter += 1 under the GIL: threads read a shared counter, reach a switch point, write it back.
 * Without a lock of their own, a switch in that gap loses updates; with a threading.Lock none, and
 * the lock costs what CPython's does (LOCK_PRICE, paid in the workers: workers/interpreter/counter.ts).
 */
import { GIL } from '../../shared/gil-layout';
import { namedSteps, threads, type Program, type StepEnd } from '../../engine/program-api';
import { LOCK_PRICE, STEPS as LABELS, type CounterRaceStep } from './lesson';
import { countedOutcome, incrementsFor } from '../common/counted-increments';

const STEPS: readonly { id: CounterRaceStep; lock: boolean }[] = [
  { id: 'gil', lock: false },
  { id: 'lock', lock: true },
];

/** The counter the threads incremented, read once the step is over. */
const counter = ({ words }: StepEnd): number => Atomics.load(words, GIL.COUNTER);

export const counterRaceProgram: Program = {
  steps: () => namedSteps(LABELS, STEPS.map((s) => s.id)),
  run: async (ctx) => {
    const n = ctx.request.workers;
    const count = incrementsFor(ctx.request.seconds);
    for (const step of STEPS) {
      const { result, outcome } = await ctx.step({
        step: { id: step.id, label: LABELS[step.id] },
        mode: 'threads',
        workers: threads(n, () => [step.lock ? { kind: 'counter', count, lock: true, price: LOCK_PRICE } : { kind: 'counter', count, lock: false }]),
        probes: { counter },
      });
      ctx.finish({ ...result, ...countedOutcome(n * count, outcome.readings.counter) });
    }
  },
};
