import { describe, expect, it } from 'vitest';
import type { ModeResult } from '../../../shared/results';
import { modeSentence, predictionSentence } from './verdict';

const base = { runId: 'r', experiment: 'cpu-bound', task: 'cpu', workers: 4, tasks: 4, taskSeconds: 1, switchMs: 5, startupMs: 10 };
const measured = (mode: ModeResult['mode'], wallMs: number, speedup: number | null, coresBusy: number | null): ModeResult => ({
  ...base,
  task: 'cpu',
  mode,
  wallMs,
  speedup,
  coresBusy,
  gilSwitches: 0,
  forcedSwitches: 0,
  holdMs: 0,
  waitMs: 0,
  ioMs: 0,
  violations: 0,
  perWorker: [],
  finishedAt: '',
});

describe('verdict sentences', () => {
  it('says what threads under the GIL did, from the numbers', () => {
    expect(modeSentence(measured('threads', 4100, 0.98, 1.02), 'cpu')).toBe(
      '4 threads took 4.10 s, speedup 0.98x, keeping 1.0 cores busy: the GIL let one thread run at a time.',
    );
  });

  it('trusts the speedup over a machine-wide cores-busy figure', () => {
    expect(modeSentence(measured('threads', 4100, 0.9, 2.0), 'cpu')).toContain('the GIL let one thread run at a time; other work');
    expect(modeSentence(measured('processes', 4100, 0.7, 2.0), 'cpu')).toContain('no faster than in sequence');
    expect(modeSentence(measured('processes', 2100, 1.9, 2.0), 'cpu')).toContain('a GIL of its own');
  });

  it('compares the prediction with the threaded speedup', () => {
    expect(predictionSentence(4, [measured('threads', 4100, 0.98, 1)])).toBe('You predicted about 4x; threads gave 0.98x.');
    expect(predictionSentence(null, [measured('threads', 4100, 0.98, 1)])).toBeNull();
  });
});
