/**
 * Runs one step of an experiment: start its workers (worker_threads of one interpreter sharing
 * its GIL, child processes with a GIL each, or both side by side), wait until all are ready, give
 * the start signal together, collect their timelines and statistics. Any failure, a cancel or a
 * watchdog's stop ends every worker before it returns. It knows no lesson: what a lesson wants to
 * read besides the common figures, it passes in as probes.
 */
import { createGilBuffer, GIL, slotIndex, SLOT, WORKER_STATES } from '../shared/gil-layout';
import type { TimelineSegment, WorkerStats } from '../shared/results';
import type { SwitchInterval } from '../shared/units';
import { workerMessageSchema } from '../shared/worker-schemas';
import type { GilKind, PackedSegment, TaskSpec, WorkerJob, WorkerMessage, WorkerSamples } from '../shared/worker-protocol';
import type { WorkerEntries } from './entries';
import { abortError, LabError, RunCancelled, WorkersStuck } from './errors';
import { spawnWorker, type Host, type WorkerHandle } from './spawn';
import { STOP_LIMIT_MS } from './time-limit';

export interface WorkerSpec {
  host: Host;
  /** For threads: 'shared' (this interpreter's GIL) or 'none' (free-threaded). Processes: 'own'. */
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
}

/** When a step started, as epoch ms (for samples) and on the workers' monotonic clock. */
export interface StepClock {
  epoch: number;
  monotonic: number;
}

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
  /** ms from spawning each worker to its ready message. */
  readyMs: number[];
  gilSwitches: number;
  forcedSwitches: number;
  violations: number;
  checksum: number;
  /** Whether the watchdog stopped the step before its workers finished. */
  stopped: boolean;
  readings: Readings<P>;
}

const FLUSH_MS = 100;
const WATCH_MS = 100;
/** Longest every worker of a step may take to be ready: 16 processes on a slow laptop take seconds, not this. */
export const READY_LIMIT_MS = 30_000;

export const epochNow = (): number => performance.timeOrigin + performance.now();
/** The clock workers stamp their timelines with (see src/workers/interpreter/recorder.ts). */
const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export function runStep<P extends Probes = NoProbes>(plan: StepPlan<P>): Promise<StepOutcome<P>> {
  return new Promise<StepOutcome<P>>((resolve, reject) => new StepRun(plan, resolve, reject).start());
}

/** One step in flight: its interpreter's memory, its workers, and what they have reported so far. */
class StepRun<P extends Probes> {
  private readonly count: number;
  private readonly clock: StepClock;
  // The interpreter's memory: one GIL shared by its threads, and the shared reference count.
  private readonly words: Int32Array;
  private readonly buffer: SharedArrayBuffer;
  private readonly handles: WorkerHandle[] = [];
  private readonly reports: (DoneReport | undefined)[];
  private readonly samples: WorkerSamples[];
  private readonly readyMs: number[];
  private readonly isReady: boolean[];
  private readyTimer: NodeJS.Timeout | undefined;
  private ready = 0;
  private done = 0;
  private goAt = 0;
  private settled = false;
  private watcher: NodeJS.Timeout | undefined;
  private readonly onAbort = (): void => void this.finish(abortError(this.plan.signal));

  constructor(
    private readonly plan: StepPlan<P>,
    private readonly resolve: (outcome: StepOutcome<P>) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.count = plan.workers.length;
    this.clock = plan.clock ?? startClock();
    this.buffer = createGilBuffer(this.count, plan.switchInterval);
    this.words = new Int32Array(this.buffer);
    this.reports = new Array<DoneReport | undefined>(this.count);
    this.samples = Array.from({ length: this.count }, () => ({ holds: [], waits: [], latencies: [] }));
    this.readyMs = new Array<number>(this.count).fill(0);
    this.isReady = new Array<boolean>(this.count).fill(false);
  }

  start(): void {
    this.plan.signal.addEventListener('abort', this.onAbort);
    this.readyTimer = setTimeout(() => {
      const late = this.isReady.indexOf(false);
      void this.finish(new LabError(`worker ${late + 1} was not ready within ${READY_LIMIT_MS / 1000} s; the run was stopped`));
    }, READY_LIMIT_MS);
    for (let worker = 0; worker < this.count; worker++) {
      try {
        this.handles.push(this.spawn(worker));
      } catch (error) {
        return void this.finish(new LabError(`${this.describe(worker)} could not start: ${error instanceof Error ? error.message : String(error)}; the run was stopped`));
      }
    }
    if (this.plan.signal.aborted) this.onAbort();
  }

  private spawn(worker: number): WorkerHandle {
    const spec = this.plan.workers[worker] as WorkerSpec;
    const job: WorkerJob = {
      worker,
      tasks: spec.tasks,
      gil: spec.host === 'process' ? 'own' : spec.gil,
      chunkIterations: this.plan.chunkIterations,
      switchIntervalUs: this.plan.switchInterval,
      clockStart: this.clock.monotonic,
      flushMs: FLUSH_MS,
    };
    return spawnWorker({
      entries: this.plan.entries,
      host: spec.host,
      job,
      buffer: this.buffer,
      onMessage: (raw) => this.onMessage(worker, raw),
      onError: (reason) => this.onError(worker, reason),
      onExit: (code, signal) => this.onExit(worker, code, signal),
    });
  }

  private go(): void {
    clearTimeout(this.readyTimer);
    this.goAt = epochNow();
    this.plan.onGo?.(this.goAt);
    Atomics.store(this.words, GIL.GO, 1);
    Atomics.notify(this.words, GIL.GO);
    this.plan.workers.forEach((spec, i) => {
      if (spec.host === 'process') this.handles[i]?.send({ type: 'go' });
    });
    const watchdog = this.plan.watchdog;
    if (watchdog) {
      this.watcher = setInterval(() => {
        if (watchdog(this.words, epochNow() - this.goAt)) void this.finish(undefined, true);
      }, WATCH_MS);
    }
  }

  private onMessage(worker: number, raw: unknown): void {
    if (this.settled) return;
    const parsed = workerMessageSchema.safeParse(raw);
    if (!parsed.success) return void this.finish(new LabError(`worker ${worker + 1} sent a message the lab does not understand`));
    const message: WorkerMessage = parsed.data;
    switch (message.type) {
      case 'ready':
        this.readyMs[worker] = epochNow() - this.clock.epoch;
        this.isReady[worker] = true;
        if (++this.ready === this.count) this.go();
        return;
      case 'timeline':
        this.plan.onSegments(message.segments.map((s) => unpack(worker, s)));
        return;
      case 'submit':
        // Only a thread of this interpreter can wait on a future, and only in its own slot.
        if (message.slot !== worker || this.plan.workers[worker]?.host !== 'thread') {
          return void this.finish(new LabError(`worker ${worker + 1} asked for a result in a slot that is not its own`));
        }
        return void this.offload(message.slot, message.iterations);
      case 'done':
        this.reports[worker] = message;
        if (message.samples) this.samples[worker] = message.samples;
        if (++this.done === this.count) void this.finish();
        return;
      case 'result':
        return;
      case 'cancelled':
        return void this.finish(new RunCancelled());
      case 'error':
        return this.onError(worker, message.message);
    }
  }

  /** Runs a pipeline thread's CPU stage in the pool, then wakes the thread. Never throws: it is not awaited. */
  private async offload(slot: number, iterations: number): Promise<void> {
    if (!this.plan.offload) return void this.finish(new LabError('a pipeline thread asked for a process pool this step does not have'));
    try {
      await this.plan.offload(iterations);
      if (this.settled) return;
      const index = slotIndex(slot, SLOT.FUTURE);
      // A count, not a flag: an event loop may have several futures in flight in its one slot.
      Atomics.add(this.words, index, 1);
      Atomics.notify(this.words, index);
    } catch (error) {
      void this.finish(error instanceof Error ? error : new LabError(String(error)));
    }
  }

  private describe(worker: number): string {
    return `worker ${worker + 1} (a ${this.plan.workers[worker]?.host ?? 'worker'})`;
  }

  private onError(worker: number, reason: string): void {
    if (this.settled) return;
    const started = this.isReady[worker];
    void this.finish(new LabError(started ? `worker ${worker + 1} failed: ${reason}` : `${this.describe(worker)} could not start: ${reason}; the run was stopped`));
  }

  private onExit(worker: number, code: number | null, signal: string | null): void {
    if (this.settled || this.reports[worker]) return;
    const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
    if (!this.isReady[worker]) return void this.finish(new LabError(`${this.describe(worker)} ${how} before it was ready; the run was stopped`));
    void this.finish(new LabError(`worker ${worker + 1} ${how} before finishing its work; the run was stopped`));
  }

  private async finish(error?: Error, stopped = false): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.readyTimer);
    if (this.watcher) clearInterval(this.watcher);
    this.plan.signal.removeEventListener('abort', this.onAbort);
    Atomics.store(this.words, GIL.CANCEL, 1);
    Atomics.notify(this.words, GIL.LOCKED);
    Atomics.notify(this.words, GIL.GO);
    const doneAt = epochNow();
    const stoppedInTime = await Promise.all(this.handles.map((h) => h.stop()));
    const stuck = stoppedInTime.flatMap((ok, i) => (ok ? [] : [i + 1]));
    if (stuck.length > 0 && !(error instanceof LabError)) {
      return this.reject(new WorkersStuck(`worker ${stuck.join(', ')} did not stop within ${STOP_LIMIT_MS / 1000} s and may still be using a core`));
    }
    if (error) return this.reject(error);
    this.resolve(this.outcome(doneAt, stopped));
  }

  private outcome(doneAt: number, stopped: boolean): StepOutcome<P> {
    const { words, reports, plan } = this;
    const fromProcesses = (read: (r: DoneReport) => number): number =>
      reports.reduce((sum, r, i) => sum + (r && plan.workers[i]?.host === 'process' ? read(r) : 0), 0);
    const end: StepEnd = { words, reports };
    const readings = Object.fromEntries(Object.entries(plan.probes ?? {}).map(([name, probe]) => [name, probe(end)])) as Readings<P>;
    return {
      spawnedAt: this.clock.epoch,
      goAt: this.goAt,
      doneAt,
      perWorker: reports.map((r, worker) => (r ? { worker, ...r.stats } : emptyStats(worker))),
      samples: this.samples,
      readyMs: this.readyMs,
      gilSwitches: reports.reduce((sum, r) => sum + (r?.gilSwitches ?? 0), 0),
      // Forced drops and violations inside processes: their GILs are not in the shared buffer.
      forcedSwitches: Atomics.load(words, GIL.FORCED_SWITCHES) + fromProcesses((r) => r.stats.forcedDrops),
      violations: Atomics.load(words, GIL.VIOLATIONS) + fromProcesses((r) => r.violations ?? 0),
      checksum: reports.reduce((sum, r) => sum + (r?.checksum ?? 0), 0),
      stopped,
      readings,
    };
  }
}

function unpack(worker: number, [code, start, end]: PackedSegment): TimelineSegment {
  return { worker, state: WORKER_STATES[code] ?? 'idle', start, end };
}

function emptyStats(worker: number): WorkerStats {
  return { worker, holdMs: 0, waitMs: 0, ioMs: 0, freeMs: 0, cpuMs: 0, acquisitions: 0, forcedDrops: 0, tasks: 0 };
}
