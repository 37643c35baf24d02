/**
 * The scaling curve: 1, 2, 4 … workers up to the chosen count, threads and processes, each
 * worker one task. Speedup = the time one task takes alone x the tasks / the wall time.
 */
import { speedup } from '../../shared/stats';
import { chosenModes, cpuTask, processes, threads, type Program } from '../../engine/program-api';
import { ALONE, countStep, workerCounts } from './lesson';

export const scalingProgram: Program = {
  steps: (experiment, request) => [
    ALONE,
    ...chosenModes(experiment, request).flatMap((mode) =>
      mode === 'threads' || mode === 'processes' ? workerCounts(request.workers).map((n) => countStep(mode, n)) : [],
    ),
  ],
  run: async (ctx) => {
    const task = cpuTask(ctx, ctx.request.seconds);
    const alone = await ctx.step({ step: ALONE, mode: 'sequential', workers: threads(1, () => [task]), workerLabels: ['main thread'] });
    ctx.finish({ ...alone.result, speedup: 1, metrics: { ideal: 1 } });
    const one = alone.result.wallMs;
    for (const mode of ['threads', 'processes'] as const) {
      if (!ctx.wants(mode)) continue;
      for (const n of workerCounts(ctx.request.workers)) {
        const workers = mode === 'threads' ? threads(n, () => [task]) : processes(n, () => [task]);
        const { result } = await ctx.step({ step: countStep(mode, n), mode, workers });
        ctx.finish({ ...result, speedup: speedup(one * n, result.wallMs), metrics: { ideal: Math.min(n, ctx.cores) } });
      }
    }
  },
};
