/**
 * Turn-taking: the same CPU-bound threads at a short, the chosen and a long switch interval,
 * measuring how long each hold lasts, switches per second and how long a waiter waits.
 */
import { intervalsAround } from '../../shared/switch-intervals';
import { median, percentile } from '../../shared/stats';
import { cpuTask, threads, type Program } from '../../engine/program-api';
import { intervalStep } from './lesson';

export { intervalsAround };

export const switchIntervalProgram: Program = {
  steps: (_experiment, request) => intervalsAround(request.switchMs).map((ms) => intervalStep(ms).label),
  run: async (ctx) => {
    const n = ctx.request.workers;
    const task = cpuTask(ctx, ctx.request.seconds);
    for (const intervalMs of intervalsAround(ctx.request.switchMs)) {
      const { result, outcome } = await ctx.step({ step: intervalStep(intervalMs), mode: 'threads', workers: threads(n, () => [task]), switchMs: intervalMs });
      const holds = outcome.samples.flatMap((s) => s.holds);
      const waits = outcome.samples.flatMap((s) => s.waits);
      ctx.finish({
        ...result,
        metrics: {
          intervalMs,
          medianHoldMs: holds.length > 0 ? median(holds) : null,
          switchesPerSecond: result.wallMs > 0 ? result.gilSwitches / (result.wallMs / 1000) : null,
          medianWaitMs: waits.length > 0 ? median(waits) : null,
          p95WaitMs: percentile(waits, 0.95),
        },
      });
    }
  },
};
