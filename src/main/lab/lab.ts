/**
 * The engine: runs experiments one at a time, mode after mode, and streams what happens. Plain
 * Node, shared by the desktop app, the browser edition and the CLI.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { findExperiment, type Experiment, type Mode } from '../../shared/experiments';
import { LIMITS } from '../../shared/limits';
import type { ModeResult, RunEvent, TimelineSegment } from '../../shared/results';
import type { RunRequest } from '../../shared/schemas';
import { coresBusyDuring, speedup } from '../../shared/stats';
import type { TaskSpec } from '../../shared/worker-protocol';
import { killAllChildren } from './children';
import type { WorkerEntries } from './entries';
import { LabError, RunCancelled } from './errors';
import { epochNow, runMode, type ModeOutcome } from './mode-runner';
import { Sampler } from './sampler';

/** Work between two eval-breaker checks: about 25 us, so even a 0.1 ms interval is honoured. */
const CHUNK_US = 25;
/** Share of an I/O task spent in Python around the wait (building the request, reading the reply). */
const IO_CPU_SHARE = 0.01;
const CALIBRATION_MS = 400;
/** Timeline batches go out at most this often, so a fast switch interval cannot flood the UI. */
const TIMELINE_EMIT_MS = 150;

export interface LabOptions {
  entries: WorkerEntries;
  /** Logical cores; defaults to what the OS reports. */
  cores?: number;
  /** A known calibration (iterations of the sum loop per ms), to skip measuring. */
  iterationsPerMs?: number;
}

export class Lab {
  readonly cores: number;
  readonly sampler: Sampler;
  private readonly listeners = new Set<(event: RunEvent) => void>();
  private readonly baselines = new Map<string, number>();
  private iterationsPerMs: number | undefined;
  private current: { runId: string; abort: AbortController; done: Promise<void> } | undefined;

  constructor(private readonly options: LabOptions) {
    this.cores = options.cores ?? availableParallelism();
    this.sampler = new Sampler(options.entries.sampler);
    this.iterationsPerMs = options.iterationsPerMs;
  }

  onEvent(listener: (event: RunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  /** Starts a run in the background; its progress and results arrive as events. */
  startRun(request: RunRequest): { runId: string; done: Promise<ModeResult[]> } {
    if (this.current) throw new LabError('a run is already in progress; cancel it or wait for it to finish');
    const experiment = findExperiment(request.experiment);
    if (!experiment) throw new LabError(`unknown experiment "${request.experiment}"`);
    const modes = experiment.modes.filter((m) => !request.modes || request.modes.includes(m));
    if (modes.length === 0) {
      throw new LabError(`${experiment.id} runs only these modes: ${experiment.modes.join(', ')}`);
    }
    const runId = randomUUID();
    const abort = new AbortController();
    const results = this.execute(runId, experiment, modes, request, abort.signal);
    const done = results.then(
      () => undefined,
      () => undefined,
    );
    this.current = { runId, abort, done };
    void done.then(() => {
      if (this.current?.runId === runId) this.current = undefined;
    });
    return { runId, done: results };
  }

  /** Stops the current run, if any; resolves once every worker is gone. */
  async cancel(): Promise<boolean> {
    const current = this.current;
    if (!current) return false;
    current.abort.abort();
    await current.done;
    return true;
  }

  async dispose(): Promise<void> {
    await this.cancel();
    await this.sampler.dispose();
    killAllChildren();
  }

  private emit(event: RunEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener (a closed window) must not stop the run for the others.
      }
    }
  }

  private async execute(
    runId: string,
    experiment: Experiment,
    modes: Mode[],
    request: RunRequest,
    signal: AbortSignal,
  ): Promise<ModeResult[]> {
    const watchKey = `run:${runId}`;
    this.sampler.watch(watchKey, LIMITS.sampleHz.default);
    this.emit({ type: 'run-started', runId, experiment: experiment.id, modes, workers: request.workers });
    const results: ModeResult[] = [];
    try {
      const perMs = await this.calibrate(runId, signal);
      for (const mode of modes) {
        if (signal.aborted) throw new RunCancelled();
        results.push(await this.runOne(runId, experiment, mode, request, perMs, signal));
      }
      this.emit({ type: 'run-finished', runId, results });
      return results;
    } catch (error) {
      if (error instanceof RunCancelled) this.emit({ type: 'run-cancelled', runId });
      else this.emit({ type: 'run-failed', runId, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      this.sampler.unwatch(watchKey);
    }
  }

  /** Iterations of the sum loop per millisecond on this machine, measured once. */
  private async calibrate(runId: string, signal: AbortSignal): Promise<number> {
    if (this.iterationsPerMs) return this.iterationsPerMs;
    this.emit({ type: 'calibrating', runId });
    const outcome = await runMode({
      mode: 'sequential',
      tasks: [[{ kind: 'calibrate', ms: CALIBRATION_MS }]],
      switchIntervalUs: LIMITS.switchMs.default * 1000,
      chunkIterations: 5_000,
      entries: this.options.entries,
      signal,
      onSegments: () => {},
    });
    if (!outcome.iterationsPerMs) throw new LabError('calibration failed: the kernel reported no speed');
    this.iterationsPerMs = outcome.iterationsPerMs;
    return outcome.iterationsPerMs;
  }

  private async runOne(
    runId: string,
    experiment: Experiment,
    mode: Mode,
    request: RunRequest,
    perMs: number,
    signal: AbortSignal,
  ): Promise<ModeResult> {
    const task = taskFor(experiment, request.seconds, perMs);
    const tasks: TaskSpec[][] =
      mode === 'sequential'
        ? [Array.from({ length: request.workers }, () => task)]
        : Array.from({ length: request.workers }, () => [task]);
    const pending: TimelineSegment[] = [];
    const flush = (): void => {
      if (pending.length === 0) return;
      this.emit({ type: 'timeline', runId, mode, segments: pending.splice(0) });
    };
    const ticker = setInterval(flush, TIMELINE_EMIT_MS);
    let outcome: ModeOutcome;
    try {
      outcome = await runMode({
        mode,
        tasks,
        switchIntervalUs: request.switchMs * 1000,
        chunkIterations: Math.max(200, Math.round(perMs * (CHUNK_US / 1000))),
        entries: this.options.entries,
        signal,
        onSegments: (segments) => pending.push(...segments),
        onGo: () => this.emit({ type: 'mode-started', runId, mode, workers: tasks.length, startedAt: epochNow() }),
      });
    } finally {
      clearInterval(ticker);
      flush();
    }
    // The sample that covers the end of the run arrives up to one period later.
    await this.sampler.nextSampleAfter(outcome.doneAt, 1000 / LIMITS.sampleHz.min + 200);
    const wallMs = outcome.doneAt - outcome.goAt;
    const key = `${experiment.id}|${request.workers}|${request.seconds}`;
    if (mode === 'sequential') this.baselines.set(key, wallMs);
    const per = outcome.perWorker;
    const sum = (pick: (w: (typeof per)[number]) => number): number => per.reduce((s, w) => s + pick(w), 0);
    const result: ModeResult = {
      runId,
      experiment: experiment.id,
      mode,
      task: experiment.task,
      workers: request.workers,
      tasks: request.workers,
      taskSeconds: request.seconds,
      switchMs: request.switchMs,
      wallMs,
      startupMs: outcome.goAt - outcome.spawnedAt,
      speedup: speedup(this.baselines.get(key), wallMs),
      coresBusy: coresBusyDuring(this.sampler.samplesSince(outcome.goAt - 2000), outcome.goAt, outcome.doneAt),
      gilSwitches: outcome.gilSwitches,
      forcedSwitches: outcome.forcedSwitches,
      holdMs: sum((w) => w.holdMs + w.freeMs),
      waitMs: sum((w) => w.waitMs),
      ioMs: sum((w) => w.ioMs),
      violations: outcome.violations,
      perWorker: per,
      finishedAt: new Date().toISOString(),
    };
    this.emit({ type: 'mode-finished', runId, result });
    return result;
  }
}

/** One task of the experiment, sized by calibration to take about `seconds` alone. */
function taskFor(experiment: Experiment, seconds: number, perMs: number): TaskSpec {
  const ms = seconds * 1000;
  if (experiment.task === 'io') {
    return { kind: 'io', waitMs: ms * (1 - IO_CPU_SHARE), cpuIterations: Math.max(1, Math.round(perMs * ms * IO_CPU_SHARE)) };
  }
  return { kind: 'cpu', iterations: Math.max(1, Math.round(perMs * ms)) };
}
