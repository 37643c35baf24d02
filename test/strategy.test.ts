/**
 * The strategy and hybrid lessons through the built CLI: one piece of work per row, GPU-bound waits
 * overlapping on threads, the memory's bandwidth read from the streaming kernel, and asyncio with a
 * process pool. Ratios with margins only.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { PythonList } from '../src/shared/python-schemas';
import { STRATEGIES, WORKLOADS, isBandwidthStep, workloadOf } from '../src/lessons/strategy/lesson';
import { bandwidthCeiling, bandwidthPoints } from '../src/lessons/strategy/workloads';
import { CLI } from './cli';
import { run } from './run-helpers';

describe('strategy', () => {
  it('runs each workload once per strategy on the same work; GPU waits overlap; bandwidth comes from the kernel', async () => {
    const { cores, runs } = await run(['strategy', '--workers', '2', '--seconds', '0.1']);
    for (const step of WORKLOADS) {
      const row = runs.filter((r) => workloadOf(r.stepId) === step);
      expect(row.map((r) => r.mode)).toEqual(['sequential', ...STRATEGIES[step]]);
      // Like with like: every cell of a row says the same work.
      expect(new Set(row.map((r) => `${r.metrics['units']}|${r.taskSeconds}|${r.metrics['passes'] ?? ''}`)).size).toBe(1);
      for (const r of row) expect(r.speedup, r.stepId).not.toBeNull();
      expect(row.filter((r) => r.metrics['best'] === 1)).toHaveLength(1);
    }
    // Two batches handed to the device overlap on two threads: the GIL is released while they wait.
    const gpu = runs.filter((r) => workloadOf(r.stepId) === 'gpu');
    const inTurn = gpu.find((r) => r.mode === 'sequential');
    const onThreads = gpu.find((r) => r.mode === 'threads');
    expect(onThreads?.wallMs).toBeLessThan(0.75 * (inTurn?.wallMs ?? 0));
    // The bandwidth of each measurement is the bytes the kernels copied over the span they copied in.
    const sweep = runs.filter((r) => isBandwidthStep(r.stepId));
    const memory = runs.filter((r) => workloadOf(r.stepId) === 'memory');
    expect(sweep.map((r) => r.metrics['streamers'])).toEqual(cores >= 2 ? [1, 2] : [1]);
    for (const r of [...sweep, ...memory]) {
      const bytes = r.metrics['bytes'] ?? 0;
      const ms = r.metrics['streamMs'] ?? 0;
      expect(bytes).toBeGreaterThan(0);
      expect(r.metrics['gbps']).toBeCloseTo(bytes / ms / 1e6, 6);
    }
    // The memory-bound row's speedups are its copies' times, as the kernels measured them.
    const inSequence = memory.find((r) => r.mode === 'sequential');
    for (const r of memory) expect(r.speedup).toBeCloseTo((inSequence?.metrics['streamMs'] ?? 0) / (r.metrics['streamMs'] ?? 1), 6);
    const ceiling = bandwidthCeiling(bandwidthPoints(runs));
    expect(ceiling?.alone.gbps).toBe(sweep[0]?.metrics['gbps']);
  }, 200_000);
});

describe('hybrid with asyncio and a process pool', () => {
  it('one event loop and a pool beat threads alone on the same items', async () => {
    const { runs } = await run(['hybrid', '--workers', '4', '--seconds', '0.05', '--modes', 'threads,asyncio']);
    const threads = runs.find((r) => r.stepId === 'threads');
    const loop = runs.find((r) => r.stepId === 'asyncio');
    // The label itself is tested here: the step must say it has a pool, not just 'asyncio'.
    expect(loop?.step).toBe('asyncio + process pool');
    expect(loop?.metrics['items']).toBe(threads?.metrics['items']);
    // The pool computes in parallel only where other programs leave it the cores: then the loop wins.
    if ((loop?.coresUsed ?? 0) >= 1.3) expect(loop?.wallMs).toBeLessThan(threads?.wallMs ?? 0);
    // Whatever the machine, the loop's one thread never queued for the GIL: its computing went to the pool.
    expect(loop?.waitMs).toBe(0);
    expect(loop?.perWorker[0]?.holdMs ?? 0).toBeLessThan(0.2 * (loop?.wallMs ?? 0));
  }, 200_000);
});

const pythons = JSON.parse(spawnSync(process.execPath, [CLI, 'pythons', '--json'], { encoding: 'utf8', timeout: 60_000 }).stdout || '{"pythons":[]}') as PythonList;
const python = pythons.pythons.find((p) => !p.freeThreaded);

describe('hybrid with asyncio and a process pool, on real CPython', () => {
  it.skipIf(!python)('runs the lesson\'s own event loop and run_in_executor, as the same step as the lab\'s', async () => {
    const { runs } = await run(['hybrid', '--workers', '2', '--seconds', '0.1', '--modes', 'sequential,asyncio', '--engine', 'cpython', '--python', python?.executable ?? '']);
    const loop = runs.find((r) => r.stepId === 'cpython:asyncio');
    expect(loop?.engine).toBe('cpython');
    // Waits overlap on the loop and the pool computes: faster than the same items one after another.
    expect(loop?.speedup).toBeGreaterThan(1.2);
  }, 200_000);
});
