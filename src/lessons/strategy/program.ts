/**
 * Choose a strategy: each workload is one piece of work, run in sequence (the baseline) and then by
 * each strategy, so every speedup in a row is measured on the same work, now. Memory-bound work
 * first measures the machine's memory bandwidth with 1, 2… workers copying at once.
 */
import type { Mode } from '../../shared/experiments';
import type { ModeResult } from '../../shared/results';
import { speedup } from '../../shared/stats';
import type { TaskSpec } from '../../shared/worker-protocol';
import { cpuTask, ioTask, processes, threads, times, type Program, type RunContext, type StepSpec } from '../../engine/program-api';
import { bandwidthStep, bandwidthSweep, cellLabel, cellStep, GPU_LAUNCH_SHARE, PIPELINE, STRATEGIES, streamMegabytes, WORKLOADS, type StrategyStep } from './lesson';
import { aggregateBandwidth, type StreamPhases } from './workloads';

/** Copies in the first bandwidth measurement, which sizes the rest to the seconds asked for. */
const PROBE_PASSES = 4;

/** Splits `items` over `n` workers as evenly as possible. */
const share = (items: number, n: number, i: number): number => Math.floor(items / n) + (i < items % n ? 1 : 0);

/** The figures of one workload's work, for every cell of its row. */
interface Work {
  n: number;
  ms: number;
  perMs: number;
  cores: number;
  /** Memory-bound only: each array's size and how often it is copied. */
  megabytes: number;
  passes: number;
}

function pipeline(work: Work, items: number, offload: boolean): Extract<TaskSpec, { kind: 'pipeline' }> {
  return { kind: 'pipeline', items, fetchMs: work.ms * PIPELINE.fetch, storeMs: work.ms * PIPELINE.store, cpuIterations: Math.max(1, Math.round(work.perMs * work.ms)), offload };
}

/** Work handed to a device: a little Python launches it, then the thread waits with the GIL released. */
function gpuTask(work: Work): TaskSpec {
  return { kind: 'io', waitMs: work.ms * (1 - GPU_LAUNCH_SHARE), cpuIterations: Math.max(1, Math.round(work.perMs * work.ms * GPU_LAUNCH_SHARE)) };
}

/** How one strategy runs one workload's n units of work. */
function cell(ctx: RunContext, step: StrategyStep, mode: Mode, work: Work): Omit<StepSpec, 'step' | 'mode'> {
  const { n } = work;
  const pool = Math.max(1, Math.min(n, work.cores));
  const one = (task: TaskSpec): Omit<StepSpec, 'step' | 'mode'> =>
    mode === 'sequential'
      ? { workers: threads(1, () => times(n, () => task)), workerLabels: ['main thread'] }
      : mode === 'processes'
        ? { workers: processes(n, () => [task]) }
        : { workers: threads(n, () => [task]) };
  switch (step) {
    case 'cpu': {
      const task = cpuTask(ctx, work.ms / 1000);
      if (mode !== 'asyncio') return one(task);
      return { workers: threads(1, () => [{ kind: 'event-loop', waits: 0, waitMs: 0, cpuTasks: n, cpuIterations: task.kind === 'cpu' ? task.iterations : 0 }]), workerLabels: ['event loop'] };
    }
    case 'io': {
      const task = ioTask(ctx, work.ms / 1000);
      if (mode !== 'asyncio' || task.kind !== 'io') return one(task);
      // The same waits on one loop, and the same Python around them, as coroutines.
      return { workers: threads(1, () => [{ kind: 'event-loop', waits: n, waitMs: task.waitMs, cpuTasks: n, cpuIterations: task.cpuIterations }]), workerLabels: ['event loop'] };
    }
    case 'gpu':
      return one(gpuTask(work));
    case 'memory':
      // In sequence, one array copied as often as all the workers' arrays together: the same bytes.
      if (mode === 'sequential') return { workers: threads(1, () => [{ kind: 'stream', megabytes: work.megabytes, passes: work.passes * n }]), workerLabels: ['main thread'] };
      return one({ kind: 'stream', megabytes: work.megabytes, passes: work.passes });
    case 'hybrid':
      switch (mode) {
        case 'sequential':
          return { workers: threads(1, () => [pipeline(work, n, false)]), workerLabels: ['main thread'] };
        case 'processes':
          return { workers: processes(pool, (i) => [pipeline(work, share(n, pool, i), false)]) };
        case 'hybrid':
          return { workers: threads(n, () => [pipeline(work, 1, true)]), pool: { size: pool } };
        case 'asyncio': {
          const { fetchMs, storeMs, cpuIterations } = pipeline(work, n, true);
          return { workers: threads(1, () => [{ kind: 'async-pipeline', items: n, fetchMs, storeMs, cpuIterations }]), workerLabels: ['event loop'], pool: { size: pool } };
        }
        default:
          return { workers: threads(n, () => [pipeline(work, 1, false)]) };
      }
  }
}

/** The figures every result of a row carries, so the table can say what the work was. */
const workFigures = (step: StrategyStep, work: Work): Record<string, number> => ({
  units: work.n,
  ...(step === 'memory' ? { megabytes: work.megabytes, passes: work.passes } : {}),
});

/** What streaming workers measured over their copies alone (allocating the arrays, page faults and all, is left out). */
function streamed(samples: readonly { phases?: Record<string, number> }[]): ReturnType<typeof aggregateBandwidth> {
  return aggregateBandwidth(samples.map((s) => s.phases).filter((p): p is StreamPhases & Record<string, number> => p !== undefined && 'bytes' in p));
}

const bandwidthLabel = (k: number): string => `memory bandwidth · ${k === 1 ? '1 worker' : `${k} workers`}`;

/** k workers copying at once; the result's bandwidth is read from what the kernels measured. */
async function bandwidth(ctx: RunContext, k: number, megabytes: number, passes: number): Promise<{ result: ModeResult; gbps: number | null }> {
  const { outcome, result } = await ctx.step({
    step: { id: bandwidthStep(k), label: bandwidthLabel(k) },
    mode: 'native',
    workers: threads(k, () => [{ kind: 'stream', megabytes, passes }]),
  });
  const measured = streamed(outcome.samples);
  const finished = ctx.finish({
    ...result,
    metrics: { gbps: measured?.gbps ?? null, streamers: k, bytes: measured?.bytes ?? null, streamMs: measured?.spanMs ?? null, megabytes, passes },
  });
  return { result: finished, gbps: measured?.gbps ?? null };
}

/** Measures the bandwidth with 1, 2, 4… workers (up to the cores and the tasks); returns the copies per task sized to the seconds asked. */
async function measureBandwidth(ctx: RunContext, megabytes: number, ms: number): Promise<number> {
  const alone = await bandwidth(ctx, 1, megabytes, PROBE_PASSES);
  const bytesPerMs = (alone.gbps ?? 1) * 1e6;
  const passes = Math.max(2, Math.min(1000, Math.round((ms * bytesPerMs) / (2 * megabytes * 1024 * 1024))));
  for (const k of bandwidthSweep(ctx.request.workers, ctx.cores)) if (k > 1) await bandwidth(ctx, k, megabytes, passes);
  return passes;
}

export const strategyProgram: Program = {
  steps: (_experiment, request, cores) => {
    const sweep = bandwidthSweep(request.workers, cores).map((k) => ({ id: bandwidthStep(k), label: bandwidthLabel(k) }));
    return WORKLOADS.flatMap((w) => [...(w === 'memory' ? sweep : []), ...(['sequential', ...STRATEGIES[w]] as Mode[]).map((m) => ({ id: cellStep(w, m), label: cellLabel(w, m) }))]);
  },
  run: async (ctx) => {
    const n = ctx.request.workers;
    const ms = ctx.request.seconds * 1000;
    for (const step of WORKLOADS) {
      const megabytes = streamMegabytes(n);
      const passes = step === 'memory' ? await measureBandwidth(ctx, megabytes, ms) : 0;
      const work: Work = { n, ms, perMs: ctx.perMs, cores: ctx.cores, megabytes, passes };
      const row: ModeResult[] = [];
      // Memory-bound cells are timed over their copies, as the kernels measured them: allocating
      // the arrays costs page faults that would otherwise outweigh the copying they are about.
      const copies: (ReturnType<typeof aggregateBandwidth> | undefined)[] = [];
      for (const mode of ['sequential', ...STRATEGIES[step]] as Mode[]) {
        const { outcome, result } = await ctx.step({ step: { id: cellStep(step, mode), label: cellLabel(step, mode) }, mode, ...cell(ctx, step, mode, work) });
        row.push(result);
        copies.push(step === 'memory' ? streamed(outcome.samples) : undefined);
      }
      const timeOf = (i: number): number => (step === 'memory' ? (copies[i]?.spanMs ?? Number.NaN) : (row[i]?.wallMs ?? Number.NaN));
      const speedups = row.map((_, i) => speedup(timeOf(0), timeOf(i)));
      const contenders = row.map((r, i) => ({ r, s: speedups[i] ?? null })).filter((c) => c.r.mode !== 'sequential');
      const best = contenders.reduce<(typeof contenders)[number] | undefined>((a, b) => (a === undefined || (b.s ?? 0) > (a.s ?? 0) ? b : a), undefined);
      row.forEach((r, i) =>
        ctx.finish({
          ...r,
          task: step === 'io' || step === 'gpu' ? 'io' : 'cpu',
          tasks: n,
          speedup: speedups[i] ?? null,
          metrics: {
            ...workFigures(step, work),
            ...(step === 'memory' ? { gbps: copies[i]?.gbps ?? null, bytes: copies[i]?.bytes ?? null, streamMs: copies[i]?.spanMs ?? null } : {}),
            best: r.mode === 'sequential' ? null : best?.r === r ? 1 : 0,
          },
          ...(best ? { findings: { winner: best.r.mode } } : {}),
        }),
      );
    }
  },
};
