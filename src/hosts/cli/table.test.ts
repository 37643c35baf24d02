import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../lessons/catalogue';
import type { ModeResult } from '../../shared/results';
import { resultsTable } from './table';

const base: ModeResult = {
  runId: 'r', experiment: 'cpu-bound', stepId: 'threads', step: 'threads', mode: 'threads', task: 'cpu', workers: 4, tasks: 4, taskSeconds: 1, switchMs: 5,
  wallMs: 4200, startupMs: 10, speedup: 0.93, coresUsed: 0.97, coresBusy: 1.1, gilSwitches: 670, forcedSwitches: 600, holdMs: 4100, waitMs: 12400, ioMs: 0,
  violations: 0, perWorker: [], metrics: {}, finishedAt: '', engine: 'lab',
};
const cpu = EXPERIMENTS.find((e) => e.id === 'cpu-bound');

describe('the CLI results table', () => {
  it("shows the lab's switches and waits, and a dash where real CPython's clocks see none", () => {
    if (!cpu) throw new Error('no cpu-bound lesson');
    const real: ModeResult = { ...base, engine: 'cpython', gilSwitches: 93, waitMs: 0 };
    const timedAround: ModeResult = { ...real, step: 'processes', holdMs: 0, gilSwitches: 0 };
    const [, , lab, seen, around] = resultsTable(cpu, [base, real, timedAround]).split('\n');
    expect(lab).toMatch(/\s670\s+12\.40 s$/);
    expect(seen).toMatch(/\s93\s+—$/);
    expect(around).toMatch(/\s—\s+—$/);
  });
});
