/**
 * A pool of workers that serve tasks sent to them one message at a time, like
 * multiprocessing.Pool or a ProcessPoolExecutor: every task and its result cross the process
 * boundary, serialised. Used to measure what that costs, and as the CPU stage of a pipeline.
 */
import { createGilBuffer, WORKER_STATES } from '../../shared/gil-layout';
import type { TimelineSegment } from '../../shared/results';
import type { WorkerJob } from '../../shared/worker-protocol';
import { workerMessageSchema } from '../../shared/worker-schemas';
import type { WorkerEntries } from './entries';
import { LabError } from './errors';
import { spawnWorker, type Host, type WorkerHandle } from './spawn';
import { epochNow, startClock, type StepClock } from './step-runner';

export interface PoolOptions {
  entries: WorkerEntries;
  host: Host;
  size: number;
  chunkIterations: number;
  switchIntervalUs: number;
  clock?: StepClock;
  /** Timeline of the pool's workers, numbered from `firstWorker`. */
  onSegments?: (segments: TimelineSegment[]) => void;
  firstWorker?: number;
}

interface Pending {
  id: number;
  iterations: number;
  payload: unknown;
  resolve: (value: { payload: unknown }) => void;
  reject: (error: Error) => void;
}

/** Tasks in flight per worker: one running, one queued so the worker never idles between them. */
const IN_FLIGHT = 2;

export class Pool {
  /** ms from spawning each worker to its ready message, and the memory each reported. */
  readonly readyMs: number[] = [];
  readonly rssBytes: (number | undefined)[] = [];
  /** CPU ms each worker has used since it began serving, as of its latest result. */
  private readonly cpu: number[] = [];
  private readonly handles: WorkerHandle[] = [];
  private readonly busy: number[] = [];
  private readonly inFlight = new Map<number, { worker: number; task: Pending }>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private failure: Error | undefined;

  private constructor() {}

  static start(options: PoolOptions): Promise<Pool> {
    const pool = new Pool();
    const clock = options.clock ?? startClock();
    const buffer = createGilBuffer(options.size, options.switchIntervalUs);
    return new Promise<Pool>((resolve, reject) => {
      let ready = 0;
      for (let i = 0; i < options.size; i++) {
        const worker = (options.firstWorker ?? 0) + i;
        const job: WorkerJob = {
          worker: i,
          tasks: [],
          gil: options.host === 'process' ? 'own' : 'shared',
          chunkIterations: options.chunkIterations,
          switchIntervalUs: options.switchIntervalUs,
          clockStart: clock.monotonic,
          flushMs: 100,
          serve: true,
        };
        pool.busy.push(0);
        pool.handles.push(
          spawnWorker({
            entries: options.entries,
            host: options.host,
            job,
            buffer,
            onMessage: (raw) => {
              const parsed = workerMessageSchema.safeParse(raw);
              if (!parsed.success) return pool.fail(new LabError('a pool worker sent a message the lab does not understand'));
              const message = parsed.data;
              if (message.type === 'ready') {
                pool.readyMs[i] = epochNow() - clock.epoch;
                pool.rssBytes[i] = message.rssBytes;
                if (++ready === options.size) resolve(pool);
              } else if (message.type === 'result') {
                if (message.cpuMs !== undefined) pool.cpu[i] = message.cpuMs;
                pool.complete(message.id, message.payload);
              } else if (message.type === 'timeline') {
                options.onSegments?.(message.segments.map(([code, start, end]) => ({ worker, state: WORKER_STATES[code] ?? 'idle', start, end })));
              } else if (message.type === 'error') {
                pool.fail(new LabError(`pool worker ${i + 1} failed: ${message.message}`));
                reject(pool.failure);
              }
            },
            onExit: (code, signal) => {
              const error = new LabError(`pool worker ${i + 1} ${signal ? `was killed (${signal})` : `exited with code ${code}`}`);
              pool.fail(error);
              if (ready < options.size) reject(error);
            },
          }),
        );
      }
    });
  }

  /** Runs `iterations` of the sum loop in a pool worker, sending `payload` there and back. */
  run(iterations: number, payload?: unknown): Promise<{ payload: unknown }> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, iterations, payload, resolve, reject });
      this.dispatch();
    });
  }

  /** CPU ms the pool's workers have used serving tasks so far (counted in a step's cores used). */
  get cpuMs(): number {
    return this.cpu.reduce((sum, ms) => sum + (ms ?? 0), 0);
  }

  async stop(): Promise<void> {
    this.fail(new LabError('the pool was stopped'));
    await Promise.all(this.handles.map((h) => h.stop()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let best = -1;
      for (let w = 0; w < this.busy.length; w++) {
        if ((this.busy[w] ?? 0) < IN_FLIGHT && (best < 0 || (this.busy[w] ?? 0) < (this.busy[best] ?? 0))) best = w;
      }
      if (best < 0) return;
      const task = this.queue.shift() as Pending;
      this.busy[best] = (this.busy[best] ?? 0) + 1;
      this.inFlight.set(task.id, { worker: best, task });
      this.handles[best]?.send({ type: 'task', id: task.id, iterations: task.iterations, payload: task.payload });
    }
  }

  private complete(id: number, payload: unknown): void {
    const entry = this.inFlight.get(id);
    if (!entry) return;
    this.inFlight.delete(id);
    this.busy[entry.worker] = (this.busy[entry.worker] ?? 1) - 1;
    entry.task.resolve({ payload });
    this.dispatch();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const { task } of this.inFlight.values()) task.reject(error);
    for (const task of this.queue) task.reject(error);
    this.inFlight.clear();
    this.queue.length = 0;
  }
}
