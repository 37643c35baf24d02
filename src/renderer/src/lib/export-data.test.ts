import { describe, expect, it } from 'vitest';
import type { ModeResult } from '../../../shared/results';
import { exportName, resultsCsv } from './export-data';

const result = (step: string, metrics: Record<string, number | null>): ModeResult => ({
  runId: 'r1', experiment: 'lost-update', step, mode: 'threads', task: 'cpu', workers: 2, tasks: 2, taskSeconds: 0.5, switchMs: 5,
  wallMs: 100, startupMs: 5, speedup: null, coresBusy: 1.5, gilSwitches: 3, forcedSwitches: 1, holdMs: 1, waitMs: 2, ioMs: 0,
  violations: 0, perWorker: [], metrics, finishedAt: 'T',
});

describe('exports', () => {
  it('writes one CSV row per step with every lesson figure as a column, quoting what needs it', () => {
    const csv = resultsCsv([result('no lock', { lost: 12 }), result('with "the" GIL, safe', { lost: 0, actual: 5 })], [
      { runId: 'r1', number: 3, experiment: 'lost-update', workers: 2, modes: [], steps: [], prediction: null, outcome: 'finished' },
    ]);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/,actual,lost$/);
    expect(lines[1]).toMatch(/^3,lost-update,no lock,threads,.*,,12$/);
    expect(lines[2]).toContain('"with ""the"" GIL, safe"');
  });

  it('names files so the save dialog accepts them', () => {
    expect(exportName('csv', new Date(2026, 10, 24, 9, 5))).toBe('gil-lab-2026-11-24-0905.csv');
  });
});
