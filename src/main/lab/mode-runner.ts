/**
 * Runs one mode of an experiment: start the workers (worker_threads sharing one GIL, or child
 * processes with a GIL each), wait until all are ready, give the start signal together, collect
 * their timelines and statistics. Any failure or a cancel stops every worker before it returns.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import type { Mode } from '../../shared/experiments';
import { createGilBuffer, GIL, WORKER_STATES } from '../../shared/gil-layout';
import type { TimelineSegment, WorkerStats } from '../../shared/results';
import {
  workerMessageSchema,
  type PackedSegment,
  type ProcessCommand,
  type TaskSpec,
  type WorkerJob,
  type WorkerMessage,
} from '../../shared/worker-protocol';
import { trackChild } from './children';
import type { WorkerEntries } from './entries';
import { LabError, RunCancelled } from './errors';

export interface ModePlan {
  mode: Mode;
  /** Tasks of each worker: one list per worker. */
  tasks: TaskSpec[][];
  switchIntervalUs: number;
  chunkIterations: number;
  entries: WorkerEntries;
  signal: AbortSignal;
  onSegments: (segments: TimelineSegment[]) => void;
  /** Called once every worker is ready, with the epoch ms of the start signal. */
  onGo?: (goAt: number) => void;
}

export interface ModeOutcome {
  /** Epoch ms when the workers were spawned, got the go, and the last one finished. */
  spawnedAt: number;
  goAt: number;
  doneAt: number;
  perWorker: WorkerStats[];
  gilSwitches: number;
  forcedSwitches: number;
  violations: number;
  checksum: number;
  iterationsPerMs?: number;
}

/** One worker as the runner drives it, whatever it is made of. */
interface Handle {
  go(): void;
  stop(): Promise<void>;
}

const FLUSH_MS = 100;

export const epochNow = (): number => performance.timeOrigin + performance.now();
/** The clock workers stamp their timelines with (see src/workers/recorder.ts). */
const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export function runMode(plan: ModePlan): Promise<ModeOutcome> {
  return new Promise<ModeOutcome>((resolve, reject) => {
    const count = plan.tasks.length;
    const spawnedAt = epochNow();
    const clockStart = monotonicMs();
    const shared = plan.mode !== 'processes';
    const buffer = createGilBuffer(shared ? count : 1, plan.switchIntervalUs);
    const words = new Int32Array(buffer);
    const handles: Handle[] = [];
    const stats: (WorkerStats | undefined)[] = new Array<WorkerStats | undefined>(count);
    let ready = 0;
    let done = 0;
    let goAt = 0;
    let switches = 0;
    let violations = 0;
    let checksum = 0;
    let iterationsPerMs: number | undefined;
    let settled = false;

    const finish = async (error?: Error): Promise<void> => {
      if (settled) return;
      settled = true;
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
        gilSwitches: switches,
        forcedSwitches: shared ? Atomics.load(words, GIL.FORCED_SWITCHES) : sumForced(stats),
        violations: shared ? Atomics.load(words, GIL.VIOLATIONS) : violations,
        checksum,
        ...(iterationsPerMs !== undefined ? { iterationsPerMs } : {}),
      });
    };
    const onAbort = (): void => void finish(new RunCancelled());
    plan.signal.addEventListener('abort', onAbort);

    const onMessage = (worker: number, raw: unknown): void => {
      if (settled) return;
      const parsed = workerMessageSchema.safeParse(raw);
      if (!parsed.success) return void finish(new LabError(`worker ${worker + 1} sent a message the lab does not understand`));
      const message: WorkerMessage = parsed.data;
      switch (message.type) {
        case 'ready':
          if (++ready === count) {
            goAt = epochNow();
            plan.onGo?.(goAt);
            if (shared) {
              Atomics.store(words, GIL.GO, 1);
              Atomics.notify(words, GIL.GO);
            }
            for (const h of handles) h.go();
          }
          return;
        case 'timeline':
          plan.onSegments(message.segments.map((s) => unpack(worker, s)));
          return;
        case 'done':
          stats[worker] = { worker, ...message.stats };
          switches += message.gilSwitches ?? 0;
          violations += message.violations ?? 0;
          checksum += message.checksum;
          if (message.iterationsPerMs !== undefined) iterationsPerMs = message.iterationsPerMs;
          if (++done === count) void finish();
          return;
        case 'cancelled':
          return void finish(new RunCancelled());
        case 'error':
          return void finish(new LabError(`worker ${worker + 1} failed: ${message.message}`));
      }
    };
    const onExit = (worker: number, code: number | null, signal: string | null): void => {
      if (settled || stats[worker]) return;
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      void finish(new LabError(`worker ${worker + 1} ${how} before finishing its work; the run was stopped`));
    };

    for (let worker = 0; worker < count; worker++) {
      const job: WorkerJob = {
        worker: shared ? worker : 0,
        tasks: plan.tasks[worker] ?? [],
        gil: shared ? 'shared' : 'own',
        chunkIterations: plan.chunkIterations,
        switchIntervalUs: plan.switchIntervalUs,
        clockStart,
        flushMs: FLUSH_MS,
      };
      try {
        handles.push(
          shared
            ? startThread(plan.entries.thread, job, buffer, worker, onMessage, onExit)
            : startProcess(plan.entries.process, job, worker, onMessage, onExit),
        );
      } catch (error) {
        void finish(new LabError(`could not start worker ${worker + 1}: ${error instanceof Error ? error.message : String(error)}`));
        return;
      }
    }
    if (plan.signal.aborted) onAbort();
  });
}

function startThread(
  entry: string,
  job: WorkerJob,
  buffer: SharedArrayBuffer,
  index: number,
  onMessage: (worker: number, raw: unknown) => void,
  onExit: (worker: number, code: number | null, signal: string | null) => void,
): Handle {
  const thread = new Worker(entry, { workerData: { job, buffer } });
  thread.on('message', (raw: unknown) => onMessage(index, raw));
  thread.on('error', (error) => onMessage(index, { type: 'error', message: error.message }));
  thread.on('exit', (code) => onExit(index, code, null));
  return {
    go: () => {},
    stop: async () => {
      await thread.terminate();
    },
  };
}

function startProcess(
  entry: string,
  job: WorkerJob,
  index: number,
  onMessage: (worker: number, raw: unknown) => void,
  onExit: (worker: number, code: number | null, signal: string | null) => void,
): Handle {
  const child: ChildProcess = fork(entry, [], {
    // Inside Electron, process.execPath is the app; this makes it behave as plain Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    execArgv: [],
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  trackChild(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (raw: unknown) => onMessage(index, raw));
  child.on('error', (error) => onMessage(index, { type: 'error', message: error.message }));
  // 'exit' can overtake the last IPC message; give the message a moment to land first.
  child.on('exit', (code, signal) => setTimeout(() => onExit(index, code, signal), 100));
  const command = (c: ProcessCommand): void => {
    if (child.connected) child.send(c);
  };
  command({ type: 'job', job });
  return {
    go: () => command({ type: 'go' }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

function unpack(worker: number, [code, start, end]: PackedSegment): TimelineSegment {
  return { worker, state: WORKER_STATES[code] ?? 'idle', start, end };
}

function emptyStats(worker: number): WorkerStats {
  return { worker, holdMs: 0, waitMs: 0, ioMs: 0, freeMs: 0, acquisitions: 0, forcedDrops: 0, tasks: 0 };
}

function sumForced(stats: readonly (WorkerStats | undefined)[]): number {
  return stats.reduce((sum, s) => sum + (s?.forcedDrops ?? 0), 0);
}
