/**
 * Subinterpreters: the same tasks in sequence, on threads sharing one GIL, on interpreters with a
 * GIL each in one process, and on processes. Each step's start-up (spawn to ready) is its own
 * figure; the speedup is against the sequential run.
 */
import type { Mode } from '../../shared/experiments';
import { speedup } from '../../shared/stats';
import type { TaskSpec } from '../../shared/worker-protocol';
import { cpuTask, processes, threads, times, type Program, type WorkerSpec } from '../../engine/program-api';

/** n interpreters of one process: each a thread whose GIL is its own ('own' on a thread). */
export const interpreters = (n: number, task: TaskSpec): WorkerSpec[] => times(n, () => ({ host: 'thread', gil: 'own', tasks: [task] }));

function workersFor(mode: Mode, n: number, task: TaskSpec): { workers: WorkerSpec[]; labels: string[] } {
  const labels = (word: string): string[] => Array.from({ length: n }, (_, i) => `${word} ${i + 1}`);
  switch (mode) {
    case 'sequential':
      return { workers: threads(1, () => Array.from({ length: n }, () => task)), labels: ['main thread'] };
    case 'processes':
      return { workers: processes(n, () => [task]), labels: labels('process') };
    case 'interpreters':
      return { workers: interpreters(n, task), labels: labels('interpreter') };
    default:
      return { workers: threads(n, () => [task]), labels: labels('thread') };
  }
}

export const subinterpretersProgram: Program = {
  steps: (experiment, request) => experiment.modes.filter((m) => !request.modes || request.modes.includes(m)),
  run: async (ctx) => {
    const { workers: n, seconds } = ctx.request;
    const task = cpuTask(ctx, seconds);
    const key = `${ctx.experiment.id}|${n}|${seconds}`;
    for (const mode of ctx.experiment.modes) {
      if (!ctx.wants(mode)) continue;
      const { workers, labels } = workersFor(mode, n, task);
      const { result } = await ctx.step({ step: { id: mode, label: mode }, mode, workers, workerLabels: labels });
      if (mode === 'sequential') ctx.rememberBaseline(key, result.wallMs);
      ctx.finish({ ...result, speedup: speedup(ctx.baseline(key), result.wallMs), metrics: { startMs: result.startupMs } });
    }
  },
};
