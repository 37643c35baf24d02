/**
 * How long a run will take, worked out before it starts from what each lesson's program runs
 * (src/main/lab/programs): its steps, how many tasks each runs, and which of them can overlap.
 * Threads under the GIL take turns, so their CPU work adds up; processes, native code and
 * free-threaded threads share the cores; waits overlap. A run is refused when the estimate passes
 * MAX_RUN_SECONDS, so a typo like 16 workers x 30 s cannot tie up a workshop laptop for 15 minutes.
 *
 * It is an estimate for a quiet machine, not a promise: good to a factor well under 2, which is
 * all a 10-minute cap needs.
 */
import type { Experiment, Mode } from './experiments';
import { LIMITS } from './limits';

/** Longest run the lab starts. */
export const MAX_RUN_SECONDS = 600;

/** What the estimate reads from a run request. */
export interface EstimateRequest {
  workers: number;
  seconds: number;
  switchMs: number;
  modes?: readonly Mode[] | undefined;
}

export interface RunEstimate {
  /** Whole run, calibration and every step's start-up included. */
  seconds: number;
  /** The steps the estimate counted, with their length, in run order. */
  steps: { label: string; seconds: number }[];
}

/** Calibration (400 ms) and the first worker's start. */
const CALIBRATION_S = 0.6;
/** Every step: starting its workers and waiting for the core sample that covers its end. */
const STEP_S = 0.5;
/** Starting one worker process; several start at once, one per core. */
const PROCESS_START_S = 0.2;
/** One reference-count increment (Atomics load and store), with room for contention. */
const INCREMENT_S = 1e-7;
/** A threading.Lock around each increment: a compare-and-swap and a wake-up more (measured about 7x). */
const COUNTER_LOCK_FACTOR = 8;
/** One message to a pool process and its answer. */
const MESSAGE_S = 1.5e-4;
/** The deadlock lesson: the watchdog confirms a cycle in under a second; its fix ends sooner. */
const DEADLOCK_STEP_S = 1;
/** Mirrors of the programs' own constants (kept beside them would mean importing the engine). */
const TINY_TASKS = 20_000;
const PIPELINE_ITEMS_PER_THREAD = 4;
const ASYNCIO_CPU_TASKS = 4;
const CONVOY_CPU_SHARE = 1.05;
const ROUND_TRIPS_S = 1;
/** A hybrid item's fetch and store beside its computation (0.6 + 0.4 of it). */
const PIPELINE_SHARES = 1;
/** The strategy lesson's first bandwidth measurement: a few copies of 64 MB arrays. */
const STREAM_PROBE_S = 0.2;

interface Shape {
  n: number;
  s: number;
  cores: number;
}

/** k tasks of s seconds that can run at once, on `cores` cores. */
const spread = (k: number, s: number, cores: number): number => s * Math.max(1, k / cores);
const processStart = (k: number, cores: number): number => PROCESS_START_S * Math.ceil(k / cores);

/** The modes of a lesson a request asks for, in catalogue order (as the engine chooses them). */
export function modesToRun(experiment: Experiment, request: EstimateRequest): Mode[] {
  return experiment.modes.filter((m) => !experiment.modesSelectable || !request.modes || request.modes.includes(m));
}

/** n tasks of s seconds run one way; what the basic lessons and the strategy's quick runs do. */
function basicStep(mode: Mode, io: boolean, { n, s, cores }: Shape): number {
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

/** 1, 2, 4 … below `most`, then `most` (the scaling lesson's worker counts). */
function workerCounts(most: number): number[] {
  const counts: number[] = [];
  for (let k = 1; k < most; k *= 2) counts.push(k);
  counts.push(most);
  return counts;
}

/** The switch-interval lesson's intervals: a fifth, the chosen one and four times it, clamped. */
function intervalCount(switchMs: number): number {
  const clamp = (ms: number): number => Math.min(LIMITS.switchMs.max, Math.max(LIMITS.switchMs.min, Math.round(ms * 100) / 100));
  return new Set([clamp(switchMs / 5), clamp(switchMs), clamp(switchMs * 4)]).size;
}

/** One pipeline item: fetch (0.6 s per s), CPU (s), store (0.4 s per s). */
function hybridSteps(modes: readonly Mode[], { n, s, cores }: Shape): [string, number][] {
  const items = n * PIPELINE_ITEMS_PER_THREAD;
  const pool = Math.max(1, Math.min(n, cores));
  const perThread = Math.ceil(items / n);
  const cost: Partial<Record<Mode, number>> = {
    sequential: items * 2 * s,
    threads: Math.max(perThread * 2 * s, items * s),
    processes: processStart(pool, cores) + Math.ceil(items / pool) * 2 * s,
    hybrid: processStart(pool, cores) + Math.max(perThread * 2 * s, (items * s) / pool),
    // One event loop with every item in flight: the pool is all that queues.
    asyncio: processStart(pool, cores) + Math.max(2 * s, (items * s) / pool),
  };
  return modes.map((m) => [m, cost[m] ?? items * 2 * s]);
}

/**
 * The strategy lesson, as its program runs it: each workload in sequence and then by each strategy
 * (the same n tasks of s seconds), and before the memory-bound row the bandwidth measured with
 * 1, 2, 4… workers (the first a short probe). Mirrors src/lessons/strategy/program.ts.
 */
function strategySteps(shape: Shape): [string, number][] {
  const { n, s, cores } = shape;
  const pool = Math.max(1, Math.min(n, cores));
  const item = (1 + PIPELINE_SHARES) * s;
  const pooled = processStart(pool, cores) + Math.max(item, (n * s) / pool);
  const rows: [string, [string, number][]][] = [
    ['CPU-heavy', [['in sequence', n * s], ['threads', n * s], ['processes', basicStep('processes', false, shape)], ['asyncio', n * s]]],
    ['I/O-heavy', [['in sequence', n * s], ['threads', s], ['processes', basicStep('processes', true, shape)], ['asyncio', s]]],
    ['Hybrid', [['in sequence', n * item], ['threads', Math.max(item, n * s)], ['processes', processStart(pool, cores) + Math.ceil(n / pool) * item], ['threads + process pool', pooled], ['asyncio + process pool', pooled]]],
    ['GPU-bound', [['in sequence', n * s], ['threads', s], ['processes', basicStep('processes', true, shape)]]],
    ['Memory-bound', [['in sequence', n * s], ['threads', spread(n, s, cores)], ['processes', basicStep('processes', false, shape)]]],
  ];
  const sweep = workerCounts(Math.max(1, Math.min(n, cores))).map((k): [string, number] => [`memory bandwidth · ${k === 1 ? '1 worker' : `${k} workers`}`, k === 1 ? STREAM_PROBE_S : s]);
  return rows.flatMap(([workload, cells]) => [...(workload === 'Memory-bound' ? sweep : []), ...cells.map(([how, t]): [string, number] => [`${workload} · ${how}`, t])]);
}

function stepsOf(experiment: Experiment, request: EstimateRequest, cores: number): [string, number][] {
  const shape: Shape = { n: request.workers, s: request.seconds, cores: Math.max(1, Math.floor(cores)) };
  const { n, s } = shape;
  const modes = modesToRun(experiment, request);
  switch (experiment.id) {
    case 'scaling': {
      const steps: [string, number][] = [['1 task alone', s]];
      for (const mode of modes) {
        for (const k of workerCounts(n)) steps.push([`${mode} × ${k}`, mode === 'processes' ? processStart(k, shape.cores) + spread(k, s, shape.cores) : k * s]);
      }
      return steps;
    }
    case 'lost-update': {
      const one = Math.max(1_000, Math.round(s * 1_000_000)) * INCREMENT_S;
      return [
        ['no lock', spread(n, one, shape.cores)],
        ['with the GIL', n * one],
      ];
    }
    case 'counter-race': {
      const one = Math.max(1_000, Math.round(s * 1_000_000)) * INCREMENT_S;
      return [
        ['under the GIL, no lock', n * one],
        ['with a threading.Lock', COUNTER_LOCK_FACTOR * n * one],
      ];
    }
    case 'switch-interval':
      return Array.from({ length: intervalCount(request.switchMs) }, (_, i): [string, number] => [`interval ${i + 1}`, n * s]);
    case 'convoy':
      return [
        ['I/O alone', s],
        ['I/O beside a CPU thread', CONVOY_CPU_SHARE * s],
        ['CPU work in a process', PROCESS_START_S + CONVOY_CPU_SHARE * s],
      ];
    case 'deadlock':
      return [
        ['callback deadlock', DEADLOCK_STEP_S],
        ['GIL released around the lock', DEADLOCK_STEP_S],
      ];
    case 'process-cost':
      return [
        ['start threads', 0],
        ['start processes', processStart(n, shape.cores)],
        ['round trips', ROUND_TRIPS_S],
        ['tiny tasks in sequence', s],
        ['tiny tasks, one message each', processStart(n, shape.cores) + spread(n, s / n, shape.cores) + TINY_TASKS * MESSAGE_S],
        ['tiny tasks, batched', processStart(n, shape.cores) + spread(n, s / n, shape.cores)],
      ];
    case 'asyncio': {
      const k = Math.min(n, ASYNCIO_CPU_TASKS);
      return [
        ['waits one after another', n * s],
        ['waits on one event loop', s],
        ['CPU one after another', k * s],
        ['CPU as coroutines', k * s],
      ];
    }
    case 'hybrid':
      return hybridSteps(modes, shape);
    case 'strategy':
      return strategySteps(shape);
    default: {
      const io = experiment.task === 'io';
      const steps = modes.map((m): [string, number] => [m, basicStep(m, io, shape)]);
      if (experiment.id === 'free-threaded' && modes.includes('free-threaded')) steps.push(['1 thread, no GIL', s]);
      return steps;
    }
  }
}

/** The estimated length of a run of `experiment` with `request` on a machine with `cores`. */
export function estimateRun(experiment: Experiment, request: EstimateRequest, cores: number): RunEstimate {
  const steps = stepsOf(experiment, request, cores).map(([label, seconds]) => ({ label, seconds: seconds + STEP_S }));
  return { seconds: CALIBRATION_S + steps.reduce((sum, step) => sum + step.seconds, 0), steps };
}

/** "3 min 20 s", "45 s". */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const m = Math.floor(whole / 60);
  const s = whole % 60;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

/** Why a run is refused for its length, as one sentence; null when it may start. */
export function runTooLong(experiment: Experiment, request: EstimateRequest, cores: number): string | null {
  const estimate = estimateRun(experiment, request, cores);
  if (estimate.seconds <= MAX_RUN_SECONDS) return null;
  return (
    `this run would take about ${formatDuration(estimate.seconds)} (${experiment.id} with ${request.workers} worker(s) of ${request.seconds} s), ` +
    `more than the ${formatDuration(MAX_RUN_SECONDS)} a run may last; use fewer workers or shorter tasks`
  );
}
