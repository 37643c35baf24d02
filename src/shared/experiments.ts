/**
 * The experiment catalogue: what each lesson asks, which modes it runs and its defaults. Pure
 * data, shared by the engine (what to run), the CLI (`lab list`) and the renderer (the lessons).
 */

import { cpuBound, ioBound, scaling } from './lessons/basics';
import { convoy, deadlock, lostUpdate, switchInterval } from './lessons/the-lock';
import { asyncio, freeThreaded, hybrid, nativeRelease, processCost, strategy } from './lessons/ways-out';

/** How a step runs its workers. */
export const MODES = ['sequential', 'threads', 'processes', 'free-threaded', 'native', 'asyncio', 'hybrid'] as const;
export type Mode = (typeof MODES)[number];

/** What one task does. */
export const TASK_KINDS = ['cpu', 'io', 'mixed'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** How the results of a lesson are drawn. */
export type ChartKind = 'speedup' | 'scaling' | 'counts' | 'interval' | 'latency' | 'costs' | 'deadlock' | 'strategy';

/** An experiment-specific figure, shown as a column of the results table. */
export interface MetricColumn {
  key: string;
  label: string;
  unit?: string;
  digits: number;
}

/** One answer of the prediction prompt. */
export interface Prediction {
  label: string;
  value: number;
}

/** Which measured figure a prediction is compared with afterwards. */
export type PredictedFigure = { step: string; figure: 'speedup' } | { step: string; figure: 'metric'; key: string };

/** The controls a lesson offers, with their meaning in that lesson. */
export interface ControlLabels {
  workers?: string;
  seconds?: string;
  switchMs?: string;
}

export interface Experiment {
  id: string;
  title: string;
  /** A title short enough for the lesson list and tabs. */
  short: string;
  /** The one-line question in the lesson list. */
  question: string;
  /** A short explanation shown before the run. */
  explanation: string;
  /** Equivalent Python of what the lab simulates (lines of at most 60 characters). */
  python: string;
  task: TaskKind;
  /** Modes the user may tick; a lesson with one fixed set of steps lists them all. */
  modes: readonly Mode[];
  /** Whether the modes can be unticked (false: the lesson runs all its steps). */
  modesSelectable: boolean;
  defaults: { workers: number; seconds: number; switchMs: number };
  /** Controls shown for this lesson, labelled for what they mean here. */
  controls: ControlLabels;
  chart: ChartKind;
  metrics: readonly MetricColumn[];
  /** The prediction prompt, its answers, and the figure it is checked against. */
  prompt: string;
  predictions: readonly Prediction[];
  predicted: PredictedFigure;
}

/** The course, in order: each lesson builds on the ones before it. */
export const EXPERIMENTS: readonly Experiment[] = [
  cpuBound,
  ioBound,
  scaling,
  lostUpdate,
  switchInterval,
  convoy,
  nativeRelease,
  freeThreaded,
  processCost,
  asyncio,
  hybrid,
  deadlock,
  strategy,
];

/** The experiment with this id, or undefined. */
export function findExperiment(id: string): Experiment | undefined {
  return EXPERIMENTS.find((e) => e.id === id);
}

export const EXPERIMENT_IDS = EXPERIMENTS.map((e) => e.id);
