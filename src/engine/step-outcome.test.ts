import { describe, expect, it } from 'vitest';
import { GIL } from '../shared/gil-layout';
import { stepOutcome } from './step-outcome';
import type { DoneReport, StepPlan } from './step-plan';

describe('a step outcome', () => {
  it('gives every worker its figures, zeros for one that never reported (a deadlocked thread, stopped)', () => {
    // As the step runner keeps them: one slot per worker, the stuck one never filled.
    const reports = Array.from({ length: 3 }, (): DoneReport | undefined => undefined);
    const stats = { holdMs: 5, waitMs: 1, ioMs: 0, freeMs: 0, cpuMs: 5, acquisitions: 2, forcedDrops: 0, tasks: 1 };
    reports[0] = { type: 'done', stats, gilSwitches: 2, checksum: 7 } as unknown as DoneReport;
    const sparse = new Array<DoneReport | undefined>(3);
    sparse[0] = reports[0];
    const plan = { workers: [{ host: 'thread' }, { host: 'thread' }, { host: 'thread' }] } as unknown as StepPlan;
    for (const given of [reports, sparse]) {
      const outcome = stepOutcome({ plan, clock: { epoch: 0, monotonic: 0 }, words: new Int32Array(GIL.HEADER_WORDS + 12), reports: given, samples: [], readyMs: [], goAt: 0, doneAt: 10, stopped: true });
      expect(outcome.perWorker).toHaveLength(3);
      // JSON carries no holes: every entry is a worker's figures.
      expect(JSON.parse(JSON.stringify(outcome.perWorker)).map((w: { worker: number; holdMs: number }) => [w.worker, w.holdMs])).toEqual([
        [0, 5],
        [1, 0],
        [2, 0],
      ]);
    }
  });
});
