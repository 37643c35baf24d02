/**
 * A pipeline of fetch (I/O) -> process (CPU) -> store (I/O) per item: in sequence, on threads
 * only, on a few processes only, the hybrid (threads for I/O, a process pool for the CPU), and
 * asyncio with a process pool (one event loop gathering every item, run_in_executor for the CPU).
 */
import { speedup } from '../../shared/stats';
import type { TaskSpec } from '../../shared/worker-protocol';
import { chosenModes, processes, threads, type Program, type RunContext, type StepSpec } from '../../engine/program-api';
import { ITEMS_PER_THREAD, PIPELINE, STEP_LABEL } from './lesson';

function pipeline(ctx: RunContext, items: number, offload: boolean): Extract<TaskSpec, { kind: 'pipeline' }> {
  const cpuMs = ctx.request.seconds * 1000;
  return { kind: 'pipeline', items, fetchMs: cpuMs * PIPELINE.fetch, storeMs: cpuMs * PIPELINE.store, cpuIterations: Math.max(1, Math.round(ctx.perMs * cpuMs)), offload };
}

/** The same items on one event loop, every computation handed to the process pool. */
function asyncPipeline(ctx: RunContext, items: number): TaskSpec {
  const { fetchMs, storeMs, cpuIterations } = pipeline(ctx, items, true);
  return { kind: 'async-pipeline', items, fetchMs, storeMs, cpuIterations };
}

/** Splits `items` over `n` workers as evenly as possible. */
const share = (items: number, n: number, i: number): number => Math.floor(items / n) + (i < items % n ? 1 : 0);

export const hybridProgram: Program = {
  steps: (experiment, request) => chosenModes(experiment, request).map((mode) => ({ id: mode, label: mode })),
  run: async (ctx) => {
    const n = ctx.request.workers;
    const items = n * ITEMS_PER_THREAD;
    const poolSize = Math.max(1, Math.min(n, ctx.cores));
    const key = `hybrid|${n}|${ctx.request.seconds}`;
    const finished = [];
    for (const mode of ctx.experiment.modes) {
      if (!ctx.wants(mode)) continue;
      const spec: Omit<StepSpec, 'step' | 'mode'> =
        mode === 'sequential'
          ? { workers: threads(1, () => [pipeline(ctx, items, false)]), workerLabels: ['main thread'] }
          : mode === 'threads'
            ? { workers: threads(n, (i) => [pipeline(ctx, share(items, n, i), false)]) }
            : mode === 'processes'
              ? { workers: processes(poolSize, (i) => [pipeline(ctx, share(items, poolSize, i), false)]) }
              : mode === 'asyncio'
                ? { workers: threads(1, () => [asyncPipeline(ctx, items)]), workerLabels: ['event loop'], pool: { size: poolSize } }
                : { workers: threads(n, (i) => [pipeline(ctx, share(items, n, i), true)]), pool: { size: poolSize } };
      const { result } = await ctx.step({ step: { id: mode, label: STEP_LABEL[mode] ?? mode }, mode, ...spec });
      if (mode === 'sequential') ctx.rememberBaseline(key, result.wallMs);
      finished.push({ ...result, speedup: speedup(ctx.baseline(key), result.wallMs), metrics: { items } });
    }
    // Which strategy finished first (sequential is the baseline, not a contender).
    const winner = finished.filter((r) => r.mode !== 'sequential').sort((a, b) => a.wallMs - b.wallMs)[0];
    for (const result of finished) ctx.finish({ ...result, ...(winner ? { findings: { winner: winner.mode } } : {}) });
  },
};
