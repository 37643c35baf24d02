/**
 * The program of the basic lessons: the same tasks run in sequence, on threads, on processes, as
 * native code that releases the GIL, or on a free-threaded interpreter; speedup against the
 * sequential run. Each step's id is its mode. A lesson may add one step of its own after them.
 */
import type { Mode } from '../../shared/experiments';
import { speedup } from '../../shared/stats';
import type { TaskSpec } from '../../shared/worker-protocol';
import { chosenModes, cpuTask, ioTask, processes, threads, type Program, type RunContext, type StepName, type WorkerSpec } from '../../engine/program-api';

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

/** A step a lesson adds after the standard ones. */
export interface FollowUp {
  step: StepName;
  /** Whether it runs for these chosen modes. */
  wanted(modes: readonly Mode[]): boolean;
  /** Runs it, given one worker's task and the key of the remembered sequential baseline. */
  run(ctx: RunContext, task: TaskSpec, baselineKey: string): Promise<void>;
}

export function standardProgram(kind: 'cpu' | 'io', followUp?: FollowUp): Program {
  return {
    steps: (experiment, request) => {
      const modes = chosenModes(experiment, request);
      const steps = modes.map((mode) => ({ id: mode, label: mode }));
      return followUp?.wanted(modes) ? [...steps, followUp.step] : steps;
    },
    run: async (ctx: RunContext) => {
      const { workers: n, seconds } = ctx.request;
      const task = kind === 'io' ? ioTask(ctx, seconds) : cpuTask(ctx, seconds);
      const native = cpuTask(ctx, seconds, true);
      const key = `${ctx.experiment.id}|${n}|${seconds}`;
      for (const mode of ctx.experiment.modes) {
        if (!ctx.wants(mode)) continue;
        const { workers, labels } = workersFor(mode, n, task, native);
        const { result } = await ctx.step({ step: { id: mode, label: mode }, mode, workers, workerLabels: labels });
        if (mode === 'sequential') ctx.rememberBaseline(key, result.wallMs);
        ctx.finish({ ...result, speedup: speedup(ctx.baseline(key), result.wallMs) });
      }
      if (followUp?.wanted(chosenModes(ctx.experiment, ctx.request))) await followUp.run(ctx, task, key);
    },
  };
}
