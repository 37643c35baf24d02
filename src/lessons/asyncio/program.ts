/**
 * asyncio: waits overlap on one event loop; CPU work on the loop gets no speedup and stalls every
 * other task, which a heartbeat on the loop measures.
 */
import { speedup } from '../../shared/stats';
import { cpuTask, ioTask, threads, type Program } from './program';

const STEPS = ['waits one after another', 'waits on one event loop', 'CPU one after another', 'CPU as coroutines'] as const;
/** CPU coroutines: enough to show the stall, few enough to keep the lesson short. */
const CPU_TASKS = 4;

export const asyncioProgram: Program = {
  steps: () => [...STEPS],
  run: async (ctx) => {
    const n = ctx.request.workers;
    const ms = ctx.request.seconds * 1000;
    const k = Math.min(n, CPU_TASKS);
    const cpu = cpuTask(ctx, ctx.request.seconds);
    const loop = ['event loop'];

    const waits = await ctx.step({ label: STEPS[0], mode: 'sequential', workers: threads(1, () => Array.from({ length: n }, () => ioTask(ctx, ctx.request.seconds))), workerLabels: loop });
    ctx.finish({ ...waits.result, speedup: 1 });
    const overlapped = await ctx.step({
      label: STEPS[1],
      mode: 'asyncio',
      workers: threads(1, () => [{ kind: 'event-loop', waits: n, waitMs: ms, cpuTasks: 0, cpuIterations: 0 }]),
      workerLabels: loop,
    });
    ctx.finish({ ...overlapped.result, speedup: speedup(waits.result.wallMs, overlapped.result.wallMs), metrics: { stallMs: overlapped.outcome.samples[0]?.loopStallMs ?? null } });

    const serial = await ctx.step({ label: STEPS[2], mode: 'sequential', workers: threads(1, () => Array.from({ length: k }, () => cpu)), workerLabels: loop });
    ctx.finish({ ...serial.result, speedup: 1 });
    const coroutines = await ctx.step({
      label: STEPS[3],
      mode: 'asyncio',
      workers: threads(1, () => [{ kind: 'event-loop', waits: 0, waitMs: 0, cpuTasks: k, cpuIterations: cpu.kind === 'cpu' ? cpu.iterations : 0 }]),
      workerLabels: loop,
    });
    ctx.finish({
      ...coroutines.result,
      speedup: speedup(serial.result.wallMs, coroutines.result.wallMs),
      metrics: { stallMs: coroutines.outcome.samples[0]?.loopStallMs ?? null },
    });
  },
};
