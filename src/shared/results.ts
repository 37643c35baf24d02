/**
 * Shapes the engine produces: machine facts, live samples, timeline batches and run results.
 * Plain data, so they cross IPC, a WebSocket or `--json` unchanged.
 */
import type { Mode, TaskKind } from './experiments';
import type { WorkerState } from './gil-layout';
import type { OsTiming } from './os-timing';
import type { PythonRun, RealThreadState } from './python-schemas';
import type { RawWorkerStats } from './worker-protocol';

export interface MachineInfo {
  cpuModel: string;
  logicalCores: number;
  physicalCores: number;
  /** Performance / efficiency cores where systeminformation reports them (Apple Silicon). */
  performanceCores: number | null;
  efficiencyCores: number | null;
  os: string;
  arch: string;
  totalMemoryBytes: number;
}

/** One reading of the per-core monitor: load of each logical core over the last interval. */
export interface CoreSample {
  /** Epoch milliseconds when the reading was taken. */
  t: number;
  /** 0..100 per logical core. */
  loads: number[];
}

/** A stretch of time one worker spent in one state; times are ms since its mode started. */
export interface TimelineSegment {
  worker: number;
  /** A simulated worker's GIL state, or for a real CPython thread only that it ran (see python-schemas). */
  state: WorkerState | RealThreadState;
  start: number;
  end: number;
}

/** What one worker did during a step: its number, then the worker's own statistics. */
export interface WorkerStats extends RawWorkerStats {
  worker: number;
}

/**
 * How multiprocessing starts a process (`multiprocessing.set_start_method`): 'spawn' runs a fresh
 * interpreter that imports the program (the default on macOS and Windows), 'fork' copies the parent
 * (Linux's default up to 3.13), 'forkserver' forks a clean server process (Linux's from 3.14).
 */
export type StartMethod = 'spawn' | 'fork' | 'forkserver';

/**
 * A lesson's findings that are choices rather than numbers, typed so that nothing compares codes.
 * Each lesson's program sets the ones it finds; its explainer reads them.
 */
export interface Findings {
  /** How many increments went missing (the lost update). */
  lost?: 'none' | 'a few' | 'many';
  /** How the step ended (the deadlock). */
  outcome?: 'finished' | 'finished slowly' | 'deadlocked';
  /** The mode that finished first: of the run (hybrid), or of this step's workload (strategy). */
  winner?: Mode;
  /**
   * Whether the holds kept to the switch interval: honoured, missed, or missed because the machine
   * had no core free to run the waiting threads on time (switch interval); on real CPython, 'woken
   * late' when the OS's own measured delays (`osTiming`) account for the longer turns.
   */
  interval?: 'honoured' | 'missed' | 'too busy' | 'woken late';
  /** The start method the step's processes stand for (process-cost). */
  startMethod?: StartMethod;
}

/**
 * A step as a lesson names it: the id code finds it by (each lesson types its own ids, e.g.
 * "threads-8", "start-processes") and the label shown. Labels may change; ids do not.
 */
export interface StepName<Id extends string = string> {
  id: Id;
  label: string;
}

/** One step of one experiment (a mode, at some size or setting), measured. */
export interface ModeResult {
  runId: string;
  experiment: string;
  /** Which step this is, as the lesson names it in code ("threads", "threads-8", "beside"); never shown. */
  stepId: string;
  /** What this step ran, as shown, e.g. "threads", "8 processes", "5 ms interval", "I/O beside a CPU thread". */
  step: string;
  mode: Mode;
  task: TaskKind;
  workers: number;
  tasks: number;
  taskSeconds: number;
  switchMs: number;
  /** From the moment every worker was ready to the moment the last finished. */
  wallMs: number;
  /** From spawning the workers to all of them being ready (interpreter start-up). */
  startupMs: number;
  /** Sequential wall time of the same tasks / this wall time; null without a baseline. */
  speedup: number | null;
  /**
   * Cores the step itself used: its workers' CPU time over its wall time. Other programs cannot
   * raise it, so it is the figure the lesson is about (threads under the GIL stay near 1). null
   * where the step's work was not done by workers the lab can time (start-up, message steps).
   */
  coresUsed: number | null;
  /**
   * The machine's cores busy: mean over the step of sum(per-core load)/100, what the lanes show,
   * other programs included; null if no sample fell inside the step.
   */
  coresBusy: number | null;
  /** GIL acquisitions by a worker other than the previous holder, summed over interpreters. */
  gilSwitches: number;
  forcedSwitches: number;
  holdMs: number;
  waitMs: number;
  ioMs: number;
  /** Times two workers were seen holding one GIL at once. Always 0 for a correct lock. */
  violations: number;
  perWorker: WorkerStats[];
  /** The experiment's own figures, keyed as its `metrics` columns in the catalogue. */
  metrics: Record<string, number | null>;
  /** The experiment's findings that are choices, not numbers. */
  findings?: Findings;
  /** A deadlock found during this step: who waits for what, in order round the cycle. */
  cycle?: string[];
  finishedAt: string;
  /** Who produced these figures: the simulation (the default when absent) or a real interpreter. */
  engine?: 'lab' | 'cpython';
  /** For CPython runs: the interpreter that ran the lesson's own code. */
  python?: PythonRun;
  /** For a real switch-interval step: what the OS kept of the interval meanwhile (shared/os-timing.ts). */
  osTiming?: OsTiming;
}

/**
 * Events of a run, streamed while it goes. An event about a step names it by `stepId` (what the
 * page finds it by) and `step` (its label, only ever shown).
 */
export type RunEvent =
  | { type: 'run-started'; runId: string; experiment: string; modes: Mode[]; steps: StepName[]; workers: number }
  | { type: 'calibrating'; runId: string }
  /** `spawnToGoMs`: timeline times count from spawning; the start signal came this much later. */
  | { type: 'mode-started'; runId: string; stepId: string; step: string; mode: Mode; workers: number; workerLabels: string[]; startedAt: number; spawnToGoMs: number;
      /** Set on a step of the lesson's own code on real CPython: the interpreter that runs it. */
      python?: PythonRun;
    }
  | { type: 'timeline'; runId: string; stepId: string; step: string; mode: Mode; segments: TimelineSegment[] }
  | { type: 'mode-finished'; runId: string; result: ModeResult }
  | { type: 'run-finished'; runId: string; results: ModeResult[] }
  | { type: 'run-cancelled'; runId: string }
  | { type: 'run-failed'; runId: string; message: string };
