/**
 * Messages between the engine and its workers (worker_threads and child processes). Types only,
 * so a worker starts without loading zod; the engine parses arrivals with worker-schemas.ts.
 */

/** Most raw measurements of one kind a worker sends back. */
export const MAX_SAMPLES = 20_000;

/** One unit of work. Iteration counts come from calibration, never from the user directly. */
export type TaskSpec =
  /**
   * Pure-Python CPU work. `native`: run it with the GIL released, as NumPy or hashlib do.
   * `refcountCost`: on a thread with no GIL, the build's published single-thread price as a
   * fraction (0.4: 40 % longer), paid in atomic reference-count updates.
   */
  | { kind: 'cpu'; iterations: number; native?: boolean; refcountCost?: number }
  | { kind: 'io'; waitMs: number; cpuIterations: number }
  | { kind: 'calibrate'; ms: number }
  /** Requests in a loop for `durationMs`: wait `waitMs` on I/O, then handle the reply; each timed. */
  | { kind: 'io-latency'; durationMs: number; waitMs: number; cpuIterations: number }
  /** Read-modify-write increments of the shared reference count, like Py_INCREF. */
  | { kind: 'increment'; count: number }
  /** `counter += 1` in Python, `count` times: read, a switch point, write; `lock`: inside a threading.Lock. */
  | { kind: 'counter'; count: number; lock: boolean }
  /** The seeds' callback deadlock: the Python thread, or the callback that holds MyMutex. */
  | { kind: 'deadlock'; role: 'python' | 'callback'; releaseGilFirst: boolean; holdMs: number }
  /** fetch (I/O) -> process (CPU) -> store (I/O) for each item; `offload` sends the CPU stage to a process pool. */
  | { kind: 'pipeline'; items: number; fetchMs: number; storeMs: number; cpuIterations: number; offload: boolean }
  /** One event loop: `waits` concurrent sleeps, then `cpuTasks` coroutines of CPU work, with a heartbeat. */
  | { kind: 'event-loop'; waits: number; waitMs: number; cpuTasks: number; cpuIterations: number }
  /** Native code copying an array of `megabytes` `passes` times with the GIL released (memory-bound). */
  | { kind: 'stream'; megabytes: number; passes: number }
  /** One event loop gathering `items` coroutines: fetch, compute in the process pool (run_in_executor), store. */
  | { kind: 'async-pipeline'; items: number; fetchMs: number; storeMs: number; cpuIterations: number };

/** Which lock a worker's interpreter has. */
export type GilKind = 'shared' | 'own' | 'none';

/** Everything a worker needs to run its share of a mode. */
export interface WorkerJob {
  worker: number;
  tasks: TaskSpec[];
  /**
   * 'shared': take the GIL in the interpreter's buffer; 'own': a private GIL (a process, never
   * contended); 'none': a free-threaded build, no GIL at all (per-object locking instead).
   */
  gil: GilKind;
  /** Iterations of the sum loop between two eval-breaker checks (~25 us of work). */
  chunkIterations: number;
  switchIntervalUs: number;
  /** The mode's start on the machine's monotonic clock (ms); timeline times are relative to it. */
  clockStart: number;
  /** How often a worker sends its timeline batch. */
  flushMs: number;
  /** A pool worker: no tasks of its own, it serves `task` commands until stopped. */
  serve?: boolean;
  /** A pool worker's share of a CPython pool's price per task (pool-price.ts), in calibrated-loop iterations. */
  taskPriceIterations?: number;
  /**
   * A fresh isolate (a process, a new interpreter): run the kernel briefly before saying ready, so
   * V8 compiling it (a few ms; CPython has no JIT) is not inside the step's wall time.
   */
  warmUp?: boolean;
}

/** A compact timeline segment: [state code, start ms, end ms]. */
export type PackedSegment = [number, number, number];

/** Time a worker spent in each state, and what it did with the GIL. */
export interface RawWorkerStats {
  holdMs: number;
  waitMs: number;
  ioMs: number;
  freeMs: number;
  /** CPU time the worker used from the start signal to its end: its thread's, or its process's. */
  cpuMs: number;
  acquisitions: number;
  forcedDrops: number;
  tasks: number;
}

/** Raw measurements a worker took, summarised by the engine (each list capped at MAX_SAMPLES). */
export interface WorkerSamples {
  /** Each hold of the GIL, ms. */
  holds: number[];
  /** Each contended wait for the GIL, ms. */
  waits: number[];
  /** Each request's response time (io-latency), ms. */
  latencies: number[];
  /** When each request began, ms on the step's clock, in the order of `latencies`. */
  latencyAt?: number[];
  /** When the worker's tasks ran, ms on the step's clock: from first running to the end of its last task. */
  workSpan?: [number, number];
  /** Longest an event loop's heartbeat was late, ms (event-loop). */
  loopStallMs?: number;
  /** Duration of each phase of an event-loop task, ms. */
  phases?: Record<string, number>;
}

/** What a worker tells the engine (parsed by worker-schemas.ts on arrival). */
export type WorkerMessage =
  | { type: 'ready'; rssBytes?: number }
  | { type: 'timeline'; segments: PackedSegment[] }
  | {
      type: 'done';
      stats: RawWorkerStats;
      /** Sum of the kernel's results, so no engine can optimise the work away. */
      checksum: number;
      samples?: WorkerSamples;
      /** Only from a calibration task. */
      iterationsPerMs?: number;
      gilSwitches?: number;
      /** Violations of the worker's GIL (processes: their own). */
      violations?: number;
    }
  /** A thread hands the CPU stage of a pipeline to the engine's process pool (a future). */
  | { type: 'submit'; slot: number; iterations: number }
  /** A pool worker's answer to a served task. */
  | { type: 'result'; id: number; checksum: number; payload?: unknown; rssBytes?: number; cpuMs?: number }
  | { type: 'cancelled' }
  | { type: 'error'; message: string };

/** What the engine tells a child process. */
export type ProcessCommand =
  | { type: 'job'; job: WorkerJob }
  | { type: 'go' }
  /** Pool mode: run `iterations` of the sum loop and send `payload` back, as a pool worker does; `price` overrides the job's taskPriceIterations. */
  | { type: 'task'; id: number; iterations: number; payload?: unknown; price?: number };

/**
 * What the engine tells a thread of the interpreter. A thread is started once, before any step is
 * timed, and waits for work: a job hands it a function to run (and the interpreter's memory, shared,
 * never copied), as `threading.Thread(target=...).start()` hands an existing OS thread its target.
 * After a job's `done` it waits for the next one; a serving job (a pool) keeps it until stopped.
 */
export type ThreadCommand = { type: 'job'; job: WorkerJob; buffer: SharedArrayBuffer } | Extract<ProcessCommand, { type: 'task' }>;
