/**
 * What a process costs: start-up and memory against a thread, the time and bytes of sending data
 * there and back, and thousands of tiny tasks in sequence, one message each to a process pool, and
 * batched.
 *
 * Threads are modelled as CPython's are: the interpreter's OS threads exist before anything is
 * timed (ctx.startThreads), so a thread's start is handing one its function until it runs, and data
 * goes to a thread as a SharedArrayBuffer, a reference to the same memory. Processes are real child
 * processes, started on the clock and sent their data serialised, as multiprocessing's spawn does.
 * Every tiny task sent to a process pool costs what a task costs CPython's pool: a multiple of Node's
 * own message on this machine (POOL_TASK_COST_OVER_NODE, measured). The pool measures what Node's
 * message costs as it runs and pays the rest as real work in the parent and the worker, so the tiny
 * tasks drown in CPython's messages, not in Node's, whatever Node's cost on this machine today.
 * (The 1 MB round trips pay nothing more: CPython's go down a Pipe, not through a pool.)
 */
import { median, speedup } from '../../shared/stats';
import { cpythonCost, type TaskCost } from '../../shared/pool-price';
import type { Findings, TimelineSegment } from '../../shared/results';
import { cpuTask, epochNow, namedSteps, threads, type Pool, type Program, type RunContext, type StepClock } from '../../engine/program-api';
import { MODELLED_START_METHOD, NODE_MESSAGE_GUESS_MS, POOL_TASK_COST_OVER_NODE, STEPS, TINY_TASKS, type ProcessCostStep } from './lesson';

/** 1 MB of floats: 125 000 of them, 8 bytes each. */
const PAYLOAD_BYTES = 1_000_000;
const PAYLOAD_NUMBERS = PAYLOAD_BYTES / Float64Array.BYTES_PER_ELEMENT;
const ROUND_TRIPS = 5;

const name = (id: ProcessCostStep): { id: ProcessCostStep; label: string } => ({ id, label: STEPS[id] });
const value = (i: number): number => i + 0.123456;
/** Every process step says which start method it stands for. */
const asProcesses: Findings = { startMethod: MODELLED_START_METHOD };

/** CPython's pool cost per task, a multiple of Node's message measured as the pool runs, paid in this machine's calibrated loop. */
export const taskCost = (perMs: number): TaskCost => ({ cpythonOverNode: POOL_TASK_COST_OVER_NODE, perMs, nodeGuessMs: NODE_MESSAGE_GUESS_MS });

/** CPU ms this process (the pool's parent) has used. */
const ownCpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** A pool of threads or of processes; `priced`, each task costs what it costs CPython's pool. */
async function withPool<T>(
  ctx: RunContext,
  host: 'thread' | 'process',
  size: number,
  use: (pool: Pool) => Promise<T>,
  timeline?: { clock: StepClock; onSegments: (segments: TimelineSegment[]) => void },
  priced = false,
): Promise<T> {
  const pool = await ctx.pool({ host, size, ...(timeline ?? {}), ...(priced ? { taskCost: taskCost(ctx.perMs) } : {}) });
  try {
    return await use(pool);
  } finally {
    await pool.stop();
  }
}

/** Threads: n of the interpreter's threads, each handed a function that does next to nothing. */
async function startThreads(ctx: RunContext): Promise<void> {
  const n = ctx.request.workers;
  const { outcome, result } = await ctx.step({
    step: name('start-threads'),
    mode: 'threads',
    workers: threads(n, () => [cpuTask(ctx, 0)]),
  });
  const readyMs = outcome.readyMs;
  ctx.finish({ ...result, wallMs: Math.max(...readyMs), startupMs: median(readyMs), coresUsed: null, metrics: { startupMs: median(readyMs), memoryMB: null } });
}

/** Processes: n child processes started, each timed from its spawn to its first word. */
async function startProcesses(ctx: RunContext): Promise<void> {
  const n = ctx.request.workers;
  const step = ctx.manualStep(name('start-processes'), 'processes', Array.from({ length: n }, (_, i) => `process ${i + 1}`));
  const { readyMs, rss } = await withPool(ctx, 'process', n, async (pool) => ({ readyMs: [...pool.readyMs], rss: [...pool.rssBytes] }), step);
  const memory = rss.filter((r): r is number => r !== undefined);
  const result = await step.end({
    wallMs: Math.max(...readyMs),
    startupMs: median(readyMs),
    metrics: { startupMs: median(readyMs), memoryMB: memory.length > 0 ? median(memory) / 1e6 : null },
    findings: asProcesses,
  });
  ctx.finish(result);
}

/** Times ROUND_TRIPS sends of `data` to one pool worker and back; `check` vets each answer. */
async function trips(ctx: RunContext, host: 'thread' | 'process', data: unknown, check: (back: unknown) => void): Promise<number[]> {
  return withPool(ctx, host, 1, async (pool) => {
    const measured: number[] = [];
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const start = performance.now();
      const back = await pool.run(0, data);
      measured.push(performance.now() - start);
      check(back.payload);
    }
    return measured;
  });
}

/** 1 MB to a thread: the same memory, a reference each way (a SharedArrayBuffer); nothing is copied. */
async function tripThread(ctx: RunContext): Promise<void> {
  await ctx.startThreads(1);
  const step = ctx.manualStep(name('trip-thread'), 'threads', ['thread 1']);
  const shared = new SharedArrayBuffer(PAYLOAD_BYTES);
  const floats = new Float64Array(shared);
  for (let i = 0; i < PAYLOAD_NUMBERS; i++) floats[i] = value(i);
  const times = await trips(ctx, 'thread', shared, (back) => {
    // Proof that the thread was handed the caller's memory, not a copy: a write through its answer shows here.
    if (!(back instanceof SharedArrayBuffer) || back.byteLength !== PAYLOAD_BYTES) throw new Error('the shared 1 MB came back as something else');
    const view = new Float64Array(back);
    view[0] = -1;
    const same = floats[0] === -1;
    view[0] = value(0);
    if (!same) throw new Error('the thread was given a copy of the 1 MB, not the memory itself');
  });
  ctx.finish(await step.end({ wallMs: times.reduce((a, b) => a + b, 0), metrics: { bytes: 0, roundTripMs: median(times) } }));
}

/** 1 MB to a process: the same 125 000 floats, serialised to the child and back. */
async function tripProcess(ctx: RunContext): Promise<void> {
  const step = ctx.manualStep(name('trip-process'), 'processes', ['process 1']);
  const data = Array.from({ length: PAYLOAD_NUMBERS }, (_, i) => value(i));
  const bytes = Buffer.byteLength(JSON.stringify(data));
  const times = await trips(ctx, 'process', data, (back) => {
    if (!Array.isArray(back) || back.length !== data.length) throw new Error('the payload came back damaged');
  });
  ctx.finish(await step.end({ wallMs: times.reduce((a, b) => a + b, 0), metrics: { bytes, roundTripMs: median(times) }, findings: asProcesses }));
}

export const processCostProgram: Program = {
  steps: () => namedSteps(STEPS),
  run: async (ctx) => {
    await startThreads(ctx);
    await startProcesses(ctx);
    await tripThread(ctx);
    await tripProcess(ctx);

    // Tiny tasks: the same total CPU, cut into TINY_TASKS pieces.
    const each = Math.max(1, Math.round((ctx.perMs * ctx.request.seconds * 1000) / TINY_TASKS));
    const serial = await ctx.step({
      step: name('tiny-in-turn'),
      mode: 'sequential',
      workers: threads(1, () => Array.from({ length: TINY_TASKS }, () => ({ kind: 'cpu' as const, iterations: each }))),
      workerLabels: ['main thread'],
    });
    ctx.finish({ ...serial.result, speedup: 1, metrics: { tasks: TINY_TASKS } });
    // One tiny task's own CPU, to tell the pool's price per message from the work it carried.
    const serialCpu = serial.result.perWorker[0]?.cpuMs;
    const taskCpuMs = serialCpu !== undefined && serialCpu > 0 ? serialCpu / TINY_TASKS : null;

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
          const parentFrom = ownCpuMs();
          const messages = batched ? n : TINY_TASKS;
          const perMessage = batched ? Math.ceil(TINY_TASKS / n) : 1;
          await Promise.all(Array.from({ length: messages }, () => pool.run(each * perMessage, perMessage)));
          // One message each: CPU per message beyond the task's own, the parent's (sending, receiving)
          // and the workers' (all of them), to set beside CPython's (bench/process-cost.ts). Batched,
          // four messages are too few to tell their price from the tasks' CPU.
          const parentCpu = (ownCpuMs() - parentFrom) / messages;
          const workerCpu = taskCpuMs !== null && pool.cpuMs > 0 ? (pool.cpuMs - TINY_TASKS * taskCpuMs) / messages : null;
          const cpuPerMessage: Record<string, number | null> = batched ? {} : { parentCpuPerMessageMs: parentCpu, workerCpuPerMessageMs: workerCpu, taskCpuMs, ...nodeAndPrice(pool, ctx.perMs) };
          const metrics = { tasks: TINY_TASKS, messages, ...cpuPerMessage, ...(batched ? {} : { cpythonCostMs: modelledCost(pool) }) };
          const result = await step.end({ metrics, findings: asProcesses }, from);
          ctx.finish({ ...result, speedup: speedup(serial.result.wallMs, result.wallMs) });
        },
        step,
        true,
      );
    }
  },
};

/** CPython's whole cost per task as the pool priced it (CPU ms, parent and worker), from Node's message as measured; null before a measure. */
function modelledCost(pool: Pool): number | null {
  const node = pool.nodeMessageCpuMs;
  if (!node) return null;
  const cost = cpythonCost(POOL_TASK_COST_OVER_NODE, node);
  return cost.parent + cost.worker;
}

/**
 * What Node's message was measured to cost (CPU ms per message, the parent's and the workers'), and
 * what the pool paid on top of it per message (ms of the calibrated loop); null where not measured.
 */
function nodeAndPrice(pool: Pool, perMs: number): Record<string, number | null> {
  const node = pool.nodeMessageCpuMs;
  const paid = pool.pricePerMessage;
  return {
    nodeParentCpuPerMessageMs: node?.parent ?? null,
    nodeWorkerCpuPerMessageMs: node?.worker ?? null,
    paidParentPerMessageMs: paid ? paid.parentIterations / perMs : null,
    paidWorkerPerMessageMs: paid ? paid.workerIterations / perMs : null,
  };
}
