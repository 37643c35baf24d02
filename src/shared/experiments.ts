/**
 * The shape of a lesson as every layer sees it: its id, what it asks, which modes it runs, its
 * defaults. Each lesson fills one in (src/lessons/<id>/lesson.ts); the course order and the
 * lookups are in src/lessons/catalogue.ts. Pure types, shared by the engine, the CLI and the UI.
 */

/**
 * Every lesson's id, in course order. The registries in src/lessons are `Record<ExperimentId, …>`,
 * so a lesson named here but missing a piece fails to compile.
 */
export const EXPERIMENT_IDS = [
  'cpu-bound',
  'io-bound',
  'scaling',
  'lost-update',
  'counter-race',
  'switch-interval',
  'convoy',
  'native-release',
  'free-threaded',
  'subinterpreters',
  'process-cost',
  'asyncio',
  'hybrid',
  'deadlock',
  'strategy',
] as const;
export type ExperimentId = (typeof EXPERIMENT_IDS)[number];

export const isExperimentId = (id: string): id is ExperimentId => (EXPERIMENT_IDS as readonly string[]).includes(id);

/**
 * How a step runs its workers. 'interpreters': one process, a subinterpreter per worker, each with
 * its own GIL (PEP 684). 'no-lock': threads of an interpreter with no lock at all, a broken one no
 * CPython build is (the lost update's first step; a free-threaded build keeps its counts exact).
 */
export const MODES = ['sequential', 'threads', 'processes', 'free-threaded', 'interpreters', 'native', 'asyncio', 'hybrid', 'no-lock'] as const;
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

/** One answer of the prediction prompt: a typed id the scoring compares, the words on screen, and a value to save. */
export interface Prediction<A extends string = string> {
  answer: A;
  label: string;
  value: number;
}

/** What a lesson needs of the machine's cores, for the advice shown before a run. */
export type CoreNeed =
  /** Its point is work running on several cores at once. */
  | 'parallel'
  /** Its point is two threads colliding at the same instant. */
  | 'collisions'
  | 'none';

/** The free-threaded builds a lesson can model: their single-thread price differs (see the free-threaded lesson). */
export const FREE_THREADED_BUILDS = ['3.13t', '3.14t'] as const;
export type FreeThreadedBuild = (typeof FREE_THREADED_BUILDS)[number];

/** The controls a lesson offers, with their meaning in that lesson. */
export interface ControlLabels {
  workers?: string;
  seconds?: string;
  switchMs?: string;
  /** Which free-threaded build is modelled (a choice of FREE_THREADED_BUILDS). */
  build?: string;
}

/** What a lesson's own Python needs of an interpreter beyond CPython 3.9; lesson data, so nothing compares lesson ids. */
export interface RealNeeds {
  /** The oldest CPython with what the code uses, and what that is ("concurrent.interpreters"). */
  since?: { version: readonly [number, number]; feature: string };
  /** It measures a build without the GIL. */
  freeThreadedBuild?: true;
}

export interface Experiment {
  id: ExperimentId;
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
  defaults: { workers: number; seconds: number; switchMs: number; build?: FreeThreadedBuild };
  /** Controls shown for this lesson, labelled for what they mean here. */
  controls: ControlLabels;
  chart: ChartKind;
  /** Whether the lock timeline shows who holds and waits for each lock (a lesson about a second lock). */
  showsLocks?: boolean;
  /** A mode's name where this lesson runs it differently from the usual (hybrid's asyncio has a process pool). */
  modeTitles?: Readonly<Partial<Record<Mode, string>>>;
  /** What running the lesson's own Python asks of the interpreter; absent: any CPython 3.9+. */
  realNeeds?: RealNeeds;
  /**
   * The lesson's own Python times a CPU baseline its speedups are taken against, which it can time
   * again around each step when asked (`baselineEachStep`); absent: nothing to time again (no
   * speedups, or a baseline that only waits, whose time the CPU's speed does not change).
   */
  retimesBaseline?: true;
  /** Step ids of the simulation that the lesson's own Python cannot measure (the lesson says why); absent: none. */
  realOmits?: readonly string[];
  cores: CoreNeed;
  metrics: readonly MetricColumn[];
  /** The prediction prompt and its answers; the lesson's explainer scores them against what was measured. */
  prompt: string;
  predictions: readonly Prediction[];
}


/** The lesson's modes a run takes: all of them, or those the request picked where the lesson lets it pick. */
export function chosenModes(experiment: Pick<Experiment, 'modes' | 'modesSelectable'>, picked: readonly Mode[] | undefined): Mode[] {
  return experiment.modes.filter((m) => !experiment.modesSelectable || !picked || picked.includes(m));
}
