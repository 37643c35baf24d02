/**
 * Cancel stops every lesson within half a second, pool lessons included, and leaves no worker.
 * Each case starts a run long enough to be cancelled mid-step, waits until the chosen step is
 * really running, cancels, and times the cancel call itself in this process.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { liveChildCount } from '../src/engine/children';
import { builtEntries } from '../src/engine/entries';
import { RunCancelled } from '../src/engine/errors';
import { Lab } from '../src/engine/lab';
import { EXPERIMENTS } from '../src/lessons/catalogue';
import { LAB_LESSONS } from '../src/lessons/programs';
import type { RunEvent } from '../src/shared/results';
import type { RunRequest } from '../src/shared/schemas';
import { OUT_MAIN } from './build-state';
import { processesRunning } from './processes';

/** What the issue asks of a cancel, measured on the call alone. */
const CANCEL_LIMIT_MS = 500;

const entries = builtEntries(OUT_MAIN);
const lab = new Lab({ entries, lessons: LAB_LESSONS });
afterAll(() => lab.dispose());

interface Case {
  name: string;
  request: RunRequest;
  /** The step to cancel in (its id); the first step that starts when absent. */
  step?: string;
  /** How long the step runs before the cancel, ms. */
  after: number;
}

const base = { workers: 2, seconds: 10, switchMs: 5 };
/** Sizes that keep each lesson busy well past the moment of the cancel. */
const SIZES: Record<string, Partial<RunRequest>> = {
  'lost-update': { seconds: 30 },
  deadlock: { seconds: 1 },
  'process-cost': { seconds: 0.5 },
  hybrid: { seconds: 0.5 },
};

const cases: Case[] = [
  ...EXPERIMENTS.map((e) => ({ name: `${e.id}, first step`, request: { experiment: e.id, ...base, ...SIZES[e.id] }, after: 100 })),
  // The pool lessons, cancelled while their pools are working.
  { name: 'process-cost, starting a pool of processes', request: { experiment: 'process-cost', ...base, seconds: 0.5 }, step: 'start-processes', after: 20 },
  { name: 'process-cost, 1 MB round trips', request: { experiment: 'process-cost', ...base, seconds: 0.5 }, step: 'trip-process', after: 20 },
  { name: 'process-cost, one message per tiny task', request: { experiment: 'process-cost', ...base, seconds: 0.5 }, step: 'tiny-each', after: 300 },
  { name: 'process-cost, batched tiny tasks', request: { experiment: 'process-cost', ...base, seconds: 4 }, step: 'tiny-batched', after: 300 },
  { name: 'hybrid, the CPU stage in the pool', request: { experiment: 'hybrid', ...base, seconds: 0.5, modes: ['hybrid'] }, step: 'hybrid', after: 500 },
];

/** Resolves once the step with id `step` (or any step) has started in the run, or rejects if the run ends first. */
function stepStarted(step: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const off = lab.onEvent((event: RunEvent) => {
      if (event.type === 'mode-started' && (step === undefined || event.stepId === step)) {
        off();
        resolve();
      } else if (event.type === 'run-finished' || event.type === 'run-failed' || event.type === 'run-cancelled') {
        off();
        reject(new Error(`the run ended (${event.type}) before step "${step ?? 'any'}" started`));
      }
    });
  });
}

describe('cancel', () => {
  it.each(cases)('$name: within 0.5 s, no worker left', async ({ request, step, after }) => {
    const started = stepStarted(step);
    const { done } = lab.startRun(request);
    const outcome = done.catch((error: unknown) => error);
    await started;
    await new Promise((resolve) => setTimeout(resolve, after));
    const asked = performance.now();
    expect(await lab.cancel()).toBe(true);
    const tookMs = performance.now() - asked;
    expect(await outcome).toBeInstanceOf(RunCancelled);
    expect(tookMs).toBeLessThanOrEqual(CANCEL_LIMIT_MS);
    expect(lab.busy).toBe(false);
    expect(liveChildCount()).toBe(0);
    expect(processesRunning(entries.process)).toEqual([]);
  });
});
