import { describe, expect, it } from 'vitest';
import type { Mode } from './experiments';
import type { ModeResult } from './results';
import { compareSentences, explainable, keyMetric, labResults, pairSteps, pythonShortName, realStepId, realStepLabel, rowMetric, type StepPair } from './side-by-side';

const result = (runId: string, step: string, mode: Mode): ModeResult => ({
  runId, experiment: 'cpu-bound', stepId: step, step, mode, task: 'cpu', workers: 4, tasks: 4, taskSeconds: 1, switchMs: 5, wallMs: 4000, startupMs: 10,
  speedup: 1, coresUsed: null, coresBusy: 1, gilSwitches: 10, forcedSwitches: 5, holdMs: 4000, waitMs: 12000, ioMs: 0, violations: 0, perWorker: [], metrics: {}, finishedAt: '',
});
const python = { executable: '/usr/bin/python3', version: '3.11.7', freeThreaded: false, gilEnabled: true };
const lab = (step: string, speedup: number, wallMs: number): ModeResult => ({ ...result('r', step, step === 'sequential' ? 'sequential' : 'threads'), speedup, wallMs, engine: 'lab' });
const real = (step: string, speedup: number, wallMs: number): ModeResult => ({ ...lab(step, speedup, wallMs), stepId: realStepId(step), step: realStepLabel(step), engine: 'cpython', python });

describe('side by side', () => {
  const results = [lab('sequential', 1, 4000), lab('threads', 0.95, 4200), real('sequential', 1, 3000), real('threads', 0.8, 3750)];

  it('pairs each step of the simulation with the same step on CPython, with lab / CPython ratios', () => {
    const pairs = pairSteps(results);
    expect(pairs.map((p) => [p.stepId, p.label, p.lab?.engine, p.real?.engine])).toEqual([
      ['sequential', 'sequential', 'lab', 'cpython'],
      ['threads', 'threads', 'lab', 'cpython'],
    ]);
    expect(pairs[1]?.speedupRatio).toBeCloseTo(0.95 / 0.8, 6);
    expect(pairs[1]?.wallRatio).toBeCloseTo(4200 / 3750, 6);
  });

  it('keeps a step measured on one engine only, with no ratio', () => {
    const pairs = pairSteps([...results, lab('processes', 1.9, 2100)]);
    expect(pairs.find((p) => p.stepId === 'processes')).toMatchObject({ real: null, speedupRatio: null });
  });

  it('says where they agree and where they differ, from the numbers', () => {
    const sentences = compareSentences(results);
    expect(sentences[0]).toBe('sequential: the simulation and CPython 3.11 agree (1.00x and 1.00x, ratio 1.00).');
    expect(sentences[1]).toMatch(/^threads: they differ: the simulation gave 0\.95x, CPython 3\.11 0\.80x \(ratio 1\.19/);
    expect(sentences[2]).toMatch(/^1 of 2 speedups agree within ±15 %/);
    expect(compareSentences(labResults(results))).toEqual([]);
  });

  it('says a real speedup beyond what the cores can give is the machine changing speed, not the run', () => {
    const run = [lab('sequential', 1, 4000), lab('processes', 1.81, 2160), real('sequential', 1, 4190), real('processes', 2.05, 2040)];
    const onTwo = compareSentences(run, 0.15, [], 2);
    const at = onTwo.findIndex((s) => s.startsWith('processes:'));
    expect(onTwo[at + 1]).toMatch(/^CPython 3\.11's 2\.05x is more than 2 cores can give: the machine ran its sequential baseline slower than this step/);
    // On four cores 2.05x is possible; within 2 % of the cores it is a timer's ordinary noise.
    expect(compareSentences(run, 0.15, [], 4).join(' ')).not.toMatch(/more than/);
    expect(compareSentences([...run.slice(0, 3), real('processes', 2.03, 2060)], 0.15, [], 2).join(' ')).not.toMatch(/more than/);
    // Four workers on one core: the limit is the core.
    expect(compareSentences(run, 0.15, [], 1).join(' ')).toMatch(/2\.05x is more than 1 core can give/);
    // Without the machine's cores nothing is said.
    expect(compareSentences(run).join(' ')).not.toMatch(/more than/);
    // Waits are not bounded by the cores: 4 threads waiting on I/O at 4x on 2 cores is what the io-bound lesson shows.
    const waiting = run.map((r) => ({ ...r, task: 'io' as const }));
    expect(compareSentences(waiting, 0.15, [], 2).join(' ')).not.toMatch(/more than/);
  });

  it("compares a step with no speedup on its own figure when the run's other steps have speedups (process-cost)", () => {
    const metrics = [
      { key: 'startupMs', label: 'start-up', unit: 'ms', digits: 1 },
      { key: 'bytes', label: 'bytes copied', digits: 0 },
      { key: 'roundTripMs', label: 'round trip', unit: 'ms', digits: 1 },
    ];
    const bare = (step: string, engine: 'lab' | 'real', m: Record<string, number | null>): ModeResult => ({ ...(engine === 'lab' ? lab(step, 1, 100) : real(step, 1, 100)), speedup: null, metrics: m });
    const run = [
      lab('tiny', 1, 200),
      real('tiny', 1, 150),
      bare('start-processes', 'lab', { startupMs: 134.6 }),
      bare('start-processes', 'real', { startupMs: 59.3, roundTripMs: null }),
      bare('trip-process', 'lab', { bytes: 1638891, roundTripMs: 44.3 }),
      bare('trip-process', 'real', { startupMs: null, bytes: 869203, roundTripMs: 21.8 }),
    ];
    const pairs = pairSteps(run);
    // A timing before any other figure: the round trip, not the bytes copied.
    expect(rowMetric(pairs[2] as StepPair, metrics)?.key).toBe('roundTripMs');
    expect(rowMetric(pairs[1] as StepPair, metrics)?.key).toBe('startupMs');
    const sentences = compareSentences(run, 0.15, metrics);
    expect(sentences).toContain('start-processes: start-up 134.6 ms simulated, 59.3 ms on CPython 3.11 (ratio 2.27, they differ).');
    expect(sentences).toContain('trip-process: round trip 44.3 ms simulated, 21.8 ms on CPython 3.11 (ratio 2.03, they differ).');
    // The summing-up is about speedups only.
    expect(sentences.join(' ')).toMatch(/Every speedup agrees within ±15 %/);
  });

  it('names the steps one engine measured and the other has no counterpart for', () => {
    const run = [...results, lab('free-threaded', 1.8, 2200), lab('single-thread', 0.7, 1400), real('extra', 1, 100)];
    const sentences = compareSentences(run);
    expect(sentences.slice(-2)).toEqual([
      'No counterpart on CPython 3.11 for "free-threaded" and "single-thread": the simulation alone measured those steps.',
      'Measured on CPython 3.11 only, with no simulated counterpart: "extra".',
    ]);
    expect(compareSentences(results).some((s) => /counterpart/.test(s))).toBe(false);
  });

  it("feeds a lesson's explainer the simulation's steps, or on a CPython-only run the real ones under the lesson's ids", () => {
    expect(explainable(results).map((r) => r.engine)).toEqual(['lab', 'lab']);
    const only = explainable(results.filter((r) => r.engine === 'cpython'));
    expect(only.map((r) => [r.stepId, r.step, r.engine])).toEqual([
      ['sequential', 'sequential', 'cpython'],
      ['threads', 'threads', 'cpython'],
    ]);
  });

  it("compares a lesson's own figure where its steps have no speedup, leaving settings out", () => {
    const hold = (r: ModeResult, ms: number): ModeResult => ({ ...r, speedup: null, metrics: { intervalMs: 5, medianHoldMs: ms } });
    const run = [hold(lab('interval-5', 0, 1300), 5.2), hold(real('interval-5', 0, 1200), 5.9)];
    const columns = [
      { key: 'intervalMs', label: 'interval', unit: 'ms', digits: 1 },
      { key: 'medianHoldMs', label: 'median hold', unit: 'ms', digits: 2 },
    ];
    expect(keyMetric(run, columns)?.key).toBe('medianHoldMs');
    expect(compareSentences(run, 0.15, columns)).toEqual([
      'interval-5: median hold 5.20 ms simulated, 5.90 ms on CPython 3.11 (ratio 0.88, they agree).',
      '1 of 1 median hold figures agree within ±25 %.',
    ]);
  });

  it('says the OS did not keep the interval where the real step found so, instead of a mismatch', () => {
    const hold = (r: ModeResult, interval: number, ms: number): ModeResult => ({ ...r, speedup: null, metrics: { intervalMs: interval, medianHoldMs: ms, meanHoldMs: ms - 0.04 } });
    const osTiming = { intervalMs: 1, timedWaits: 879, timerLateMs: 0.075, timerLateP90Ms: 0.087, runDelayMs: 716.9, switches: 243 };
    const run = [
      hold(lab('interval-1', 0, 1300), 1, 1.05),
      hold(lab('interval-5', 0, 1300), 5, 5.2),
      { ...hold(real('interval-1', 0, 1200), 1, 3.92), osTiming, findings: { interval: 'woken late' as const } },
      hold(real('interval-5', 0, 1200), 5, 5.9),
    ];
    const columns = [
      { key: 'intervalMs', label: 'interval', unit: 'ms', digits: 1 },
      { key: 'medianHoldMs', label: 'median hold', unit: 'ms', digits: 2 },
    ];
    expect(compareSentences(run, 0.15, columns)).toEqual([
      "interval-1: the OS woke CPython 3.11's 1 ms waits 0.07 ms late and left its threads 2.95 ms a switch ready with no core free, so its turns ran 3.88 ms on average (median 3.92 ms): that is this machine, not a mismatch with the simulation's 1.05 ms.",
      'interval-5: median hold 5.20 ms simulated, 5.90 ms on CPython 3.11 (ratio 0.88, they agree).',
      '1 of 1 median hold figures agree within ±25 %; 1 left out, the OS having not kept the interval on CPython 3.11.',
    ]);
    // Where the simulation ran as long on the same busy machine, the sentence says they agree.
    const both = [hold(lab('interval-1', 0, 1300), 1, 3.8), run[2] as ModeResult];
    expect(compareSentences(both, 0.15, columns)[0]).toMatch(/: that is this machine, and the simulation's 3\.80 ms, on the same machine, agrees \(ratio 0\.97\)\.$/);
  });

  it('names a free-threaded build by its t', () => {
    expect(pythonShortName({ version: '3.13.1', freeThreaded: true })).toBe('CPython 3.13t');
  });
});
