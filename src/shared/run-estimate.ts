/**
 * How long a run will take, worked out before it starts from what its lesson's program runs. Each
 * lesson says what its steps cost (src/lessons/<id>/estimate.ts, a `LessonEstimate`); this file
 * holds what every lesson's estimate shares: how tasks of each mode overlap, the start-up a step
 * and a process pay, and the cap. Threads under the GIL take turns, so their CPU work adds up;
 * processes, native code and free-threaded threads share the cores; waits overlap. A run is
 * refused when the estimate passes MAX_RUN_SECONDS, so a typo like 16 workers x 30 s cannot tie up
 * a workshop laptop for 15 minutes.
 *
 * It is an estimate for a quiet machine, not a promise: good to a factor well under 2, which is
 * all a 10-minute cap needs.
 */
import { chosenModes, type Experiment, type ExperimentId, type Mode } from './experiments';
import { durationText } from './format';
import type { EngineChoice } from './python-schemas';
import { realStepId } from './side-by-side';

/** Longest run the lab starts. */
export const MAX_RUN_SECONDS = 600;

/** What the estimate reads from a run request. */
export interface EstimateRequest {
  workers: number;
  seconds: number;
  switchMs: number;
  modes?: readonly Mode[] | undefined;
  /** Which engines run it; absent: the simulation alone. */
  engine?: EngineChoice | undefined;
  /** Real CPython times its baseline again after each step (counted as the run's first step, once per later step: an upper bound). */
  baselineEachStep?: boolean | undefined;
}

/** What a lesson's estimate is given: the request's figures, the modes that will run, the machine. */
export interface EstimateShape {
  /** Workers asked for. */
  n: number;
  /** Seconds of work per task. */
  s: number;
  /** Whole cores, at least one. */
  cores: number;
  /** The modes the run will go through, in the lesson's order. */
  modes: readonly Mode[];
  switchMs: number;
}

/** One step's length, named by the step id its program gives it. */
export interface StepEstimate<Id extends string = string> {
  id: Id;
  seconds: number;
}

/** A lesson's steps in run order, each with the seconds its work takes (start-up is added by estimateRun). */
export type LessonEstimate = (shape: EstimateShape) => StepEstimate[];

/** Every lesson's estimate, by id: typed so a lesson without one fails to compile. */
export type Estimates = Readonly<Record<ExperimentId, LessonEstimate>>;

export interface RunEstimate {
  /** Whole run, calibration and every step's start-up included. */
  seconds: number;
  /** The steps the estimate counted, with their length, in run order. */
  steps: StepEstimate[];
}

/** Calibration (400 ms) and the first worker's start. */
const CALIBRATION_S = 0.6;
/** Every step: starting its workers and waiting for the core sample that covers its end. */
const STEP_S = 0.5;
/**
 * A real phase's own start: the interpreter starts, imports the lesson's code and calibrates its
 * sizes (about a second here). Its steps are the simulation's steps, of the same sizes.
 */
const REAL_START_S = 2;
/** Starting one worker process; several start at once, one per core. */
export const PROCESS_START_S = 0.2;

/** One increment of a shared count (Atomics load and store), with room for contention. */
export const INCREMENT_S = 1e-7;

/** k tasks of s seconds that can run at once, on `cores` cores. */
export const spread = (k: number, s: number, cores: number): number => s * Math.max(1, k / cores);
/** Starting k processes, one per core at a time. */
export const processStart = (k: number, cores: number): number => PROCESS_START_S * Math.ceil(k / cores);

/** A lesson whose steps are fixed, one length each: typed by its step ids, so none is left out. */
export const perStep = <Id extends string>(seconds: Readonly<Record<Id, number>>): StepEstimate<Id>[] =>
  (Object.keys(seconds) as Id[]).map((id) => ({ id, seconds: seconds[id] }));

/** n tasks of s seconds run one way, CPU work or waits: what a mode does with them. */
export function modeSeconds(mode: Mode, io: boolean, { n, s, cores }: Pick<EstimateShape, 'n' | 's' | 'cores'>): number {
  switch (mode) {
    case 'sequential':
      return n * s;
    case 'processes':
      return processStart(n, cores) + (io ? s : spread(n, s, cores));
    case 'native':
    case 'free-threaded':
    case 'no-lock':
      return io ? s : spread(n, s, cores);
    case 'interpreters':
      // A worker_thread per interpreter, started together, each with a GIL of its own.
      return PROCESS_START_S + (io ? s : spread(n, s, cores));
    case 'asyncio':
      return io ? s : n * s;
    case 'hybrid':
      return io ? s : spread(n, s, Math.min(n, cores));
    default:
      // Threads under one GIL: CPU work takes turns, waits overlap.
      return io ? s : n * s;
  }
}

/** The estimated length of a run of `experiment` with `request` on a machine with `cores`, by its lesson's `estimate`. */
export function estimateRun(experiment: Experiment, request: EstimateRequest, cores: number, estimate: LessonEstimate): RunEstimate {
  const shape: EstimateShape = {
    n: request.workers,
    s: request.seconds,
    cores: Math.max(1, Math.floor(cores)),
    modes: chosenModes(experiment, request.modes),
    switchMs: request.switchMs,
  };
  const planned = estimate(shape).map(({ id, seconds }) => ({ id, seconds: seconds + STEP_S }));
  const engine = request.engine ?? 'lab';
  const simulated = engine === 'cpython' ? [] : planned;
  const real = engine === 'lab' ? [] : planned.map((step) => ({ ...step, id: realStepId(step.id) }));
  const starts = (simulated.length > 0 ? CALIBRATION_S : 0) + (real.length > 0 ? REAL_START_S : 0);
  const steps = [...simulated, ...real];
  const again = request.baselineEachStep && real.length > 1 ? (real.length - 1) * (real[0]?.seconds ?? 0) : 0;
  return { seconds: starts + again + steps.reduce((sum, step) => sum + step.seconds, 0), steps };
}


/** Why a run is refused for its length, as one sentence; null when it may start. */
export function runTooLong(experiment: Experiment, request: EstimateRequest, cores: number, estimate: LessonEstimate): string | null {
  const { seconds } = estimateRun(experiment, request, cores, estimate);
  if (seconds <= MAX_RUN_SECONDS) return null;
  return (
    `this run would take about ${durationText(seconds)} (${experiment.id} with ${request.workers} worker(s) of ${request.seconds} s), ` +
    `more than the ${durationText(MAX_RUN_SECONDS)} a run may last; use fewer workers or shorter tasks`
  );
}
