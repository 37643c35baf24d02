/**
 * What a process costs: start-up and memory against a thread, the time and bytes of sending data
 * there and back (serialised, as pickle does), and thousands of tiny tasks in sequence, one
 * message each to a process pool, and batched.
 */
import { median, speedup } from '../../shared/stats';
import type { TimelineSegment } from '../../shared/results';
import { epochNow, namedSteps, threads, type Pool, type Program, type RunContext, type StepClock } from '../../engine/program-api';
import { STEPS, type ProcessCostStep } from './lesson';

const PAYLOAD_NUMBERS = 100_000;
const ROUND_TRIPS = 5;
const TINY_TASKS = 20_000;

const name = (id: ProcessCostStep): { id: ProcessCostStep; label: string } => ({ id, label: STEPS[id] });

/** About 1 MB once serialised: what a pickled list of floats would weigh. */
const payload = (): number[] => Array.from({ length: PAYLOAD_NUMBERS }, (_, i) => i + 0.123456);

async function withPool<T>(
  ctx: RunContext,
  host: 'thread' | 'process',
  size: number,
  use: (pool: Pool) => Promise<T>,
  timeline?: { clock: StepClock; onSegments: (segments: TimelineSegment[]) => void },
): Promise<T> {
  const pool = await ctx.pool({ host, size, ...(timeline ?? {}) });
  try {
    return await use(pool);
  } finally {
    await pool.stop();
  }
}

async function startUp(ctx: RunContext, host: 'thread' | 'process', id: ProcessCostStep): Promise<void> {
  const n = ctx.request.workers;
  const step = ctx.manualStep(name(id), host === 'thread' ? 'threads' : 'processes', Array.from({ length: n }, (_, i) => `${host} ${i + 1}`));
  const { readyMs, rss } = await withPool(ctx, host, n, async (pool) => ({ readyMs: [...pool.readyMs], rss: [...pool.rssBytes] }), step);
  const memory = rss.filter((r): r is number => r !== undefined);
  const result = await step.end({
    wallMs: Math.max(...readyMs),
    startupMs: median(readyMs),
    metrics: { startupMs: median(readyMs), memoryMB: memory.length > 0 ? median(memory) / 1e6 : null },
  });
  ctx.finish(result);
}

async function roundTrip(ctx: RunContext, host: 'thread' | 'process', id: ProcessCostStep): Promise<void> {
  const step = ctx.manualStep(name(id), host === 'thread' ? 'threads' : 'processes', [`${host} 1`]);
  const data = payload();
  const bytes = Buffer.byteLength(JSON.stringify(data));
  const times = await withPool(ctx, host, 1, async (pool) => {
    const measured: number[] = [];
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const start = performance.now();
      const back = await pool.run(0, data);
      if (!Array.isArray(back.payload) || back.payload.length !== data.length) throw new Error('the payload came back damaged');
      measured.push(performance.now() - start);
    }
    return measured;
  });
  ctx.finish(await step.end({ wallMs: times.reduce((a, b) => a + b, 0), metrics: { bytes, roundTripMs: median(times) } }));
}

export const processCostProgram: Program = {
  steps: () => namedSteps(STEPS),
  run: async (ctx) => {
    await startUp(ctx, 'thread', 'start-threads');
    await startUp(ctx, 'process', 'start-processes');
    await roundTrip(ctx, 'thread', 'trip-thread');
    await roundTrip(ctx, 'process', 'trip-process');

    // Tiny tasks: the same total CPU, cut into TINY_TASKS pieces.
    const each = Math.max(1, Math.round((ctx.perMs * ctx.request.seconds * 1000) / TINY_TASKS));
    const serial = await ctx.step({
      step: name('tiny-in-turn'),
      mode: 'sequential',
      workers: threads(1, () => Array.from({ length: TINY_TASKS }, () => ({ kind: 'cpu' as const, iterations: each }))),
      workerLabels: ['main thread'],
    });
    ctx.finish({ ...serial.result, speedup: 1, metrics: { tasks: TINY_TASKS } });

    const n = ctx.request.workers;
    for (const batched of [false, true]) {
      const step = ctx.manualStep(name(batched ? 'tiny-batched' : 'tiny-each'), 'processes', Array.from({ length: n }, (_, i) => `pool process ${i + 1}`));
      await withPool(
        ctx,
        'process',
        n,
        async (pool) => {
          // Timed from a ready pool: start-up is the lesson's first figure, not this one's.
          const from = epochNow();
          const messages = batched ? n : TINY_TASKS;
          const perMessage = batched ? Math.ceil(TINY_TASKS / n) : 1;
          await Promise.all(Array.from({ length: messages }, () => pool.run(each * perMessage, perMessage)));
          const result = await step.end({ metrics: { tasks: TINY_TASKS, messages } }, from);
          ctx.finish({ ...result, speedup: speedup(serial.result.wallMs, result.wallMs) });
        },
        step,
      );
    }
  },
};
