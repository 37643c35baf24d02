/**
 * What a step is asked to run and what it gives back: the workers and their plan, the probes a
 * lesson passes in for readings of its own, the step's clock and the outcome. The runner that
 * carries a plan out is step-runner.ts; the outcome is put together in step-outcome.ts.
 */
import type { TimelineSegment, WorkerStats } from '../shared/results';
import type { SwitchInterval } from '../shared/units';
import type { GilKind, TaskSpec, WorkerMessage, WorkerSamples } from '../shared/worker-protocol';
import type { WorkerEntries } from './entries';
import type { ThreadLender } from './interpreter-threads';
import type { Host } from './spawn';

export interface WorkerSpec {
  host: Host;
  /** For threads: 'shared' (this interpreter's GIL) or 'none' (free-threaded). Processes and interpreters: 'own'. */
  gil: GilKind;
  tasks: TaskSpec[];
}

/** Watches the shared words while the step runs; true stops the step (what it saw is the watcher's to keep). */
export type Watchdog = (words: Int32Array, elapsedMs: number) => boolean;

/** A worker's last word: its statistics and whatever its tasks measured. */
export type DoneReport = Extract<WorkerMessage, { type: 'done' }>;

/** What a probe may read once the step is over: the interpreter's shared words and each worker's last report. */
export interface StepEnd {
  words: Int32Array;
  /** In worker order; undefined for a worker stopped before it finished. */
  reports: readonly (DoneReport | undefined)[];
}

/** A lesson-specific reading taken when the step is over (the shared reference count, the calibration). */
export type Probe<T> = (end: StepEnd) => T;
export type Probes = Readonly<Record<string, Probe<unknown>>>;
export type NoProbes = Readonly<Record<never, Probe<unknown>>>;
export type Readings<P extends Probes> = { readonly [K in keyof P]: ReturnType<P[K]> };

export interface StepPlan<P extends Probes = NoProbes> {
  workers: WorkerSpec[];
  switchInterval: SwitchInterval;
  chunkIterations: number;
  entries: WorkerEntries;
  signal: AbortSignal;
  onSegments: (segments: TimelineSegment[]) => void;
  /** Called once every worker is ready, with the epoch ms of the start signal. */
  onGo?: (goAt: number) => void;
  /** Runs a pipeline thread's CPU stage somewhere else (a process pool); resolves when done. */
  offload?: (iterations: number) => Promise<void>;
  watchdog?: Watchdog;
  probes?: P;
  /** The step's clock, when something else (a pool) must share it. */
  clock?: StepClock;
  /**
   * The interpreter's pre-started threads: each 'thread' worker is handed its job on one of them
   * (enough must be idle). Without them each thread is a fresh worker_thread, started on the clock.
   */
  threads?: ThreadLender;
}

/** When a step started, as epoch ms (for samples) and on the workers' monotonic clock. */
export interface StepClock {
  epoch: number;
  monotonic: number;
}

export const epochNow = (): number => performance.timeOrigin + performance.now();
/** The clock workers stamp their timelines with (see src/workers/interpreter/recorder.ts). */
const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export function startClock(): StepClock {
  return { epoch: epochNow(), monotonic: monotonicMs() };
}

export interface StepOutcome<P extends Probes = NoProbes> {
  /** Epoch ms when the workers were spawned, got the go, and the last one finished. */
  spawnedAt: number;
  goAt: number;
  doneAt: number;
  perWorker: WorkerStats[];
  samples: WorkerSamples[];
  /** ms from starting each worker (a process spawned, a thread handed its job) to its ready message. */
  readyMs: number[];
  gilSwitches: number;
  forcedSwitches: number;
  violations: number;
  checksum: number;
  /** Whether the watchdog stopped the step before its workers finished. */
  stopped: boolean;
  readings: Readings<P>;
}
