/**
 * Runs one step of an experiment: start its workers (threads of one interpreter sharing its GIL,
 * handed their jobs on the interpreter's pre-started threads; child processes or new interpreters
 * with a GIL each; or several side by side), wait until all are ready, give
 * the start signal together, collect their timelines and statistics. Any failure, a cancel or a
 * watchdog's stop ends every worker before it returns. It knows no lesson: what a lesson wants to
 * read besides the common figures, it passes in as probes. The plan and outcome types are in
 * step-plan.ts; the outcome is built in step-outcome.ts.
 */
import { createGilBuffer, GIL, slotIndex, SLOT, WORKER_STATES } from '../shared/gil-layout';
import type { TimelineSegment } from '../shared/results';
import { workerMessageSchema } from '../shared/worker-schemas';
import type { PackedSegment, WorkerJob, WorkerMessage, WorkerSamples } from '../shared/worker-protocol';
import { abortError, LabError, RunCancelled, WorkersStuck } from './errors';
import { spawnWorker, type WorkerHandle } from './spawn';
import { stepOutcome } from './step-outcome';
import { epochNow, startClock, type DoneReport, type NoProbes, type Probes, type StepClock, type StepOutcome, type StepPlan, type WorkerSpec } from './step-plan';
import { STOP_LIMIT_MS } from './time-limit';

const FLUSH_MS = 100;
const WATCH_MS = 100;
/** Longest every worker of a step may take to be ready: 16 processes on a slow laptop take seconds, not this. */
export const READY_LIMIT_MS = 30_000;

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
  /** The GIL of each new interpreter ('interpreter' workers): one each, not shared. */
  private readonly ownBuffers = new Map<number, SharedArrayBuffer>();
  private readonly handles: WorkerHandle[] = [];
  private readonly reports: (DoneReport | undefined)[];
  private readonly samples: WorkerSamples[];
  private readonly readyMs: number[];
  private readonly startedAt: number[];
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
    this.reports = Array.from({ length: this.count }, (): DoneReport | undefined => undefined);
    this.samples = Array.from({ length: this.count }, () => ({ holds: [], waits: [], latencies: [] }));
    this.readyMs = new Array<number>(this.count).fill(0);
    this.startedAt = new Array<number>(this.count).fill(0);
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
        this.startedAt[worker] = epochNow();
        this.handles.push(this.spawn(worker));
      } catch (error) {
        return void this.finish(new LabError(`${this.describe(worker)} could not start: ${error instanceof Error ? error.message : String(error)}; the run was stopped`));
      }
    }
    if (this.plan.signal.aborted) this.onAbort();
  }

  private spawn(worker: number): WorkerHandle {
    const spec = this.plan.workers[worker] as WorkerSpec;
    const ownGil = spec.host !== 'thread';
    const job: WorkerJob = {
      worker: spec.host === 'interpreter' ? 0 : worker,
      tasks: spec.tasks,
      gil: ownGil ? 'own' : spec.gil,
      chunkIterations: this.plan.chunkIterations,
      switchIntervalUs: this.plan.switchInterval,
      clockStart: this.clock.monotonic,
      flushMs: FLUSH_MS,
      // A pre-started thread is warm already; any fresh isolate warms its kernel before its ready.
      ...(spec.host !== 'thread' || !this.plan.threads ? { warmUp: true } : {}),
    };
    let buffer = this.buffer;
    if (spec.host === 'interpreter') {
      buffer = createGilBuffer(1, this.plan.switchInterval);
      this.ownBuffers.set(worker, buffer);
    }
    const listeners = {
      onMessage: (raw: unknown) => this.onMessage(worker, raw),
      onError: (reason: string) => this.onError(worker, reason),
      onExit: (code: number | null, signal: string | null) => this.onExit(worker, code, signal),
    };
    if (spec.host === 'thread' && this.plan.threads) return this.plan.threads.lease({ job, buffer, ...listeners });
    return spawnWorker({ entries: this.plan.entries, host: spec.host, job, buffer, ...listeners });
  }

  /** Sets a word in the interpreter's memory and in each new interpreter's, and wakes its waiters. */
  private signalAll(index: number, wake: number[] = [index]): void {
    for (const buffer of [this.buffer, ...this.ownBuffers.values()]) {
      const words = new Int32Array(buffer);
      Atomics.store(words, index, 1);
      for (const w of wake) Atomics.notify(words, w);
    }
  }

  private go(): void {
    clearTimeout(this.readyTimer);
    this.goAt = epochNow();
    this.plan.onGo?.(this.goAt);
    this.signalAll(GIL.GO);
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
        this.readyMs[worker] = epochNow() - (this.startedAt[worker] || this.clock.epoch);
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
    const host = this.plan.workers[worker]?.host ?? 'worker';
    return `worker ${worker + 1} (${host === 'interpreter' ? 'an' : 'a'} ${host})`;
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
    this.signalAll(GIL.CANCEL, [GIL.LOCKED, GIL.GO]);
    const doneAt = epochNow();
    // A thread that reported its done goes back to the interpreter; any other worker is stopped.
    const clean = !error && !stopped;
    const stoppedInTime = await Promise.all(this.handles.map((h, i) => (clean && this.reports[i] ? h.release() : h.stop())));
    const stuck = stoppedInTime.flatMap((ok, i) => (ok ? [] : [i + 1]));
    if (stuck.length > 0 && !(error instanceof LabError)) {
      return this.reject(new WorkersStuck(`worker ${stuck.join(', ')} did not stop within ${STOP_LIMIT_MS / 1000} s and may still be using a core`));
    }
    if (error) return this.reject(error);
    const { plan, clock, words, reports, samples, readyMs, goAt } = this;
    this.resolve(stepOutcome({ plan, clock, words, reports, samples, readyMs, goAt, doneAt, stopped }));
  }
}

function unpack(worker: number, [code, start, end]: PackedSegment): TimelineSegment {
  return { worker, state: WORKER_STATES[code] ?? 'idle', start, end };
}
