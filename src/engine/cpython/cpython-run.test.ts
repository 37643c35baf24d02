/**
 * The harness names each step by the id the simulated lesson gives it, and the lab takes that id
 * as it is (checked by the schema), never a slug of the label.
 */
import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../shared/experiments';
import { harnessLineSchema, type HarnessStepFinished } from '../../shared/python-schemas';
import { toModeResult } from './cpython-run';

const finished = {
  type: 'step-finished',
  stepId: 'interval-5',
  step: '5 ms interval',
  mode: 'threads',
  workers: 2,
  tasks: 2,
  taskSeconds: 0.5,
  switchMs: 5,
  wallMs: 1000,
  startupMs: 2,
  speedup: null,
  switches: 190,
  metrics: { medianHoldMs: 5.1 },
};

describe('harness lines', () => {
  it("carry the step's id beside its label, checked by the schema", () => {
    expect(harnessLineSchema.safeParse(finished).success).toBe(true);
    expect(harnessLineSchema.safeParse({ type: 'segments', stepId: 'threads-4', segments: [] }).success).toBe(true);
    const { stepId: _, ...unnamed } = finished;
    expect(harnessLineSchema.safeParse(unnamed).success).toBe(false);
    // A label is no id.
    expect(harnessLineSchema.safeParse({ ...finished, stepId: '5 ms interval' }).success).toBe(false);
    expect(harnessLineSchema.safeParse({ type: 'step-started', stepId: 'Threads', step: 'threads', mode: 'threads', workers: 1, labels: [] }).success).toBe(false);
  });

  it("give the result the harness's step id, whatever the label says", () => {
    const line = harnessLineSchema.parse({ ...finished, step: 'five milliseconds' }) as HarnessStepFinished;
    const experiment = { id: 'switch-interval', task: 'cpu' } as Experiment;
    const python = { executable: '/usr/bin/python3', version: '3.12.1', freeThreaded: false, gilEnabled: true };
    const result = toModeResult(line, [{ worker: 0, state: 'cpython-running', start: 0, end: 4 }], { runId: 'r', experiment, python });
    expect(result).toMatchObject({ stepId: 'interval-5', step: 'five milliseconds', engine: 'cpython', holdMs: 4 });
  });
});
