/**
 * Turn-taking: the same CPU-bound threads at a short, the chosen and a long switch interval,
 * measuring how long each hold lasts, switches per second and how long a waiter waits.
 */
import { intervalsAround } from '../../shared/switch-intervals';
import type { Findings, ModeResult } from '../../shared/results';
import { median, percentile } from '../../shared/stats';
import { cpuTask, threads, type Program } from '../../engine/program-api';
import { intervalStep } from './lesson';

export { intervalsAround };

/** A median hold this close to the interval is the interval honoured (the holder lets go at its next check). */
const HONOURED = { min: 0.7, max: 1.3 } as const;
/**
 * Idle cores below which a waiting thread cannot be run the moment its interval ends. It then
 * asks for the GIL only when the OS next gets round to it (a scheduler tick, a few ms), so every
 * hold runs that much past the interval. CPython's waiters time out the same way; the lab says so
 * instead of presenting the longer holds as what the interval does.
 */
const MIN_IDLE_CORES = 0.75;

/**
 * Whether the holds kept to the interval; when they missed it, whether the machine had no core to
 * spare for the waiters. Null without the figures to judge by.
 */
export function intervalKept(result: Pick<ModeResult, 'coresBusy'>, cores: number, medianHoldMs: number | null, intervalMs: number): Findings['interval'] | null {
  if (medianHoldMs === null) return null;
  const ratio = medianHoldMs / intervalMs;
  if (ratio >= HONOURED.min && ratio <= HONOURED.max) return 'honoured';
  if (result.coresBusy === null) return null;
  return cores - result.coresBusy < MIN_IDLE_CORES ? 'too busy' : 'missed';
}

export const switchIntervalProgram: Program = {
  steps: (_experiment, request) => intervalsAround(request.switchMs).map(intervalStep),
  run: async (ctx) => {
    const n = ctx.request.workers;
    const task = cpuTask(ctx, ctx.request.seconds);
    for (const intervalMs of intervalsAround(ctx.request.switchMs)) {
      const { result, outcome } = await ctx.step({ step: intervalStep(intervalMs), mode: 'threads', workers: threads(n, () => [task]), switchMs: intervalMs });
      const holds = outcome.samples.flatMap((s) => s.holds);
      const waits = outcome.samples.flatMap((s) => s.waits);
      const medianHoldMs = holds.length > 0 ? median(holds) : null;
      const kept = intervalKept(result, ctx.cores, medianHoldMs, intervalMs);
      ctx.finish({
        ...result,
        metrics: {
          intervalMs,
          medianHoldMs,
          switchesPerSecond: result.wallMs > 0 ? result.gilSwitches / (result.wallMs / 1000) : null,
          medianWaitMs: waits.length > 0 ? median(waits) : null,
          p95WaitMs: percentile(waits, 0.95),
          idleCores: result.coresBusy !== null ? Math.max(0, ctx.cores - result.coresBusy) : null,
        },
        ...(kept ? { findings: { interval: kept } } : {}),
      });
    }
  },
};
