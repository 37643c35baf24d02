/**
 * The engine: runs experiments one at a time, step after step, and streams what happens. Plain
 * Node, shared by the desktop app, the browser edition and the CLI. Each lesson's steps are a
 * small program (./programs); this file gives them a measured way to run a step.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { findExperiment, type Experiment, type Mode } from '../../shared/experiments';
import { LIMITS } from '../../shared/limits';
import type { ModeResult, RunEvent, TimelineSegment } from '../../shared/results';
import type { RunRequest } from '../../shared/schemas';
import { coresBusyDuring } from '../../shared/stats';
import { killAllChildren } from './children';
import type { WorkerEntries } from './entries';
import { LabError, RunCancelled } from './errors';
import { Pool } from './pool';
import { programFor } from './programs';
import { chosenModes, type RunContext, type StepRun, type StepSpec } from './programs/program';
import { epochNow, runStep, startClock, type StepClock, type StepOutcome } from './step-runner';
import { Sampler } from './sampler';

/** Work between two eval-breaker checks: about 25 us, so even a 0.1 ms interval is honoured. */
const CHUNK_US = 25;
const CALIBRATION_MS = 400;
/** Timeline batches go out at most this often, so a fast switch interval cannot flood the UI. */
const TIMELINE_EMIT_MS = 150;
/** Results kept for the strategy lesson; older ones are forgotten. */
const HISTORY = 500;

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
  private readonly past: ModeResult[] = [];
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

  /** Results of this session so far, oldest first. */
  history(): readonly ModeResult[] {
    return this.past;
  }

  /** Starts a run in the background; its progress and results arrive as events. */
  startRun(request: RunRequest): { runId: string; done: Promise<ModeResult[]> } {
    if (this.current) throw new LabError('a run is already in progress; cancel it or wait for it to finish');
    const experiment = findExperiment(request.experiment);
    if (!experiment) throw new LabError(`unknown experiment "${request.experiment}"`);
    const unknown = (request.modes ?? []).filter((m) => !experiment.modes.includes(m));
    if (unknown.length > 0) throw new LabError(`${experiment.id} runs only these modes: ${experiment.modes.join(', ')}`);
    const runId = randomUUID();
    const abort = new AbortController();
    const results = this.execute(runId, experiment, request, abort.signal);
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

  private async execute(runId: string, experiment: Experiment, request: RunRequest, signal: AbortSignal): Promise<ModeResult[]> {
    const program = programFor(experiment.id);
    const watchKey = `run:${runId}`;
    this.sampler.watch(watchKey, LIMITS.sampleHz.default);
    const modes = chosenModes(experiment, request);
    this.emit({ type: 'run-started', runId, experiment: experiment.id, modes, steps: program.steps(experiment, request, this.cores), workers: request.workers });
    const results: ModeResult[] = [];
    try {
      const perMs = await this.calibrate(runId, signal);
      await program.run(this.context(runId, experiment, request, perMs, signal, results));
      if (signal.aborted) throw new RunCancelled();
      this.past.push(...results);
      if (this.past.length > HISTORY) this.past.splice(0, this.past.length - HISTORY);
      this.emit({ type: 'run-finished', runId, results });
      return results;
    } catch (error) {
      if (error instanceof RunCancelled || signal.aborted) {
        this.emit({ type: 'run-cancelled', runId });
        throw new RunCancelled();
      }
      this.emit({ type: 'run-failed', runId, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      this.sampler.unwatch(watchKey);
    }
  }

  /** Iterations of the sum loop per millisecond on this machine, measured once. */
  private async calibrate(runId: string, signal: AbortSignal): Promise<number> {
    if (this.iterationsPerMs) return this.iterationsPerMs;
    this.emit({ type: 'calibrating', runId });
    const outcome = await runStep({
      workers: [{ host: 'thread', gil: 'shared', tasks: [{ kind: 'calibrate', ms: CALIBRATION_MS }] }],
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

  private context(runId: string, experiment: Experiment, request: RunRequest, perMs: number, signal: AbortSignal, results: ModeResult[]): RunContext {
    const chunkIterations = Math.max(200, Math.round(perMs * (CHUNK_US / 1000)));
    const lab = this;
    const finish = (partial: ModeResult): ModeResult => {
      const result = { ...partial, runId, experiment: experiment.id };
      results.push(result);
      this.emit({ type: 'mode-finished', runId, result });
      return result;
    };
    /** Streams a step's timeline in batches, so a fast switch interval cannot flood the UI. */
    const timelineStream = (step: string, mode: Mode): { push: (s: TimelineSegment[]) => void; close: () => void } => {
      const pending: TimelineSegment[] = [];
      const flush = (): void => {
        if (pending.length > 0) this.emit({ type: 'timeline', runId, step, mode, segments: pending.splice(0) });
      };
      const ticker = setInterval(flush, TIMELINE_EMIT_MS);
      return {
        push: (segments) => pending.push(...segments),
        close: () => {
          clearInterval(ticker);
          flush();
        },
      };
    };
    const started = (step: string, mode: Mode, workers: number, workerLabels: string[], clock: StepClock, goAt: number): void => {
      this.emit({ type: 'mode-started', runId, step, mode, workers, workerLabels, startedAt: goAt, spawnToGoMs: goAt - clock.epoch });
    };
    const measure = async (clock: StepClock, goAt: number, doneAt: number): Promise<number | null> => {
      // The sample that covers the end of the step arrives up to one period later.
      await this.sampler.nextSampleAfter(doneAt, 1000 / LIMITS.sampleHz.min + 200);
      void clock;
      return coresBusyDuring(this.sampler.samplesSince(goAt - 2000), goAt, doneAt);
    };
    const base = (label: string, mode: Mode, workers: number): ModeResult => ({
      runId,
      experiment: experiment.id,
      step: label,
      mode,
      task: experiment.task === 'mixed' ? 'cpu' : experiment.task,
      workers,
      tasks: workers,
      taskSeconds: request.seconds,
      switchMs: request.switchMs,
      wallMs: 0,
      startupMs: 0,
      speedup: null,
      coresBusy: null,
      gilSwitches: 0,
      forcedSwitches: 0,
      holdMs: 0,
      waitMs: 0,
      ioMs: 0,
      violations: 0,
      perWorker: [],
      metrics: {},
      finishedAt: new Date().toISOString(),
    });

    return {
      experiment,
      request,
      cores: this.cores,
      perMs,
      signal,
      wants: (mode) => chosenModes(experiment, request).includes(mode),
      finish,
      baseline: (key) => lab.baselines.get(key),
      rememberBaseline: (key, wallMs) => void lab.baselines.set(key, wallMs),
      history: () => lab.past,
      pool: (options) =>
        Pool.start({
          ...options,
          entries: lab.options.entries,
          chunkIterations,
          switchIntervalUs: request.switchMs * 1000,
        }),
      manualStep: (label, mode, workerLabels) => {
        if (signal.aborted) throw new RunCancelled();
        const clock = startClock();
        const stream = timelineStream(label, mode);
        started(label, mode, workerLabels.length, workerLabels, clock, clock.epoch);
        return {
          clock,
          onSegments: stream.push,
          end: async (partial, from = clock.epoch) => {
            const doneAt = epochNow();
            stream.close();
            const result: ModeResult = {
              ...base(label, mode, workerLabels.length),
              wallMs: doneAt - from,
              startupMs: from - clock.epoch,
              coresBusy: await measure(clock, from, doneAt),
              ...partial,
            };
            return result;
          },
        };
      },
      step: async (spec: StepSpec): Promise<StepRun> => {
        if (signal.aborted) throw new RunCancelled();
        const clock = startClock();
        const labels = spec.workerLabels ?? spec.workers.map((w, i) => `${w.host} ${i + 1}`);
        const stream = timelineStream(spec.label, spec.mode);
        let pool: Pool | undefined;
        let outcome: StepOutcome;
        try {
          if (spec.pool) {
            pool = await Pool.start({
              entries: lab.options.entries,
              host: 'process',
              size: spec.pool.size,
              chunkIterations,
              switchIntervalUs: (spec.switchMs ?? request.switchMs) * 1000,
              clock,
              onSegments: stream.push,
              firstWorker: spec.workers.length,
            });
            for (let i = 0; i < spec.pool.size; i++) labels.push(`pool process ${i + 1}`);
          }
          const offloadPool = pool;
          outcome = await runStep({
            workers: spec.workers,
            switchIntervalUs: (spec.switchMs ?? request.switchMs) * 1000,
            chunkIterations,
            entries: lab.options.entries,
            signal,
            clock,
            onSegments: stream.push,
            onGo: (goAt) => started(spec.label, spec.mode, labels.length, labels, clock, goAt),
            ...(offloadPool ? { offload: async (iterations: number) => void (await offloadPool.run(iterations)) } : {}),
            ...(spec.watchdog ? { watchdog: spec.watchdog } : {}),
          });
        } finally {
          stream.close();
          await pool?.stop();
        }
        const per = outcome.perWorker;
        const sum = (pick: (w: (typeof per)[number]) => number): number => per.reduce((s, w) => s + pick(w), 0);
        const result: ModeResult = {
          ...base(spec.label, spec.mode, spec.workers.length),
          tasks: spec.workers.reduce((n, w) => n + w.tasks.length, 0),
          switchMs: spec.switchMs ?? request.switchMs,
          wallMs: outcome.doneAt - outcome.goAt,
          startupMs: outcome.goAt - outcome.spawnedAt,
          coresBusy: await measure(clock, outcome.goAt, outcome.doneAt),
          gilSwitches: outcome.gilSwitches,
          forcedSwitches: outcome.forcedSwitches,
          holdMs: sum((w) => w.holdMs + w.freeMs),
          waitMs: sum((w) => w.waitMs),
          ioMs: sum((w) => w.ioMs),
          violations: outcome.violations,
          perWorker: per,
        };
        return { outcome, result };
      },
    };
  }
}
