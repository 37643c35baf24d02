/**
 * The basic lessons: the same tasks run in sequence, on threads, on processes, as native code
 * that releases the GIL, or on a free-threaded interpreter; speedup against the sequential run.
 */
import type { Mode } from '../../shared/experiments';
import { speedup } from '../../shared/stats';
import type { TaskSpec } from '../../shared/worker-protocol';
import type { WorkerSpec } from '../step-runner';
import { chosenModes, cpuTask, ioTask, processes, threads, type Program, type RunContext } from './program';

const SINGLE = '1 thread, no GIL';

function workersFor(mode: Mode, n: number, task: TaskSpec, native: TaskSpec): { workers: WorkerSpec[]; labels: string[] } {
  const labels = (word: string): string[] => Array.from({ length: n }, (_, i) => `${word} ${i + 1}`);
  switch (mode) {
    case 'sequential':
      return { workers: threads(1, () => Array.from({ length: n }, () => task)), labels: ['main thread'] };
    case 'processes':
      return { workers: processes(n, () => [task]), labels: labels('process') };
    case 'native':
      return { workers: threads(n, () => [native]), labels: labels('thread') };
    case 'free-threaded':
      return { workers: threads(n, () => [task], 'none'), labels: labels('thread') };
    default:
      return { workers: threads(n, () => [task]), labels: labels('thread') };
  }
}

export function standardProgram(kind: 'cpu' | 'io'): Program {
  return {
    steps: (experiment, request) => standardSteps(chosenModes(experiment, request), experiment.id === 'free-threaded'),
    run: async (ctx: RunContext) => {
      const { workers: n, seconds } = ctx.request;
      const task = kind === 'io' ? ioTask(ctx, seconds) : cpuTask(ctx, seconds);
      const native = cpuTask(ctx, seconds, true);
      const key = `${ctx.experiment.id}|${n}|${seconds}`;
      for (const mode of ctx.experiment.modes) {
        if (!ctx.wants(mode)) continue;
        const { workers, labels } = workersFor(mode, n, task, native);
        const { result } = await ctx.step({ label: mode, mode, workers, workerLabels: labels });
        if (mode === 'sequential') ctx.rememberBaseline(key, result.wallMs);
        ctx.finish({ ...result, speedup: speedup(ctx.baseline(key), result.wallMs) });
      }
      if (ctx.experiment.id === 'free-threaded' && ctx.wants('free-threaded')) {
        // The single-thread price of no GIL: one task on one thread, against one task's share of the sequential run.
        const { result } = await ctx.step({ label: SINGLE, mode: 'free-threaded', workers: threads(1, () => [task], 'none'), workerLabels: ['thread 1'] });
        const base = ctx.baseline(key);
        const perTask = base !== undefined ? base / n : undefined;
        ctx.finish({
          ...result,
          speedup: speedup(perTask, result.wallMs),
          metrics: { singleThreadCostPct: perTask ? (result.wallMs / perTask - 1) * 100 : null },
        });
      }
    },
  };
}

/** Step labels of a standard lesson, in order. */
export function standardSteps(modes: readonly Mode[], withSingle: boolean): string[] {
  return withSingle && modes.includes('free-threaded') ? [...modes, SINGLE] : [...modes];
}
