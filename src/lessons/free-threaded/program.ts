/**
 * Free-threaded Python: the standard steps, then the single-thread price of no GIL: one task on
 * one thread, against one task's share of the sequential run.
 */
import { speedup } from '../../shared/stats';
import { threads } from '../../engine/program-api';
import { standardProgram } from '../common/standard-program';
import { SINGLE } from './lesson';

export const freeThreadedProgram = standardProgram('cpu', {
  step: SINGLE,
  wanted: (modes) => modes.includes('free-threaded'),
  run: async (ctx, task, baselineKey) => {
    const n = ctx.request.workers;
    const { result } = await ctx.step({ step: SINGLE, mode: 'free-threaded', workers: threads(1, () => [task], 'none'), workerLabels: ['thread 1'] });
    const base = ctx.baseline(baselineKey);
    const perTask = base !== undefined ? base / n : undefined;
    ctx.finish({
      ...result,
      speedup: speedup(perTask, result.wallMs),
      metrics: { singleThreadCostPct: perTask ? (result.wallMs / perTask - 1) * 100 : null },
    });
  },
});
