/**
 * asyncio: waits overlap on one event loop; CPU work on the loop gets no speedup and stalls every
 * other task, which a heartbeat on the loop measures.
 */
import { speedup } from '../../shared/stats';
import { cpuTask, ioTask, namedSteps, threads, type Program } from '../../engine/program-api';
import { CPU_TASKS, STEPS } from './lesson';

export const asyncioProgram: Program = {
  steps: () => namedSteps(STEPS),
  run: async (ctx) => {
    const n = ctx.request.workers;
    const ms = ctx.request.seconds * 1000;
    const k = Math.min(n, CPU_TASKS);
    const cpu = cpuTask(ctx, ctx.request.seconds);
    const loop = ['event loop'];

    const waits = await ctx.step({ step: { id: 'waits-in-turn', label: STEPS['waits-in-turn'] }, mode: 'sequential', workers: threads(1, () => Array.from({ length: n }, () => ioTask(ctx, ctx.request.seconds))), workerLabels: loop });
    ctx.finish({ ...waits.result, speedup: 1 });
    const overlapped = await ctx.step({
      step: { id: 'waits-on-loop', label: STEPS['waits-on-loop'] },
      mode: 'asyncio',
      workers: threads(1, () => [{ kind: 'event-loop', waits: n, waitMs: ms, cpuTasks: 0, cpuIterations: 0 }]),
      workerLabels: loop,
    });
    ctx.finish({ ...overlapped.result, speedup: speedup(waits.result.wallMs, overlapped.result.wallMs), metrics: { stallMs: overlapped.outcome.samples[0]?.loopStallMs ?? null } });

    const serial = await ctx.step({ step: { id: 'cpu-in-turn', label: STEPS['cpu-in-turn'] }, mode: 'sequential', workers: threads(1, () => Array.from({ length: k }, () => cpu)), workerLabels: loop });
    ctx.finish({ ...serial.result, speedup: 1 });
    const coroutines = await ctx.step({
      step: { id: 'cpu-on-loop', label: STEPS['cpu-on-loop'] },
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
