/** The decision table's readings: rows by typed step id, one piece of work per row, the memory's ceiling from measured bandwidth. */
import { describe, expect, it } from 'vitest';
import type { Mode } from '../../shared/experiments';
import type { ModeResult } from '../../shared/results';
import { explainRun, predictionVerdict } from '../catalogue';
import { choice, lesson, result } from '../explain-fixtures';
import { asGoodAsBest, bandwidthSentence, bestOf, rowOf } from './explain';
import { bandwidthStep, cellLabel, cellStep, workloadOf, type StrategyStep } from './lesson';
import { aggregateBandwidth, bandwidthCeiling, workloadText } from './workloads';

const s = lesson('strategy');

/** One cell as the program finishes it: the row's step id, a label that is not the id, the row's work. */
function cell(step: StrategyStep, mode: Mode, speedup: number, over: Partial<ModeResult> = {}): ModeResult {
  return result('strategy', cellLabel(step, mode), mode, {
    stepId: cellStep(step, mode),
    speedup,
    taskSeconds: 0.2,
    metrics: { units: 4, best: mode === 'sequential' ? null : 0, ...(over.metrics ?? {}) },
    ...over,
  });
}
const best = (r: ModeResult): ModeResult => ({ ...r, metrics: { ...r.metrics, best: 1 } });

function sweep(workers: number, gbps: number, coresUsed: number | null = workers): ModeResult {
  return result('strategy', `memory bandwidth · ${workers} workers`, 'native', {
    stepId: bandwidthStep(workers),
    workers,
    coresUsed,
    speedup: null,
    metrics: { gbps, streamers: workers },
  });
}

const run: ModeResult[] = [
  cell('cpu', 'sequential', 1),
  cell('cpu', 'threads', 0.97),
  best(cell('cpu', 'processes', 1.85, { startupMs: 150 })),
  cell('cpu', 'asyncio', 0.98),
  cell('io', 'sequential', 1),
  best(cell('io', 'asyncio', 3.9)),
  cell('io', 'threads', 3.8),
  cell('io', 'processes', 2.1),
];

describe('strategy: each row compares strategies on its own work', () => {
  it('finds rows by step id, never by label', () => {
    const relabelled = run.map((r) => ({ ...r, step: 'same label everywhere' }));
    expect(rowOf(relabelled, 'cpu').map((r) => r.mode)).toEqual(['sequential', 'threads', 'processes', 'asyncio']);
    expect(bestOf(rowOf(relabelled, 'cpu'))?.mode).toBe('processes');
    expect(bestOf(rowOf(relabelled, 'io'))?.mode).toBe('asyncio');
  });

  it("never puts one workload's figure beside another's", () => {
    // The old table set asyncio's 9.55x on ten waits beside threads' 3.85x on four: a row now holds only its own step's results.
    const mixed = [...run, cell('hybrid', 'asyncio', 9.55, { metrics: { units: 10 } })];
    expect(rowOf(mixed, 'io').every((r) => workloadOf(r.stepId) === 'io')).toBe(true);
    expect(bestOf(rowOf(mixed, 'io'))?.speedup).toBe(3.9);
    expect(new Set(rowOf(mixed, 'io').map((r) => `${r.metrics['units']}|${r.taskSeconds}`)).size).toBe(1);
  });

  it('says what the work was, and counts a strategy within a tenth of the best as just as good', () => {
    const lines = explainRun(s, run, 2);
    expect(lines[0]).toBe(
      'CPU-heavy (4 tasks of 0.20 s of Python sums): processes won at 1.85x (threads 0.97x, asyncio 0.98x); processes also took 0.15 s to start, not counted in their time.',
    );
    expect(lines[1]).toBe('I/O-heavy (4 waits of 0.20 s, a little Python around each): asyncio 3.90x and threads 3.80x, within a tenth of each other (processes 2.10x).');
    expect(asGoodAsBest(rowOf(run, 'io')).map((r) => r.mode)).toEqual(['asyncio', 'threads']);
  });

  it('scores the prediction on the CPU-heavy row only', () => {
    expect(predictionVerdict(s, choice(s, 'processes'), run)).toBe("You predicted 'processes'; processes finished first for CPU-heavy work (1.85x): well predicted.");
    expect(predictionVerdict(s, choice(s, 'asyncio'), run)).toContain("the answer was 'processes'");
  });

  it('names the hybrid row\'s pool strategies and says the GPU is modelled', () => {
    const lines = explainRun(
      s,
      [
        cell('hybrid', 'sequential', 1),
        cell('hybrid', 'threads', 1.4),
        cell('hybrid', 'hybrid', 2.6),
        best(cell('hybrid', 'asyncio', 3.1)),
        cell('gpu', 'sequential', 1),
        best(cell('gpu', 'threads', 3.7)),
        cell('gpu', 'processes', 2.9),
      ],
      2,
    );
    expect(lines[0]).toBe('Hybrid (4 items: fetch 0.10 s, compute 0.20 s, store 0.10 s): asyncio + a process pool won at 3.10x (threads 1.40x, threads + a process pool 2.60x).');
    expect(lines[1]).toBe('GPU-bound (4 batches: launch 0.01 s, then 0.19 s on the device): threads won at 3.70x (processes 2.90x).');
    expect(lines[2]).toContain('This lab has no GPU');
  });
});

describe('strategy: the memory-bound ceiling comes from the bandwidth measured', () => {
  it("sums every worker's bytes over the span they copied in", () => {
    const two = aggregateBandwidth([
      { streamFrom: 10, streamTo: 110, bytes: 1e9 },
      { streamFrom: 20, streamTo: 210, bytes: 1e9 },
    ]);
    expect(two).toEqual({ bytes: 2e9, spanMs: 200, gbps: 10 });
    expect(aggregateBandwidth([])).toBeNull();
    expect(aggregateBandwidth([{ streamFrom: 5, streamTo: 5, bytes: 1e9 }])).toBeNull();
  });

  it('finds where more workers stopped helping, from the measurements alone', () => {
    // Bandwidth-bound: two workers moved less in all than one alone.
    const flat = bandwidthCeiling([
      { workers: 1, gbps: 13.2, coresUsed: 1 },
      { workers: 2, gbps: 11.2, coresUsed: 2 },
    ]);
    expect(flat?.saturatedAt).toBe(1);
    expect(flat?.ceiling).toBe(1);
    expect((flat?.most.gbps ?? 0) / (flat?.alone.gbps ?? 1)).toBeLessThan(2);
    // Rising to two workers, then flat: the ceiling is the measured 1.9x, below the 4 workers tried.
    const knee = bandwidthCeiling([
      { workers: 1, gbps: 10, coresUsed: 1 },
      { workers: 2, gbps: 19, coresUsed: 2 },
      { workers: 4, gbps: 19.5, coresUsed: 4 },
    ]);
    expect(knee?.saturatedAt).toBe(2);
    expect(knee?.ceiling).toBeCloseTo(1.95, 5);
    expect(knee?.ceiling).toBeLessThan(4);
    // Still rising at the most workers measured: no ceiling is claimed.
    expect(bandwidthCeiling([{ workers: 1, gbps: 10, coresUsed: 1 }, { workers: 2, gbps: 19.8, coresUsed: 2 }])?.saturatedAt).toBeNull();
    expect(bandwidthCeiling([{ workers: 2, gbps: 19.8, coresUsed: 2 }])).toBeNull();
  });

  it('says the ceiling in words, and that a busy machine may share the blame', () => {
    const lines = explainRun(s, [cell('memory', 'sequential', 1, { metrics: { units: 4, megabytes: 64, passes: 12 } }), best(cell('memory', 'threads', 1.02)), sweep(1, 13.2), sweep(2, 11.2)], 2);
    expect(lines[0]).toBe('Memory-bound (4 arrays of 64 MB, each copied 12 times, timed over the copies): threads won at 1.02x.');
    expect(lines[1]).toBe(
      'Memory bandwidth, measured by copying: 1 worker 13.2 GB/s, 2 workers 11.2 GB/s. Past 1 worker more cores stopped helping: memory-bound work can gain at most 1.00x here, whatever runs it.',
    );
    expect(bandwidthSentence([sweep(1, 13.2), sweep(2, 11.2, 0.6)].map((r) => ({ workers: r.workers, gbps: r.metrics['gbps'] ?? 0, coresUsed: r.coresUsed })))).toContain(
      'other programs left 2 workers only 0.6 cores',
    );
    expect(workloadText('memory', [])).toBeNull();
  });

  it('tells a memory that held the workers back from one that kept up', () => {
    const point = (workers: number, gbps: number) => ({ workers, gbps, coresUsed: workers });
    expect(bandwidthSentence([point(1, 15.2), point(2, 22.7)])).toBe(
      'Memory bandwidth, measured by copying: 1 worker 15.2 GB/s, 2 workers 22.7 GB/s. It rose with every worker measured, but 2 workers copied only 1.49x what one did, not 2x: the memory held them back, not the cores.',
    );
    expect(bandwidthSentence([point(1, 10), point(2, 19.5)])).toBe(
      'Memory bandwidth, measured by copying: 1 worker 10.0 GB/s, 2 workers 19.5 GB/s. It rose in step with the workers (1.95x with 2 workers): the memory kept up with these cores.',
    );
    expect(bandwidthSentence([point(1, 10)])).toContain('with one core there was no second worker to measure');
  });
});
