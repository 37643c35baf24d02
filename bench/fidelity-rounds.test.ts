/** The fidelity bench's rule for extra rounds: no step's verdict may rest on one round. */
import { describe, expect, it } from 'vitest';
import type { ModeResult } from '../src/shared/results';
import { thinlyJudged, type Paired } from './fidelity';

const side = (mode: ModeResult['mode'], speedup: number): ModeResult => ({
  runId: 'r', experiment: 'scaling', stepId: 'threads-2', step: '2 threads', mode, task: 'cpu', workers: 2, tasks: 2, taskSeconds: 0.5, switchMs: 5,
  wallMs: 1000, startupMs: 1, speedup, coresUsed: 1, coresBusy: 1, gilSwitches: 0, forcedSwitches: 0, holdMs: 0, waitMs: 0, ioMs: 0, violations: 0,
  perWorker: [], metrics: {}, finishedAt: '',
});
/** One round's pair for a threads step, unsteady when CPython's baseline spread too wide in that round. */
const pair = (unsteady = false): Paired => ({
  stepId: 'threads-2', label: '2 threads', lab: side('threads', 0.95), real: side('threads', 0.97), speedupRatio: 0.98, wallRatio: 1,
  ...(unsteady ? { unsteady: { minMs: 300, maxMs: 560 } } : {}),
});

describe('fidelity rounds', () => {
  it('asks for another round while a step could be judged in one round only', () => {
    expect(thinlyJudged([[pair()], [pair(true)], [pair(true)]], 3)).toBe(true);
    expect(thinlyJudged([[pair()], [pair(true)], [pair()]], 3)).toBe(false);
  });

  it('asks nothing of a step no round could judge, nor of a one-round bench', () => {
    expect(thinlyJudged([[pair(true)], [pair(true)], [pair(true)]], 3)).toBe(false);
    expect(thinlyJudged([[pair()]], 1)).toBe(false);
  });
});
