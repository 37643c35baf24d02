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
import type { ModeResult, RunEvent } from '../shared/results';
import type { RunRequest } from '../shared/schemas';
import { killAllChildren } from './children';
import type { WorkerEntries } from './entries';
import { LabError, RunCancelled } from './errors';
import { chosenModes, type LabLessons } from './program-api';
import { createRunContext } from './run-context';
import { runStep, type StepEnd } from './step-runner';
import { switchInterval } from '../shared/units';
import { Sampler } from './sampler';

const CALIBRATION_MS = 400;
/** Results kept for the strategy lesson; older ones are forgotten. */
const HISTORY = 500;

export interface LabOptions {
  entries: WorkerEntries;
  /** The course and each lesson's program (src/lessons/programs.ts): the engine imports no lesson. */
  lessons: LabLessons;
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

  /** The course this lab runs, in order. */
  get experiments(): readonly Experiment[] {
    return this.options.lessons.experiments;
  }

  /** Results of this session so far, oldest first. */
  history(): readonly ModeResult[] {
    return this.past;
  }

  /** Starts a run in the background; its progress and results arrive as events. */
  startRun(request: RunRequest): { runId: string; done: Promise<ModeResult[]> } {
    if (this.current) throw new LabError('a run is already in progress; cancel it or wait for it to finish');
    const experiment = this.options.lessons.experiments.find((e) => e.id === request.experiment);
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
    const program = this.options.lessons.programs[experiment.id];
    const watchKey = `run:${runId}`;
    this.sampler.watch(watchKey, LIMITS.sampleHz.default);
    const modes = chosenModes(experiment, request);
    this.emit({ type: 'run-started', runId, experiment: experiment.id, modes, steps: program.steps(experiment, request, this.cores), workers: request.workers });
    const results: ModeResult[] = [];
    try {
      const perMs = await this.calibrate(runId, signal);
      const state = { cores: this.cores, entries: this.options.entries, sampler: this.sampler, emit: (e: RunEvent) => this.emit(e), baselines: this.baselines, past: this.past };
      await program.run(createRunContext({ runId, experiment, request, perMs, signal, results }, state));
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
