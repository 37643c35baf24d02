/**
 * What an experiment's program sees: a way to run one measured step, and the figures it needs
 * (calibration, cores, the request). Each lesson (src/lessons/<id>/program.ts) is a small program
 * over this interface; this file is all of the engine a lesson may import.
 */
import { chosenModes as chosenModesOf, type Experiment, type ExperimentId, type Mode } from '../shared/experiments';
import type { ModeResult, StepName, TimelineSegment } from '../shared/results';
import type { Estimates } from '../shared/run-estimate';
import type { RunRequest } from '../shared/schemas';
import type { TaskSpec } from '../shared/worker-protocol';
import type { Pool, PoolOptions } from './pool';
import type { NoProbes, Probes, StepClock, StepOutcome, Watchdog, WorkerSpec } from './step-plan';

export type { Pool } from './pool';
export { epochNow, type Probe, type StepClock, type StepEnd, type Watchdog, type WorkerSpec } from './step-plan';

export type { StepName } from '../shared/results';

/** A lesson's table of steps (id to label) as the step names a program plans. */
export const namedSteps = <Id extends string>(labels: Readonly<Record<Id, string>>, ids: readonly Id[] = Object.keys(labels) as Id[]): StepName<Id>[] =>
  ids.map((id) => ({ id, label: labels[id] }));

export interface StepSpec<P extends Probes = NoProbes> {
  step: StepName;
  mode: Mode;
  workers: WorkerSpec[];
  /** Timeline row names; default "thread 1", "process 2"… */
  workerLabels?: string[];
  switchMs?: number;
  /** A process pool for pipeline threads' CPU stages, shown on the timeline after the workers. */
  pool?: { size: number };
  watchdog?: Watchdog;
  /** Lesson-specific readings taken when the step is over; they come back as `outcome.readings`. */
  probes?: P;
}

export interface StepRun<P extends Probes = NoProbes> {
  outcome: StepOutcome<P>;
  /** The result with every common figure filled in; speedup null and no metrics yet. */
  result: ModeResult;
}

export interface RunContext {
  readonly experiment: Experiment;
  readonly request: RunRequest;
  readonly cores: number;
  /** Iterations of the sum loop per ms on this machine. */
  readonly perMs: number;
  readonly signal: AbortSignal;
  /** Whether the user asked for this mode (lessons with selectable modes). */
  wants(mode: Mode): boolean;
  /** Runs one step and measures it; the program then finishes the result with finish(). */
  step<P extends Probes = NoProbes>(spec: StepSpec<P>): Promise<StepRun<P>>;
  /** Publishes a finished result (mode-finished) and keeps it for the run's report. */
  finish(result: ModeResult): ModeResult;
  /**
   * A pool of serving workers for steps the program drives itself (process-cost). A pool of threads
   * is served by the interpreter's pre-started threads (started first, off any clock); processes
   * and interpreters are started by the pool, so their start is what its `readyMs` measures.
   */
  pool(options: Omit<PoolOptions, 'entries' | 'chunkIterations' | 'switchInterval' | 'signal' | 'threads'>): Promise<Pool>;
  /**
   * Starts (and warms) the interpreter's OS threads until `n` are idle, off any clock. step() and a
   * thread pool call it themselves; a program calls it before a manual step that must not time it.
   */
  startThreads(n: number): Promise<void>;
  /** Starts a step the program drives itself; returns what to call when it is over. */
  manualStep(
    step: StepName,
    mode: Mode,
    workerLabels: string[],
  ): {
    clock: StepClock;
    onSegments: (segments: TimelineSegment[]) => void;
    /** Ends the step; `from` (epoch ms) is when the measured work began, if after the step's start. */
    end: (partial: Partial<ModeResult>, from?: number) => Promise<ModeResult>;
  };
  /** Sequential wall time remembered for this experiment and size, from an earlier run. */
  baseline(key: string): number | undefined;
  rememberBaseline(key: string, wallMs: number): void;
}

/** An experiment's program: the steps it plans (ids and labels), and how it runs them. */
export interface Program {
  steps(experiment: Experiment, request: RunRequest, cores: number): StepName[];
  run(ctx: RunContext): Promise<void>;
}

/** CPU work that takes about `seconds` alone on this machine. */
export function cpuTask(ctx: RunContext, seconds: number, native = false): TaskSpec {
  return { kind: 'cpu', iterations: Math.max(1, Math.round(ctx.perMs * seconds * 1000)), ...(native ? { native } : {}) };
}

/** Share of an I/O task spent in Python around the wait (building the request, reading the reply). */
const IO_CPU_SHARE = 0.01;

/** A blocking wait of about `seconds`, with a little Python around it. */
export function ioTask(ctx: RunContext, seconds: number): TaskSpec {
  const ms = seconds * 1000;
  return { kind: 'io', waitMs: ms * (1 - IO_CPU_SHARE), cpuIterations: Math.max(1, Math.round(ctx.perMs * ms * IO_CPU_SHARE)) };
}

export const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

/** n threads of one interpreter, each with its own task list. */
export function threads(n: number, tasks: (i: number) => TaskSpec[], gil: 'shared' | 'none' = 'shared'): WorkerSpec[] {
  return times(n, (i) => ({ host: 'thread', gil, tasks: tasks(i) }));
}

export function processes(n: number, tasks: (i: number) => TaskSpec[]): WorkerSpec[] {
  return times(n, (i) => ({ host: 'process', gil: 'own', tasks: tasks(i) }));
}

/**
 * n new interpreters in this process, each with a GIL of its own (PEP 684): each is a fresh
 * worker_thread started on the step's clock, a whole V8 isolate, so it costs more to start than a
 * thread (handed to a pre-started one) and less than a process, as a subinterpreter does.
 */
export function interpreters(n: number, tasks: (i: number) => TaskSpec[]): WorkerSpec[] {
  return times(n, (i) => ({ host: 'interpreter', gil: 'own', tasks: tasks(i) }));
}

/** The modes of a lesson the request asks for, in catalogue order. */
export function chosenModes(experiment: Experiment, request: RunRequest): Mode[] {
  return chosenModesOf(experiment, request.modes);
}

/** Each lesson's program, by id: typed so that a lesson without a program fails to compile. */
export type Programs = Readonly<Record<ExperimentId, Program>>;

/** What a host hands the Lab: the course (for lookups and `listExperiments`), each lesson's program and its run-length estimate. */
export interface LabLessons {
  experiments: readonly Experiment[];
  programs: Programs;
  estimates: Estimates;
}
