/**
 * The simulated interpreter's OS threads, started before any step is timed and reused from step to
 * step. A CPython thread is an OS thread inside an interpreter that already exists: starting one
 * costs about 0.1 ms. A Node worker_thread is a whole V8 isolate (50-100 ms to start), so the lab
 * starts its isolates off the clock, warms each with one small job, and "starting a thread" on the
 * clock is handing an idle one its job (a message) until it says it is running.
 *
 * Every thread has an error path and every wait a time limit: a thread that cannot start within
 * READY_LIMIT_MS fails `ensure`; one that dies idle is dropped; one that dies leased tells its
 * step. A leased thread that did not finish its job cleanly is terminated, never reused.
 */
import { Worker } from 'node:worker_threads';
import { createGilBuffer, GIL } from '../shared/gil-layout';
import type { ThreadCommand, WorkerJob } from '../shared/worker-protocol';
import { workerMessageSchema } from '../shared/worker-schemas';
import type { WorkerEntries } from './entries';
import { abortError, LabError } from './errors';
import type { SpawnOptions, WorkerHandle } from './spawn';
import { settlesWithin, STOP_LIMIT_MS } from './time-limit';

/** Longest starting and warming the missing threads may take (16 isolates on a slow laptop take seconds, not this). */
export const THREADS_READY_LIMIT_MS = 30_000;
/** Sum-loop iterations of the warm-up job: a millisecond or two, enough for V8 to compile the kernel. */
const WARM_ITERATIONS = 300_000;

type Listeners = Pick<SpawnOptions, 'onMessage' | 'onError' | 'onExit'>;

interface PooledThread {
  worker: Worker;
  /** Whoever holds the thread now: a warm-up, a step's worker, a pool worker; nobody when idle. */
  listeners: Listeners | undefined;
  gone: Promise<void>;
}

/** What a step may take from the interpreter: a thread handed its job, on the clock. */
export interface ThreadLender {
  /** Hands an idle thread `job`; its messages go to the listeners until it is released or stopped. */
  lease(options: Omit<SpawnOptions, 'entries' | 'host'>): WorkerHandle;
}

export class InterpreterThreads implements ThreadLender {
  private readonly idle: PooledThread[] = [];
  private readonly all = new Set<PooledThread>();
  private stopped = false;

  constructor(private readonly entries: WorkerEntries) {}

  /** Idle threads ready to be handed a job. */
  get idleCount(): number {
    return this.idle.length;
  }

  /**
   * Starts and warms threads until `n` are idle. Rejects with the first failure (a missing entry, a
   * thread that crashed or was not ready in time, the signal's abort); the threads it was starting
   * are terminated, those already idle stay.
   */
  async ensure(n: number, signal?: AbortSignal): Promise<void> {
    if (this.stopped) throw new LabError('the interpreter has been shut down');
    const missing = n - this.idle.length;
    if (missing <= 0) return;
    const starting = Array.from({ length: missing }, (_, i) => this.startOne(this.idle.length + i));
    const threads = starting.map((s) => s.thread);
    let timer: NodeJS.Timeout | undefined;
    let onAbort = (): void => {};
    const limits = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LabError(`a thread of the interpreter was not ready within ${THREADS_READY_LIMIT_MS / 1000} s; the run was stopped`)), THREADS_READY_LIMIT_MS);
      if (!signal) return;
      onAbort = () => reject(abortError(signal));
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    const warmed = Promise.all(starting.map((s) => s.warm));
    // Whichever loses the race below must not surface later as an unhandled rejection.
    warmed.catch(() => {});
    limits.catch(() => {});
    try {
      await Promise.race([warmed, limits]);
      this.idle.push(...threads);
    } catch (error) {
      await Promise.all(threads.map((t) => this.terminate(t)));
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  lease({ job, buffer, onMessage, onError, onExit }: Omit<SpawnOptions, 'entries' | 'host'>): WorkerHandle {
    const thread = this.idle.pop();
    if (!thread) throw new LabError('the interpreter has no idle thread: the engine did not start enough before the step');
    thread.listeners = { onMessage, onError, onExit };
    const command: ThreadCommand = { type: 'job', job, buffer };
    thread.worker.postMessage(command);
    let released = false;
    return {
      send: (message) => {
        if (message.type === 'task') thread.worker.postMessage(message satisfies ThreadCommand);
      },
      stop: () => this.terminate(thread),
      release: () => {
        // Only a thread whose job ended with its `done` is known to be idle again.
        if (released || this.stopped || !this.all.has(thread)) return this.terminate(thread);
        released = true;
        thread.listeners = undefined;
        this.idle.push(thread);
        return Promise.resolve(true);
      },
    };
  }

  /** Terminates every thread, each within STOP_LIMIT_MS; false if one would not go. */
  async stop(): Promise<boolean> {
    this.stopped = true;
    this.idle.length = 0;
    const stopped = await Promise.all([...this.all].map((t) => this.terminate(t)));
    return stopped.every(Boolean);
  }

  private startOne(index: number): { thread: PooledThread; warm: Promise<void> } {
    const name = `worker ${index + 1} (a thread)`;
    const worker = new Worker(this.entries.thread);
    // An idle thread must never keep a host (the CLI) alive.
    worker.unref();
    const thread: PooledThread = { worker, listeners: undefined, gone: new Promise((resolve) => worker.once('exit', () => resolve())) };
    this.all.add(thread);
    const forget = (): void => {
      this.all.delete(thread);
      const at = this.idle.indexOf(thread);
      if (at >= 0) this.idle.splice(at, 1);
    };
    worker.on('message', (raw: unknown) => thread.listeners?.onMessage(raw));
    worker.on('error', (error) => {
      forget();
      thread.listeners?.onError(error.message);
    });
    worker.on('exit', (code) => {
      forget();
      thread.listeners?.onExit(code, null);
    });
    const warm = new Promise<void>((resolve, reject) => {
      const fail = (reason: string): void => reject(new LabError(`${name} could not start: ${reason}; the run was stopped`));
      thread.listeners = {
        onMessage: (raw) => {
          const parsed = workerMessageSchema.safeParse(raw);
          if (!parsed.success) return fail('it sent a message the lab does not understand');
          if (parsed.data.type === 'done') {
            thread.listeners = undefined;
            resolve();
          } else if (parsed.data.type === 'error') fail(parsed.data.message);
        },
        onError: fail,
        onExit: (code) => fail(`it exited with code ${code}`),
      };
    });
    worker.postMessage(warmUp());
    return { thread, warm };
  }

  private terminate(thread: PooledThread): Promise<boolean> {
    this.all.delete(thread);
    const at = this.idle.indexOf(thread);
    if (at >= 0) this.idle.splice(at, 1);
    thread.listeners = undefined;
    // terminate() interrupts even an Atomics.wait, but it is a promise like any other: bounded.
    return settlesWithin(
      thread.worker.terminate().then(() => thread.gone),
      STOP_LIMIT_MS,
    );
  }
}

/** One small job through the whole path (command check, GIL client, kernel, timeline, done) on a private GIL. */
function warmUp(): ThreadCommand {
  const buffer = createGilBuffer(1, 5_000);
  Atomics.store(new Int32Array(buffer), GIL.GO, 1);
  const job: WorkerJob = {
    worker: 0,
    tasks: [{ kind: 'cpu', iterations: WARM_ITERATIONS }],
    gil: 'shared',
    chunkIterations: 2_000,
    switchIntervalUs: 5_000,
    clockStart: Number(process.hrtime.bigint()) / 1e6,
    flushMs: 60_000,
  };
  return { type: 'job', job, buffer };
}
