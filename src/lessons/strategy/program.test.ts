/**
 * The strategy program against a stand-in engine that records each step it is asked to run: every
 * cell of a row runs the same work, GPU-bound work waits with the GIL released, and the memory's
 * bandwidth is read from what the streaming workers reported.
 */
import { describe, expect, it } from 'vitest';
import type { ModeResult } from '../../shared/results';
import type { TaskSpec } from '../../shared/worker-protocol';
import type { RunContext, StepSpec } from '../../engine/program-api';
import { result } from '../explain-fixtures';
import { lesson, STRATEGIES, WORKLOADS, type StrategyStep } from './lesson';
import { strategyProgram } from './program';
import { bandwidthPoints } from './workloads';

interface Ran {
  spec: StepSpec;
}

/** A context whose steps run nothing: each returns a result, and streaming workers report `gbpsPerWorker(k)` each. */
function fakeContext(workers: number, cores: number, gbpsPerWorker: (k: number) => number) {
  const ran: Ran[] = [];
  const finished: ModeResult[] = [];
  const ctx = {
    experiment: lesson,
    request: { experiment: 'strategy', workers, seconds: 0.2, switchMs: 5 },
    cores,
    perMs: 10_000,
    signal: new AbortController().signal,
    wants: () => true,
    step: async (spec: StepSpec) => {
      ran.push({ spec });
      const k = spec.workers.length;
      const samples = spec.workers.map((w) => {
        const task = w.tasks[0];
        if (task?.kind !== 'stream') return { holds: [], waits: [], latencies: [] };
        const bytes = task.passes * 2 * task.megabytes * 1024 * 1024;
        return { holds: [], waits: [], latencies: [], phases: { streamFrom: 0, streamTo: bytes / (gbpsPerWorker(k) * 1e6), bytes } };
      });
      return { outcome: { samples }, result: result('strategy', spec.step.label, spec.mode, { stepId: spec.step.id, wallMs: spec.mode === 'sequential' ? 1000 : 500 }) };
    },
    finish: (r: ModeResult) => (finished.push(r), r),
  } as unknown as RunContext;
  return { ctx, ran, finished };
}

/** The work a task list stands for: CPU iterations, ms of waiting, bytes copied. */
function workOf(tasks: readonly TaskSpec[]): { cpu: number; wait: number; bytes: number } {
  const w = { cpu: 0, wait: 0, bytes: 0 };
  for (const t of tasks) {
    if (t.kind === 'cpu') w.cpu += t.iterations;
    else if (t.kind === 'io') (w.cpu += t.cpuIterations), (w.wait += t.waitMs);
    else if (t.kind === 'event-loop') (w.cpu += t.cpuTasks * t.cpuIterations), (w.wait += t.waits * t.waitMs);
    else if (t.kind === 'pipeline' || t.kind === 'async-pipeline') (w.cpu += t.items * t.cpuIterations), (w.wait += t.items * (t.fetchMs + t.storeMs));
    else if (t.kind === 'stream') w.bytes += t.megabytes * t.passes;
    else throw new Error(`a strategy step ran an unexpected task: ${t.kind}`);
  }
  return w;
}

const totalWork = (spec: StepSpec) => workOf(spec.workers.flatMap((w) => w.tasks));

describe('strategy program', () => {
  it('runs every strategy of a row on the same work as its sequential baseline', async () => {
    const { ctx, ran } = fakeContext(4, 2, () => 5);
    await strategyProgram.run(ctx);
    for (const step of WORKLOADS) {
      const cells = ran.filter((r) => r.spec.step.id === step);
      expect(cells.map((c) => c.spec.mode)).toEqual(['sequential', ...STRATEGIES[step]]);
      const base = totalWork(cells[0]!.spec);
      expect(base.cpu + base.wait + base.bytes).toBeGreaterThan(0);
      for (const c of cells) expect(totalWork(c.spec), `${step} · ${c.spec.mode}`).toEqual(base);
    }
  });

  it('hands GPU-bound work to a device the thread waits on with the GIL released', async () => {
    const { ctx, ran } = fakeContext(4, 2, () => 5);
    await strategyProgram.run(ctx);
    const threads = ran.find((r) => r.spec.step.id === ('gpu' satisfies StrategyStep) && r.spec.mode === 'threads');
    expect(threads?.spec.workers).toHaveLength(4);
    for (const w of threads?.spec.workers ?? []) {
      expect(w.gil).toBe('shared');
      const work = workOf(w.tasks);
      // Nearly all of it a wait (the GIL released), a little Python to launch it.
      expect(work.wait).toBeGreaterThan(0.9 * 200);
      expect(w.tasks.every((t) => t.kind === 'io')).toBe(true);
    }
  });

  it('reads the bandwidth from what the streaming workers measured, with 1 worker up to the cores', async () => {
    // One worker copies 8 GB/s alone; any more share 10 GB/s between them: the memory's ceiling.
    const { ctx, ran, finished } = fakeContext(4, 2, (k) => (k === 1 ? 8 : 10 / k));
    await strategyProgram.run(ctx);
    const points = bandwidthPoints(finished);
    expect(points.map((p) => p.workers)).toEqual([1, 2]);
    expect(points[0]?.gbps).toBeCloseTo(8, 6);
    expect(points[1]?.gbps).toBeCloseTo(10, 6);
    // The memory-bound row copies as many times as fills the seconds asked at the bandwidth measured alone.
    const row = ran.find((r) => r.spec.step.id === 'memory' && r.spec.mode === 'threads');
    const task = row?.spec.workers[0]?.tasks[0];
    expect(task?.kind).toBe('stream');
    if (task?.kind === 'stream') expect((task.passes * 2 * task.megabytes * 1024 * 1024) / (8 * 1e6)).toBeCloseTo(200, -1.5);
    // Its speedups are the copies' own times: 4 workers at 10 GB/s together against one alone at 8.
    const threads = finished.find((r) => r.stepId === 'memory' && r.mode === 'threads');
    expect(threads?.speedup).toBeCloseTo(10 / 8, 6);
    expect(threads?.metrics['gbps']).toBeCloseTo(10, 6);
  });
});
