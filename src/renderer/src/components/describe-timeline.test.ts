import { describe, expect, it } from 'vitest';
import type { ModeResult } from '../../../shared/results';
import { describeLanes, loadFigures } from './describe-lanes';
import { describeTimeline } from './describe-timeline';

const worker = (n: number, holdMs: number) => ({ worker: n, holdMs, waitMs: 0, ioMs: 0, freeMs: 0, cpuMs: holdMs, acquisitions: 1, forcedDrops: 0, tasks: 1 });

const result = (patch: Partial<ModeResult>): ModeResult => ({
  runId: 'r', experiment: 'cpu-bound', stepId: 'threads', step: 'threads', mode: 'threads', task: 'cpu', workers: 4, tasks: 4, taskSeconds: 1, switchMs: 5,
  wallMs: 4100, startupMs: 10, speedup: 1, coresUsed: 1, coresBusy: 1, gilSwitches: 212, forcedSwitches: 100, holdMs: 4000, waitMs: 12000, ioMs: 0,
  violations: 0, perWorker: [984, 1000, 980, 1010].map((h, i) => worker(i, h)), metrics: {}, finishedAt: '', ...patch,
});

describe('describeTimeline', () => {
  it('says how often the GIL changed hands, in how long, and how much each thread held it', () => {
    expect(describeTimeline({ step: 'threads', mode: 'threads', rows: 4 }, result({}))).toBe(
      'Lock timeline of threads: 4 threads, the GIL changed hands 212 times in 4.1 s; each thread held it 24 % of the time.',
    );
  });

  it('lists the shares when they differ, and groups large counts', () => {
    const uneven = result({ gilSwitches: 12345, wallMs: 2000, perWorker: [worker(0, 1200), worker(1, 800)] });
    expect(describeTimeline({ step: 'threads', mode: 'threads', rows: 2 }, uneven)).toBe(
      'Lock timeline of threads: 2 threads, the GIL changed hands 12,345 times in 2.0 s; the threads held it 60 % and 40 % of the time.',
    );
  });

  it('gives processes a GIL each, and free threading none', () => {
    const processes = result({ step: 'processes', mode: 'processes', wallMs: 1000, perWorker: [worker(0, 990), worker(1, 985)] });
    expect(describeTimeline({ step: 'processes', mode: 'processes', rows: 2 }, processes)).toBe(
      'Lock timeline of processes: 2 processes, each with its own GIL, ran for 1.0 s; each process held its GIL 99 % of the time.',
    );
    expect(describeTimeline({ step: 'free', mode: 'free-threaded', rows: 3 }, result({ mode: 'free-threaded', wallMs: 1500, perWorker: [] }))).toMatch(/3 threads ran for 1\.5 s with no GIL/);
  });

  it('gives subinterpreters a GIL each too, and says the no-lock step had no lock at all', () => {
    const interp = result({ step: 'interpreters', mode: 'interpreters', wallMs: 1000, perWorker: [worker(0, 990), worker(1, 985)] });
    expect(describeTimeline({ step: 'interpreters', mode: 'interpreters', rows: 2 }, interp)).toMatch(/^Lock timeline of interpreters: 2 interpreters, each with its own GIL, ran for 1\.0 s/);
    expect(describeTimeline({ step: 'no lock', mode: 'no-lock', rows: 2 }, result({ mode: 'no-lock', wallMs: 500, perWorker: [] }))).toBe('Lock timeline of no lock: 2 threads ran for 0.5 s with no lock at all.');
  });

  it('names what is drawn while the step runs, and an empty timeline', () => {
    expect(describeTimeline({ step: 'threads', mode: 'threads', rows: 4 }, undefined)).toBe('Lock timeline of threads, running: 4 threads, drawn as they take and wait for the GIL.');
    expect(describeTimeline(undefined, undefined)).toMatch(/^Lock timeline, empty/);
  });
});

describe('describeLanes', () => {
  const samples = [
    { t: 0, loads: [100, 0, 50, 10] },
    { t: 100, loads: [90, 10, 50, 30] },
  ];

  it('gives the cores, the mean load and the busiest core', () => {
    expect(loadFigures(samples, 4)).toEqual({ mean: 42.5, busiest: 95 });
    expect(describeLanes({ what: 'Core lanes', cores: 4, samples, recorded: false, seconds: 30 })).toBe('Core lanes: 4 cores, last 30 s; mean load 43 %, busiest core 95 %.');
    expect(describeLanes({ what: 'Core lanes', cores: 4, samples, recorded: true, seconds: 30 })).toMatch(/during the run/);
  });

  it('says when there is nothing to describe yet', () => {
    expect(describeLanes({ what: 'Core heat strip', cores: 1, samples: [], recorded: false, seconds: 30 })).toBe('Core heat strip: 1 core, last 30 s; no readings yet.');
  });
});
