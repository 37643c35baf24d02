/**
 * Runs one worker's share of a step: wait for the start signal, take the GIL, run the tasks,
 * drop it. Shared by the worker_thread entry and the child-process entry.
 */
import { createGilBuffer, GIL, gilBufferBytes, slotIndex, SLOT } from '../../shared/gil-layout';
import { payTaskPrice } from '../../shared/pool-price';
import type { RawWorkerStats, TaskSpec, WorkerJob, WorkerMessage, WorkerSamples } from '../../shared/worker-protocol';
import { eventLoopKernel } from './event-loop';
import { Cancelled, GilClient } from './gil';
import {
  calibrate,
  cpuKernel,
  deadlockKernel,
  incrementKernel,
  ioKernel,
  ioLatencyKernel,
  nativeKernel,
  pipelineKernel,
  type KernelContext,
} from './kernels';
import { asyncFutures, asyncPipelineKernel } from './kernels-async-pool';
import { streamKernel } from './kernels-stream';
import { counterKernel } from './counter';
import { ownCpuClock } from './cpu-clock';
import { modeClock, StateRecorder } from './recorder';

export interface JobOutcome {
  stats: RawWorkerStats;
  checksum: number;
  samples: WorkerSamples;
  iterationsPerMs?: number;
  gil: GilClient;
}

export interface Worker {
  gil: GilClient;
  ctx: KernelContext;
  recorder: StateRecorder;
}

/** Sets up a worker's GIL client, timeline and kernel context. */
export function createWorker(
  job: WorkerJob,
  buffer: SharedArrayBuffer,
  send: (message: WorkerMessage) => void,
  onCheckpoint: () => void = () => {},
): Worker {
  const now = modeClock(job.clockStart);
  const recorder = new StateRecorder(now, job.flushMs, (segments) => send({ type: 'timeline', segments }));
  // A thread with a GIL of its own is a subinterpreter (PEP 684): its lock lives apart from the
  // memory its process's other interpreters share. A process's buffer is its own already.
  const apart = job.gil === 'own' && buffer.byteLength > gilBufferBytes(1);
  const gil = new GilClient(
    apart ? createGilBuffer(1, job.switchIntervalUs) : buffer,
    job.gil === 'own' ? 0 : job.worker,
    recorder,
    job.gil === 'shared' ? 'holding' : 'free',
    job.gil !== 'none',
    buffer,
  );
  const ctx: KernelContext = {
    gil,
    chunkIterations: job.chunkIterations,
    now,
    cpu: ownCpuClock(),
    latencies: [],
    latencyAt: [],
    onCheckpoint: () => {
      recorder.tick();
      onCheckpoint();
    },
    submit: (iterations) => awaitFuture(gil, job.worker, iterations, send, ctx),
  };
  // Made on first use: only an event loop's thread counts futures in its slot.
  let futures: ((iterations: number) => Promise<number>) | undefined;
  ctx.submitAsync = (iterations) => (futures ??= asyncFutures(gil.words32, job.worker, send, ctx))(iterations);
  return { gil, ctx, recorder };
}

export async function runJob(
  job: WorkerJob,
  buffer: SharedArrayBuffer,
  send: (message: WorkerMessage) => void,
  onCheckpoint: () => void = () => {},
): Promise<JobOutcome> {
  const { gil, ctx, recorder } = createWorker(job, buffer, send, onCheckpoint);
  gil.awaitGo();
  const cpu = ctx.cpu;
  const cpuStart = cpu?.() ?? 0;
  let checksum = 0;
  let iterationsPerMs: number | undefined;
  let tasks = 0;
  const samples: WorkerSamples = { holds: gil.holds, waits: gil.waits, latencies: ctx.latencies, latencyAt: ctx.latencyAt };
  try {
    // A C++ thread (the deadlock lesson's callback) starts outside Python, without the GIL.
    if (!startsInC(job.tasks[0])) gil.take();
    const workFrom = ctx.now();
    for (const task of job.tasks) {
      const result = await runTask(task, ctx);
      checksum += result.checksum;
      if (result.iterationsPerMs !== undefined) iterationsPerMs = result.iterationsPerMs;
      if (result.loopStallMs !== undefined) samples.loopStallMs = result.loopStallMs;
      if (result.phases) samples.phases = result.phases;
      tasks++;
    }
    samples.workSpan = [workFrom, ctx.now()];
    gil.drop('done');
  } finally {
    if (gil.held) gil.drop('done');
    recorder.finish();
  }
  const t = recorder.totals;
  return {
    stats: {
      holdMs: t.holding,
      waitMs: t.waiting,
      ioMs: t.io,
      freeMs: t.free,
      // Without a CPU clock, the time it ran on its own timeline stands in: that counts as used
      // any time the OS gave its core to another program, so it can only overstate.
      cpuMs: cpu ? cpu() - cpuStart : t.holding + t.free,
      acquisitions: gil.acquisitions,
      forcedDrops: gil.forcedDrops,
      tasks,
    },
    checksum,
    samples,
    gil,
    ...(iterationsPerMs !== undefined ? { iterationsPerMs } : {}),
  };
}

/** Chunks of the warm-up: about 2 ms of the sum loop, past V8's first compilations of the kernel. */
const WARM_UP_CHUNKS = 80;

/** Runs the CPU kernel briefly on a private GIL, sending nothing: see WorkerJob.warmUp. */
export async function warmUp(job: WorkerJob): Promise<void> {
  const buffer = createGilBuffer(1, job.switchIntervalUs);
  Atomics.store(new Int32Array(buffer), GIL.GO, 1);
  const tasks: TaskSpec[] = [{ kind: 'cpu', iterations: job.chunkIterations * WARM_UP_CHUNKS }];
  await runJob({ ...job, worker: 0, gil: 'own', tasks, flushMs: 60_000 }, buffer, () => {});
}

function startsInC(task: TaskSpec | undefined): boolean {
  return task?.kind === 'deadlock' && task.role === 'callback';
}

interface TaskResult {
  checksum: number;
  iterationsPerMs?: number;
  loopStallMs?: number;
  phases?: Record<string, number>;
}

async function runTask(task: TaskSpec, ctx: KernelContext): Promise<TaskResult> {
  switch (task.kind) {
    case 'cpu':
      return { checksum: task.native ? nativeKernel(task.iterations, ctx) : cpuKernel(task.iterations, ctx, task.refcountCost) };
    case 'io':
      return { checksum: ioKernel(task.waitMs, task.cpuIterations, ctx) };
    case 'calibrate':
      return calibrate(task.ms, ctx);
    case 'io-latency':
      return { checksum: ioLatencyKernel(task.durationMs, task.waitMs, task.cpuIterations, ctx) };
    case 'increment':
      return { checksum: incrementKernel(task.count, ctx) };
    case 'counter':
      return { checksum: counterKernel(task.count, task.lock, ctx, task.price) };
    case 'deadlock':
      return { checksum: deadlockKernel(task.role, task.releaseGilFirst, task.holdMs, ctx) };
    case 'pipeline':
      return { checksum: pipelineKernel(task.items, task.fetchMs, task.storeMs, task.cpuIterations, task.offload, ctx) };
    case 'event-loop':
      return eventLoopKernel(task.waits, task.waitMs, task.cpuTasks, task.cpuIterations, ctx);
    case 'stream':
      return streamKernel(task.megabytes, task.passes, ctx);
    case 'async-pipeline':
      if (!ctx.submitAsync) throw new Error('this worker has no process pool to hand its computations to');
      return { checksum: await asyncPipelineKernel(task.items, task.fetchMs, task.storeMs, task.cpuIterations, ctx, ctx.submitAsync) };
  }
}

/** Blocks (GIL already released) until the engine reports the pool has run our CPU stage. */
function awaitFuture(gil: GilClient, worker: number, iterations: number, send: (m: WorkerMessage) => void, ctx: KernelContext): number {
  const words = gil.words32;
  const slot = slotIndex(worker, SLOT.FUTURE);
  Atomics.store(words, slot, 0);
  send({ type: 'submit', slot: worker, iterations });
  while (Atomics.load(words, slot) === 0) {
    if (Atomics.load(words, GIL.CANCEL) !== 0) throw new Cancelled();
    Atomics.wait(words, slot, 0, 250);
    ctx.onCheckpoint();
  }
  return iterations;
}

/** The `done` message of a finished job. */
export function doneMessage(outcome: JobOutcome, violations?: number): WorkerMessage {
  return {
    type: 'done',
    stats: outcome.stats,
    checksum: outcome.checksum,
    samples: outcome.samples,
    gilSwitches: outcome.gil.switchesIn,
    ...(violations !== undefined ? { violations } : {}),
    ...(outcome.iterationsPerMs !== undefined ? { iterationsPerMs: outcome.iterationsPerMs } : {}),
  };
}

/** The message for a job that stopped early. */
export function failureMessage(error: unknown): WorkerMessage {
  if (error instanceof Cancelled) return { type: 'cancelled' };
  return { type: 'error', message: error instanceof Error ? error.message : String(error) };
}

/**
 * A pool worker (multiprocessing.Pool, a ProcessPoolExecutor): takes the GIL of its own
 * interpreter and runs each task it is sent, sending the payload back as the pool's result pickle.
 * With a price per task (pool-price.ts), it pays half on the way in (unpickling the call) and half
 * on the way out (pickling the result), holding its GIL as CPython's worker does.
 */
export function servePool(
  job: WorkerJob,
  buffer: SharedArrayBuffer,
  send: (message: WorkerMessage) => void,
  onCheckpoint: () => void = () => {},
): (task: { id: number; iterations: number; payload?: unknown; price?: number }) => void {
  const { gil, ctx, recorder } = createWorker(job, buffer, send, onCheckpoint);
  const cpu = ctx.cpu;
  const cpuStart = cpu?.() ?? 0;
  const fixedPrice = job.taskPriceIterations ?? 0;
  return (task) => {
    try {
      // A metered pool sends each task's price with it (engine/pool-meter.ts).
      const price = task.price ?? fixedPrice;
      if (!gil.held) gil.take();
      const frame = price > 0 ? `${task.id}:${task.iterations}` : '';
      let checksum = payTaskPrice(frame, Math.ceil(price / 2));
      checksum += task.iterations > 0 ? cpuKernel(task.iterations, ctx) : 0;
      checksum += payTaskPrice(frame, Math.floor(price / 2));
      gil.drop('idle');
      recorder.tick();
      // CPU time since the worker began serving, so the engine can count the pool in a step's cores used.
      const cpuMs = cpu ? cpu() - cpuStart : recorder.totals.holding + recorder.totals.free;
      // No memory figure here: reading it costs 8 us a task, more than a tenth of Node's own message, and the pool keeps only the ready message's.
      send({ type: 'result', id: task.id, checksum, payload: task.payload, cpuMs });
    } catch (error) {
      send(failureMessage(error));
    }
  };
}
