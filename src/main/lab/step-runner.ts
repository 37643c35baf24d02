/**
 * Runs one step of an experiment: start its workers (worker_threads of one interpreter sharing
 * its GIL, child processes with a GIL each, or both side by side), wait until all are ready, give
 * the start signal together, collect their timelines and statistics. Any failure, a cancel or a
 * detected deadlock stops every worker before it returns.
 */
import { createGilBuffer, GIL, slotIndex, SLOT, WORKER_STATES } from '../../shared/gil-layout';
import type { TimelineSegment, WorkerStats } from '../../shared/results';
import { workerMessageSchema } from '../../shared/worker-schemas';
import {
  type GilKind,
  type PackedSegment,
  type TaskSpec,
  type WorkerJob,
  type WorkerMessage,
  type WorkerSamples,
} from '../../shared/worker-protocol';
import type { WorkerEntries } from './entries';
import { LabError, RunCancelled } from './errors';
import { spawnWorker, type Host, type WorkerHandle } from './spawn';

export interface WorkerSpec {
  host: Host;
  /** For threads: 'shared' (this interpreter's GIL) or 'none' (free-threaded). Processes: 'own'. */
  gil: GilKind;
  tasks: TaskSpec[];
}

/** Watches the shared words while the step runs; returns a finding to stop the step with. */
export type Watchdog = (words: Int32Array, elapsedMs: number) => Finding | undefined;
export interface Finding {
  kind: 'deadlock';
  cycle: string[];
}

export interface StepPlan {
  workers: WorkerSpec[];
  switchIntervalUs: number;
  chunkIterations: number;
  entries: WorkerEntries;
  signal: AbortSignal;
  onSegments: (segments: TimelineSegment[]) => void;
  /** Called once every worker is ready, with the epoch ms of the start signal. */
  onGo?: (goAt: number) => void;
  /** Runs a pipeline thread's CPU stage somewhere else (a process pool); resolves when done. */
  offload?: (iterations: number) => Promise<void>;
  watchdog?: Watchdog;
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

export interface StepOutcome {
  /** Epoch ms when the workers were spawned, got the go, and the last one finished. */
  spawnedAt: number;
  goAt: number;
  doneAt: number;
  perWorker: WorkerStats[];
  samples: WorkerSamples[];
  /** ms from spawning each worker to its ready message. */
  readyMs: number[];
  /** Resident memory each process reported when ready (threads: undefined). */
  rssBytes: (number | undefined)[];
  gilSwitches: number;
  forcedSwitches: number;
  violations: number;
  checksum: number;
  /** The shared reference count at the end (lost-update). */
  refcount: number;
  iterationsPerMs?: number;
  finding?: Finding;
}

const FLUSH_MS = 100;
const WATCH_MS = 100;

export const epochNow = (): number => performance.timeOrigin + performance.now();
/** The clock workers stamp their timelines with (see src/workers/recorder.ts). */
const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export function runStep(plan: StepPlan): Promise<StepOutcome> {
  return new Promise<StepOutcome>((resolve, reject) => {
    const count = plan.workers.length;
    const clock = plan.clock ?? startClock();
    const spawnedAt = clock.epoch;
    const clockStart = clock.monotonic;
    // The interpreter's memory: one GIL shared by its threads, and the shared reference count.
    const buffer = createGilBuffer(count, plan.switchIntervalUs);
    const words = new Int32Array(buffer);
    const handles: WorkerHandle[] = [];
    const stats: (WorkerStats | undefined)[] = new Array<WorkerStats | undefined>(count);
    const samples: WorkerSamples[] = Array.from({ length: count }, () => ({ holds: [], waits: [], latencies: [] }));
    const readyMs: number[] = new Array<number>(count).fill(0);
    const rssBytes: (number | undefined)[] = new Array<number | undefined>(count);
    let ready = 0;
    let done = 0;
    let goAt = 0;
    let switches = 0;
    let processViolations = 0;
    let checksum = 0;
    let iterationsPerMs: number | undefined;
    let settled = false;
    let watcher: NodeJS.Timeout | undefined;

    const finish = async (error?: Error, finding?: Finding): Promise<void> => {
      if (settled) return;
      settled = true;
      if (watcher) clearInterval(watcher);
      plan.signal.removeEventListener('abort', onAbort);
      Atomics.store(words, GIL.CANCEL, 1);
      Atomics.notify(words, GIL.LOCKED);
      Atomics.notify(words, GIL.GO);
      const doneAt = epochNow();
      await Promise.all(handles.map((h) => h.stop()));
      if (error) return reject(error);
      resolve({
        spawnedAt,
        goAt,
        doneAt,
        perWorker: stats.map((s, worker) => s ?? emptyStats(worker)),
        samples,
        readyMs,
        rssBytes,
        gilSwitches: switches,
        forcedSwitches: Atomics.load(words, GIL.FORCED_SWITCHES) + sumForced(stats, plan.workers),
        violations: Atomics.load(words, GIL.VIOLATIONS) + processViolations,
        checksum,
        refcount: Atomics.load(words, GIL.REFCOUNT),
        ...(iterationsPerMs !== undefined ? { iterationsPerMs } : {}),
        ...(finding ? { finding } : {}),
      });
    };
    const onAbort = (): void => void finish(new RunCancelled());
    plan.signal.addEventListener('abort', onAbort);

    const go = (): void => {
      goAt = epochNow();
      plan.onGo?.(goAt);
      Atomics.store(words, GIL.GO, 1);
      Atomics.notify(words, GIL.GO);
      for (let i = 0; i < count; i++) if (plan.workers[i]?.host === 'process') handles[i]?.send({ type: 'go' });
      const watchdog = plan.watchdog;
      if (watchdog) {
        watcher = setInterval(() => {
          const finding = watchdog(words, epochNow() - goAt);
          if (finding) void finish(undefined, finding);
        }, WATCH_MS);
      }
    };

    const onMessage = (worker: number, raw: unknown): void => {
      if (settled) return;
      const parsed = workerMessageSchema.safeParse(raw);
      if (!parsed.success) return void finish(new LabError(`worker ${worker + 1} sent a message the lab does not understand`));
      const message: WorkerMessage = parsed.data;
      switch (message.type) {
        case 'ready':
          readyMs[worker] = epochNow() - spawnedAt;
          rssBytes[worker] = message.rssBytes;
          if (++ready === count) go();
          return;
        case 'timeline':
          plan.onSegments(message.segments.map((s) => unpack(worker, s)));
          return;
        case 'submit':
          return void offload(message.slot, message.iterations);
        case 'done':
          stats[worker] = { worker, ...message.stats };
          if (message.samples) samples[worker] = message.samples;
          switches += message.gilSwitches ?? 0;
          if (plan.workers[worker]?.host === 'process') processViolations += message.violations ?? 0;
          checksum += message.checksum;
          if (message.iterationsPerMs !== undefined) iterationsPerMs = message.iterationsPerMs;
          if (++done === count) void finish();
          return;
        case 'result':
          return;
        case 'cancelled':
          return void finish(new RunCancelled());
        case 'error':
          return void finish(new LabError(`worker ${worker + 1} failed: ${message.message}`));
      }
    };

    const offload = async (slot: number, iterations: number): Promise<void> => {
      if (!plan.offload) return void finish(new LabError('a pipeline thread asked for a process pool this step does not have'));
      try {
        await plan.offload(iterations);
      } catch (error) {
        return void finish(error instanceof Error ? error : new LabError(String(error)));
      }
      const index = slotIndex(slot, SLOT.FUTURE);
      Atomics.store(words, index, 1);
      Atomics.notify(words, index);
    };

    const onExit = (worker: number, code: number | null, signal: string | null): void => {
      if (settled || stats[worker]) return;
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      void finish(new LabError(`worker ${worker + 1} ${how} before finishing its work; the run was stopped`));
    };

    for (let worker = 0; worker < count; worker++) {
      const spec = plan.workers[worker] as WorkerSpec;
      const job: WorkerJob = {
        worker,
        tasks: spec.tasks,
        gil: spec.host === 'process' ? 'own' : spec.gil,
        chunkIterations: plan.chunkIterations,
        switchIntervalUs: plan.switchIntervalUs,
        clockStart,
        flushMs: FLUSH_MS,
      };
      try {
        handles.push(
          spawnWorker({
            entries: plan.entries,
            host: spec.host,
            job,
            buffer,
            onMessage: (raw) => onMessage(worker, raw),
            onExit: (code, signal) => onExit(worker, code, signal),
          }),
        );
      } catch (error) {
        void finish(new LabError(`could not start worker ${worker + 1}: ${error instanceof Error ? error.message : String(error)}`));
        return;
      }
    }
    if (plan.signal.aborted) onAbort();
  });
}

function unpack(worker: number, [code, start, end]: PackedSegment): TimelineSegment {
  return { worker, state: WORKER_STATES[code] ?? 'idle', start, end };
}

function emptyStats(worker: number): WorkerStats {
  return { worker, holdMs: 0, waitMs: 0, ioMs: 0, freeMs: 0, cpuMs: 0, acquisitions: 0, forcedDrops: 0, tasks: 0 };
}

/** Forced drops inside processes (their GILs are not in the shared buffer). */
function sumForced(stats: readonly (WorkerStats | undefined)[], specs: readonly WorkerSpec[]): number {
  return stats.reduce((sum, s, i) => sum + (specs[i]?.host === 'process' ? (s?.forcedDrops ?? 0) : 0), 0);
}
