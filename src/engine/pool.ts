/**
 * A pool of workers that serve tasks sent to them one message at a time, like
 * multiprocessing.Pool or a ProcessPoolExecutor: every task and its result cross the process
 * boundary, serialised. Used to measure what that costs, and as the CPU stage of a pipeline. A pool
 * of threads (a ThreadPoolExecutor) is served by the interpreter's pre-started threads when it is
 * given them, and what it passes them is whatever the caller sends: a SharedArrayBuffer is shared.
 *
 * Given a price per task (shared/pool-price.ts), the pool pays CPython's pool costs beyond Node's
 * IPC as real work: this parent half when it sends a task (pickling the call) and half when its
 * result comes back (unpickling it, setting the future), each worker its own share per task. Given
 * CPython's whole cost per task instead, it measures what Node's messages cost as it runs
 * (pool-meter.ts) and pays only what they leave of it, the workers' share sent with each task.
 *
 * The run's signal reaches the pool itself: a cancel rejects every task in flight at once and
 * stops the workers, so no program has to finish a long list of tasks before it notices.
 */
import { createGilBuffer, WORKER_STATES } from '../shared/gil-layout';
import { payTaskPrice, type PerTaskMs, type TaskCost, type TaskPrice } from '../shared/pool-price';
import type { TimelineSegment } from '../shared/results';
import type { SwitchInterval } from '../shared/units';
import type { WorkerJob } from '../shared/worker-protocol';
import { workerMessageSchema } from '../shared/worker-schemas';
import type { WorkerEntries } from './entries';
import { abortError, LabError, WorkersStuck } from './errors';
import type { ThreadLender } from './interpreter-threads';
import { PoolMeter } from './pool-meter';
import { spawnWorker, type Host, type WorkerHandle } from './spawn';
import { epochNow, startClock, type StepClock } from './step-plan';
import { READY_LIMIT_MS } from './step-runner';
import { STOP_LIMIT_MS } from './time-limit';

export interface PoolOptions {
  entries: WorkerEntries;
  host: Host;
  size: number;
  chunkIterations: number;
  switchInterval: SwitchInterval;
  /** The run's signal: aborting it fails every task and stops the workers. Without one (a benchmark), only stop() does. */
  signal?: AbortSignal;
  clock?: StepClock;
  /** Timeline of the pool's workers, numbered from `firstWorker`. */
  onSegments?: (segments: TimelineSegment[]) => void;
  firstWorker?: number;
  /** The interpreter's pre-started threads, for a pool of threads (enough must be idle); fresh worker_threads without. */
  threads?: ThreadLender;
  /** What each task costs beyond Node's message, in calibrated-loop iterations; none without. */
  taskPrice?: TaskPrice;
  /** CPython's whole cost per task: the pool pays what Node's message, measured as it runs, leaves of it. */
  taskCost?: TaskCost;
}

interface Pending {
  id: number;
  iterations: number;
  payload: unknown;
  /** The worker's price it was sent with, when the pool meters its messages. */
  workerPrice: number;
  resolve: (value: { payload: unknown }) => void;
  reject: (error: Error) => void;
}

/**
 * Tasks in flight per worker: one running, one queued so the worker never idles between tiny tasks.
 * Only a short task is queued behind a running one: CPython's pool keeps its queue in one place and
 * a task goes to whichever worker frees first, so a long task sent to a busy worker would wait there
 * while another worker sat idle (the hybrid pipeline lost up to a whole task that way, 0.5-1 s in 4.6).
 */
const IN_FLIGHT = 2;
/** Chunks of work (about 25 us each) up to which a task counts as short: 2 ms, against a round trip of about 0.1 ms. */
const SHORT_TASK_CHUNKS = 80;

export class Pool {
  /** ms from starting each worker (a process spawned, a thread handed its job) to its ready message, and the memory each reported. */
  readonly readyMs: number[] = [];
  readonly rssBytes: (number | undefined)[] = [];
  /** CPU ms each worker has used since it began serving, as of its latest result. */
  private readonly cpu: number[] = [];
  private readonly handles: WorkerHandle[] = [];
  private readonly busy: number[] = [];
  private readonly inFlight = new Map<number, { worker: number; task: Pending }>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  /** Iterations up to which a task may wait behind a running one on the same worker. */
  private shortTask = 0;
  /** The parent's share of each task's price, half paid sending it, half receiving its result. */
  private parentPrice = 0;
  /** What the price's work summed to, kept so no engine optimises the work away. */
  private priceSum = 0;
  private paid = 0;
  private meter: PoolMeter | undefined;
  private failure: Error | undefined;
  private stopping: Promise<void> | undefined;
  private detach = (): void => {};

  private constructor() {}

  /** Starts every worker and resolves once all are ready; on any failure stops those already started. */
  static start(options: PoolOptions): Promise<Pool> {
    const pool = new Pool();
    pool.shortTask = options.chunkIterations * SHORT_TASK_CHUNKS;
    pool.parentPrice = options.taskPrice?.parentIterations ?? 0;
    if (options.taskCost) pool.meter = new PoolMeter(options.taskCost);
    const { signal } = options;
    const clock = options.clock ?? startClock();
    const buffer = createGilBuffer(options.size, options.switchInterval);
    return new Promise<Pool>((resolve, reject) => {
      let ready = 0;
      let started = false;
      const isReady: boolean[] = [];
      const startedAt: number[] = [];
      const failStart = (error: Error): void => {
        pool.fail(error);
        if (started) return;
        started = true;
        clearTimeout(timer);
        pool.stop().then(
          () => reject(error),
          (stuck: unknown) => reject(stuck instanceof Error ? stuck : error),
        );
      };
      const timer = setTimeout(() => {
        failStart(new LabError(`pool worker ${isReady.indexOf(false) + 1} was not ready within ${READY_LIMIT_MS / 1000} s`));
      }, READY_LIMIT_MS);
      if (signal?.aborted) return failStart(abortError(signal));
      if (signal) {
        const onAbort = (): void => {
          failStart(abortError(signal));
          pool.stop().catch(() => {
            // Whoever stops the pool next hears of a stuck worker; an abort has no one to tell.
          });
        };
        signal.addEventListener('abort', onAbort, { once: true });
        pool.detach = () => signal.removeEventListener('abort', onAbort);
      }
      for (let i = 0; i < options.size; i++) {
        const worker = (options.firstWorker ?? 0) + i;
        const name = `pool worker ${i + 1} (${options.host === 'interpreter' ? 'an' : 'a'} ${options.host})`;
        const job: WorkerJob = {
          // A new interpreter's GIL is its own, a buffer of one slot.
          worker: options.host === 'interpreter' ? 0 : i,
          tasks: [],
          gil: options.host === 'thread' ? 'shared' : 'own',
          chunkIterations: options.chunkIterations,
          switchIntervalUs: options.switchInterval,
          clockStart: clock.monotonic,
          flushMs: 100,
          serve: true,
          ...(options.taskPrice ? { taskPriceIterations: options.taskPrice.workerIterations } : {}),
        };
        pool.busy.push(0);
        isReady.push(false);
        try {
          startedAt.push(epochNow());
          const start = (spawn: Omit<Parameters<typeof spawnWorker>[0], 'entries' | 'host'>): WorkerHandle =>
            options.host === 'thread' && options.threads ? options.threads.lease(spawn) : spawnWorker({ ...spawn, entries: options.entries, host: options.host });
          pool.handles.push(
            start({
              job,
              // Each new interpreter has a GIL of its own; threads share the pool's.
              buffer: options.host === 'interpreter' ? createGilBuffer(1, options.switchInterval) : buffer,
              onMessage: (raw) => {
                const parsed = workerMessageSchema.safeParse(raw);
                if (!parsed.success) return failStart(new LabError(`${name} sent a message the lab does not understand`));
                const message = parsed.data;
                if (message.type === 'ready') {
                  pool.readyMs[i] = epochNow() - (startedAt[i] ?? clock.epoch);
                  pool.rssBytes[i] = message.rssBytes;
                  isReady[i] = true;
                  if (++ready === options.size && !started) {
                    started = true;
                    clearTimeout(timer);
                    resolve(pool);
                  }
                } else if (message.type === 'result') {
                  if (message.cpuMs !== undefined) pool.cpu[i] = message.cpuMs;
                  pool.complete(i, message.id, message.payload);
                } else if (message.type === 'timeline') {
                  options.onSegments?.(message.segments.map(([code, start, end]) => ({ worker, state: WORKER_STATES[code] ?? 'idle', start, end })));
                } else if (message.type === 'error') {
                  failStart(new LabError(`${name} failed: ${message.message}`));
                }
              },
              onError: (reason) => failStart(new LabError(isReady[i] ? `${name} failed: ${reason}` : `${name} could not start: ${reason}`)),
              onExit: (code, killedBy) => failStart(new LabError(`${name} ${killedBy ? `was killed (${killedBy})` : `exited with code ${code}`}`)),
            }),
          );
        } catch (error) {
          return failStart(new LabError(`${name} could not start: ${error instanceof Error ? error.message : String(error)}`));
        }
      }
    });
  }

  /** Runs `iterations` of the sum loop in a pool worker, sending `payload` there and back. */
  run(iterations: number, payload?: unknown): Promise<{ payload: unknown }> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, iterations, payload, workerPrice: 0, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker (each within STOP_LIMIT_MS); throws WorkersStuck if one would not go. */
  /** CPU ms the pool's workers have used serving tasks so far (counted in a step's cores used). */
  get cpuMs(): number {
    return this.cpu.reduce((sum, ms) => sum + (ms ?? 0), 0);
  }

  stop(): Promise<void> {
    this.fail(new LabError('the pool was stopped'));
    this.detach();
    this.stopping ??= Promise.all(this.handles.map((h) => h.stop())).then((stopped) => {
      const stuck = stopped.flatMap((ok, i) => (ok ? [] : [i + 1]));
      if (stuck.length > 0) throw new WorkersStuck(`pool worker ${stuck.join(', ')} did not stop within ${STOP_LIMIT_MS / 1000} s and may still be using a core`);
    });
    return this.stopping;
  }

  private dispatch(): void {
    for (let next = this.queue[0]; next; next = this.queue[0]) {
      const limit = next.iterations <= this.shortTask ? IN_FLIGHT : 1;
      let best = -1;
      for (let w = 0; w < this.busy.length; w++) {
        if ((this.busy[w] ?? 0) < limit && (best < 0 || (this.busy[w] ?? 0) < (this.busy[best] ?? 0))) best = w;
      }
      if (best < 0) return;
      const task = this.queue.shift() as Pending;
      this.busy[best] = (this.busy[best] ?? 0) + 1;
      this.inFlight.set(task.id, { worker: best, task });
      this.meter?.sending(this.cpuMs);
      if (this.meter) task.workerPrice = this.meter.price.workerIterations;
      this.pay(task, Math.ceil(this.parentPriceNow / 2));
      const price = this.meter ? { price: task.workerPrice } : {};
      this.handles[best]?.send({ type: 'task', id: task.id, iterations: task.iterations, payload: task.payload, ...price });
    }
  }

  private complete(worker: number, id: number, payload: unknown): void {
    const entry = this.inFlight.get(id);
    // Only the worker a task was sent to may answer it.
    if (!entry || entry.worker !== worker) return;
    this.inFlight.delete(id);
    this.busy[entry.worker] = (this.busy[entry.worker] ?? 1) - 1;
    this.pay(entry.task, Math.floor(this.parentPriceNow / 2));
    this.meter?.answered(entry.task.iterations, entry.task.workerPrice, this.cpuMs);
    entry.task.resolve({ payload });
    this.dispatch();
  }

  /** The parent's price for one crossing of `task`, paid over the text of its message. */
  private pay(task: Pending, iterations: number): void {
    if (iterations <= 0) return;
    const work = (): void => {
      this.priceSum = (this.priceSum + payTaskPrice(`${task.id}:${task.iterations}`, iterations)) % 1_000_003;
    };
    if (this.meter) this.meter.pay(iterations, work);
    else work();
    this.paid += iterations;
  }

  /** The parent's price per task as it stands: fixed, or as the meter last set it. */
  private get parentPriceNow(): number {
    return this.meter ? this.meter.price.parentIterations : this.parentPrice;
  }

  /** Tasks sent to workers and not yet answered. */
  get tasksInFlight(): number {
    return this.inFlight.size;
  }

  /** What Node's message was measured to cost, CPU ms per message of the parent and of the workers; null unmetered or before a whole window. */
  get nodeMessageCpuMs(): PerTaskMs | null {
    return this.meter?.nodeCpuMs ?? null;
  }

  /** Iterations of price paid per message so far, the parent's and the workers'; null unmetered. */
  get pricePerMessage(): TaskPrice | null {
    return this.meter?.paidPerMessage ?? null;
  }

  /** Iterations of the price this parent has paid so far, and what their work summed to (so it cannot be skipped). */
  get parentPricePaid(): { iterations: number; checksum: number } {
    return { iterations: this.paid, checksum: this.priceSum };
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
