/** Results as the engine reports them, for the explainer tests; not a test itself. */
import type { Experiment, Mode } from '../shared/experiments';
import type { ModeResult } from '../shared/results';
import { findExperiment } from './catalogue';

export const lesson = (id: string): Experiment => {
  const found = findExperiment(id);
  if (!found) throw new Error(`no lesson ${id}`);
  return found;
};

/** The id each lesson gives the step shown with this label (a step named after its mode has the mode as id). */
const STEP_IDS: Readonly<Record<string, string>> = {
  'no lock': 'no-lock',
  'with the GIL': 'gil',
  'under the GIL, no lock': 'gil',
  'with a threading.Lock': 'lock',
  'I/O alone': 'alone',
  'I/O beside a CPU thread': 'beside',
  'CPU work in a process': 'apart',
  '1 thread, no GIL': 'single-thread',
  'start threads': 'start-threads',
  'start processes': 'start-processes',
  '1 MB to a thread and back': 'trip-thread',
  '1 MB to a process and back': 'trip-process',
  'tiny tasks in sequence': 'tiny-in-turn',
  'tiny tasks, one message each': 'tiny-each',
  'tiny tasks, batched': 'tiny-batched',
  'waits one after another': 'waits-in-turn',
  'waits on one event loop': 'waits-on-loop',
  'CPU one after another': 'cpu-in-turn',
  'CPU as coroutines': 'cpu-on-loop',
  'callback deadlock': 'stuck',
  'GIL released around the lock': 'fixed',
  '1 task alone': 'alone',
};

function stepIdOf(step: string): string {
  const count = /^(\d+) (thread|process)(es|s)?$/.exec(step);
  if (count) return `${count[2] === 'thread' ? 'threads' : 'processes'}-${count[1]}`;
  const interval = /^([\d.]+) ms interval$/.exec(step);
  if (interval) return `interval-${interval[1]}`;
  return STEP_IDS[step] ?? step;
}

/** A result as the engine reports it; only what a test names differs from a quiet default. */
export function result(experiment: string, step: string, mode: Mode, over: Partial<ModeResult> = {}): ModeResult {
  return {
    runId: 'r',
    experiment,
    stepId: stepIdOf(step),
    step,
    mode,
    task: 'cpu',
    workers: 4,
    tasks: 4,
    taskSeconds: 1,
    switchMs: 5,
    wallMs: 1000,
    startupMs: 10,
    speedup: null,
    coresUsed: null,
    coresBusy: null,
    gilSwitches: 0,
    forcedSwitches: 0,
    holdMs: 0,
    waitMs: 0,
    ioMs: 0,
    violations: 0,
    perWorker: [],
    metrics: {},
    finishedAt: '',
    ...over,
  };
}

/** A prediction answer found by its typed id, as the page saves it (never by the words shown). */
export const choice = (experiment: Experiment, answer: string) => {
  const found = experiment.predictions.find((p) => p.answer === answer);
  if (!found) throw new Error(`${experiment.id} has no answer ${answer}; it has ${experiment.predictions.map((p) => p.answer).join(', ')}`);
  return found;
};
