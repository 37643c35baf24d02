/**
 * The engine: runs experiments one at a time, step after step, and streams what happens. Plain
 * Node, shared by the desktop app, the browser edition and the CLI. Each lesson's steps are a
 * small program (src/lessons/<id>/program.ts, passed in by the host as `lessons`); this file
 * gives them a measured way to run a step.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Experiment } from '../shared/experiments';
import { LIMITS } from '../shared/limits';
import type { ModeResult, RunEvent, StepName } from '../shared/results';
import type { Estimates } from '../shared/run-estimate';
import type { RunRequest } from '../shared/schemas';
import { killAllChildren } from './children';
import type { WorkerEntries } from './entries';
import { LabError, RunCancelled, WorkersStuck } from './errors';
import { chosenModes, type LabLessons } from './program-api';
import { createRunContext } from './run-context';
import type { StepEnd } from './step-plan';
import { runStep } from './step-runner';
import { switchInterval } from '../shared/units';
import { Sampler } from './sampler';
import { settlesWithin, STOP_LIMIT_MS, unlessAborted } from './time-limit';

const CALIBRATION_MS = 400;
/**
 * Longest a cancel waits for the run to end. Every wait below it is bounded (a step's workers,
 * then its pool, each STOP_LIMIT_MS); past this the lab kills what it can and moves on, so a
 * stuck run can never refuse every later one.
 */
const CANCEL_LIMIT_MS = 2 * STOP_LIMIT_MS + 1_000;

export interface LabOptions {
  entries: WorkerEntries;
  /** The course and each lesson's program (src/lessons/programs.ts): the engine imports no lesson. */
  lessons: LabLessons;
  /** Logical cores; defaults to what the OS reports. */
  cores?: number;
  /** A known calibration (iterations of the sum loop per ms), to skip measuring. */
  iterationsPerMs?: number;
}

/**
 * More of a run after (or instead of) the simulated program: the lesson's own code on real
 * CPython (cpython/real-phase.ts). The Lab gives it the run's id, signal and event stream.
 */
export interface ExtraPhase {
  /** False: the simulated program does not run, only this phase. */
  simulate: boolean;
  /** Its steps, from the simulation's plan, so the run's plan announces them before they start. */
  plan(simulated: readonly StepName[]): StepName[];
  run(runId: string, signal: AbortSignal, emit: (event: RunEvent) => void): Promise<ModeResult[]>;
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
    // A run's cores-busy figure comes from the sampler: without it the run stops and says why.
    this.sampler.onFailure((sentence) => this.current?.abort.abort(new LabError(`${sentence}; the run was stopped`)));
  }

  onEvent(listener: (event: RunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  /** The course this lab runs, in order. */
  get experiments(): readonly Experiment[] {
    return this.options.lessons.experiments;
  }

  /** Each lesson's run-length estimate, for refusing a run past the cap before it starts. */
  get estimates(): Estimates {
    return this.options.lessons.estimates;
  }

  /**
   * Starts a run in the background; its progress and results arrive as events. `settle` is waited
   * for before anything is timed (the host's own work that would take the cores, such as probing
   * interpreters); it must have a time limit of its own.
   */
  startRun(request: RunRequest, extra?: ExtraPhase, settle?: () => Promise<unknown>): { runId: string; done: Promise<ModeResult[]> } {
    if (this.current) throw new LabError('a run is already in progress; cancel it or wait for it to finish');
    const experiment = this.options.lessons.experiments.find((e) => e.id === request.experiment);
    if (!experiment) throw new LabError(`unknown experiment "${request.experiment}"`);
    const unknown = (request.modes ?? []).filter((m) => !experiment.modes.includes(m));
    if (unknown.length > 0) throw new LabError(`${experiment.id} runs only these modes: ${experiment.modes.join(', ')}`);
    const runId = randomUUID();
    const abort = new AbortController();
    const results = this.execute(runId, experiment, request, abort, extra, settle);
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

  /** Stops the current run, if any; resolves once every worker is gone, or after CANCEL_LIMIT_MS at most. */
  async cancel(): Promise<boolean> {
    const current = this.current;
    if (!current) return false;
    current.abort.abort();
    if (!(await settlesWithin(current.done, CANCEL_LIMIT_MS))) {
      killAllChildren();
      if (this.current === current) this.current = undefined;
      this.emit({ type: 'run-failed', runId: current.runId, message: `the run did not stop within ${CANCEL_LIMIT_MS / 1000} s; its processes were killed` });
    }
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

  private async execute(runId: string, experiment: Experiment, request: RunRequest, abort: AbortController, extra?: ExtraPhase, settle?: () => Promise<unknown>): Promise<ModeResult[]> {
    const signal = abort.signal;
    const program = this.options.lessons.programs[experiment.id];
    const watchKey = `run:${runId}`;
    const modes = chosenModes(experiment, request);
    const simulate = extra?.simulate ?? true;
    const simulated = program.steps(experiment, request, this.cores);
    const steps = [...(simulate ? simulated : []), ...(extra?.plan(simulated) ?? [])];
    this.emit({ type: 'run-started', runId, experiment: experiment.id, modes, steps, workers: request.workers });
    const results: ModeResult[] = [];
    try {
      this.sampler.watch(watchKey, LIMITS.sampleHz.default);
      if (settle) await unlessAborted(settle(), signal, undefined);
      if (simulate) {
        const perMs = await this.calibrate(runId, signal);
        const state = { cores: this.cores, entries: this.options.entries, sampler: this.sampler, emit: (e: RunEvent) => this.emit(e), baselines: this.baselines };
        await program.run(createRunContext({ runId, experiment, request, perMs, signal, results }, state));
      }
      if (extra && !signal.aborted) results.push(...(await extra.run(runId, signal, (e) => this.emit(e))));
      if (signal.aborted) throw new RunCancelled();
      this.emit({ type: 'run-finished', runId, results });
      return results;
    } catch (error) {
      // A stuck worker is news even after a cancel; a reason the lab aborted with is the failure.
      const failure = error instanceof WorkersStuck ? error : signal.reason instanceof LabError ? signal.reason : undefined;
      if (!failure && (error instanceof RunCancelled || signal.aborted)) {
        this.emit({ type: 'run-cancelled', runId });
        throw new RunCancelled();
      }
      const reported = failure ?? (error instanceof Error ? error : new Error(String(error)));
      this.emit({ type: 'run-failed', runId, message: reported.message });
      throw reported;
    } finally {
      this.sampler.unwatch(watchKey);
      // Whatever the program left listening to the run (a timeline stream, a pool) lets go now.
      if (!signal.aborted) abort.abort(new RunOver());
    }
  }

  /** Iterations of the sum loop per millisecond on this machine, measured once. */
  private async calibrate(runId: string, signal: AbortSignal): Promise<number> {
    if (this.iterationsPerMs) return this.iterationsPerMs;
    this.emit({ type: 'calibrating', runId });
    const outcome = await runStep({
      workers: [{ host: 'thread', gil: 'shared', tasks: [{ kind: 'calibrate', ms: CALIBRATION_MS }] }],
      switchInterval: switchInterval(LIMITS.switchMs.default),
      chunkIterations: 5_000,
      entries: this.options.entries,
      signal,
      onSegments: () => {},
      probes: { iterationsPerMs: ({ reports }: StepEnd) => reports[0]?.iterationsPerMs },
    });
    const { iterationsPerMs } = outcome.readings;
    if (!iterationsPerMs) throw new LabError('calibration failed: the kernel reported no speed');
    this.iterationsPerMs = iterationsPerMs;
    return iterationsPerMs;
  }
}

/** The reason a run's signal aborts once the run is over: nothing is cancelled, everything lets go. */
class RunOver extends Error {
  constructor() {
    super('the run is over');
  }
}
