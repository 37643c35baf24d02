/**
 * Free-threaded Python, for the build the request names: in sequence, on threads under the GIL,
 * on threads with no GIL paying that build's single-thread price, then one task alone without a
 * GIL against one task's share of the sequential run: the price, measured.
 */
import type { FreeThreadedBuild, Mode } from '../../shared/experiments';
import { speedup } from '../../shared/stats';
import type { ModeResult } from '../../shared/results';
import type { TaskSpec } from '../../shared/worker-protocol';
import { chosenModes, cpuTask, threads, type Program, type RunContext } from '../../engine/program-api';
import { BUILD_COST, DEFAULT_BUILD, SINGLE } from './lesson';

/** A task on the chosen build: the plain loop, plus the build's price where there is no GIL. */
export const pricedTask = (task: TaskSpec, build: FreeThreadedBuild): TaskSpec => (task.kind === 'cpu' ? { ...task, refcountCost: BUILD_COST[build].pct / 100 } : task);

const labels = (n: number, word: string): string[] => Array.from({ length: n }, (_, i) => `${word} ${i + 1}`);

/** CPU ms a step's workers used in all, or null where a worker's own CPU time was not read. */
const cpuOf = (result: ModeResult): number | null => {
  const total = result.perWorker.reduce((sum, w) => sum + w.cpuMs, 0);
  return result.perWorker.length > 0 && total > 0 ? total : null;
};

/**
 * The price, measured: one task alone without a GIL against one task's share of the sequential
 * run, in CPU time where the workers read it (other programs cannot stretch it), else wall time.
 */
async function single(ctx: RunContext, task: TaskSpec, build: FreeThreadedBuild, baselineKey: string, sequential: ModeResult | undefined): Promise<void> {
  const n = ctx.request.workers;
  const { result } = await ctx.step({ step: SINGLE, mode: 'free-threaded', workers: threads(1, () => [pricedTask(task, build)], 'none'), workerLabels: ['thread 1'] });
  const base = ctx.baseline(baselineKey);
  const perTask = base !== undefined ? base / n : undefined;
  const seqCpu = sequential ? cpuOf(sequential) : null;
  const perTaskCpu = sequential && seqCpu !== null ? seqCpu / sequential.tasks : null;
  const ownCpu = cpuOf(result);
  const byCpu = perTaskCpu !== null && ownCpu !== null ? (ownCpu / perTaskCpu - 1) * 100 : null;
  const byWall = perTask ? (result.wallMs / perTask - 1) * 100 : null;
  ctx.finish({
    ...result,
    speedup: speedup(perTask, result.wallMs),
    metrics: { singleThreadCostPct: byCpu ?? byWall, costInCpuTime: byCpu !== null ? 1 : 0, publishedCostPct: BUILD_COST[build].pct },
  });
}

export const freeThreadedProgram: Program = {
  steps: (experiment, request) => {
    const modes: string[] = chosenModes(experiment, request);
    return modes.includes('free-threaded') ? [...modes, SINGLE.label] : modes;
  },
  run: async (ctx) => {
    const { workers: n, seconds } = ctx.request;
    const build = ctx.request.build ?? DEFAULT_BUILD;
    const task = cpuTask(ctx, seconds);
    const key = `${ctx.experiment.id}|${n}|${seconds}`;
    const modes: Mode[] = chosenModes(ctx.experiment, ctx.request);
    let sequential: ModeResult | undefined;
    for (const mode of modes) {
      const free = mode === 'free-threaded';
      const workers = mode === 'sequential' ? threads(1, () => Array.from({ length: n }, () => task)) : threads(n, () => [free ? pricedTask(task, build) : task], free ? 'none' : 'shared');
      const { result } = await ctx.step({ step: { id: mode, label: mode }, mode, workers, workerLabels: mode === 'sequential' ? ['main thread'] : labels(n, 'thread') });
      if (mode === 'sequential') {
        ctx.rememberBaseline(key, result.wallMs);
        sequential = result;
      }
      ctx.finish({ ...result, speedup: speedup(ctx.baseline(key), result.wallMs), ...(free ? { metrics: { publishedCostPct: BUILD_COST[build].pct } } : {}) });
    }
    if (modes.includes('free-threaded')) await single(ctx, task, build, key, sequential);
  },
};
