/**
 * Builders for the store's tests (lab-reducer, selectors, timeline-tabs, lab-store): a fresh
 * state over the built-in course, a measured result, and a run's events.
 */
import { type Mode } from '../../../shared/experiments';
import { EXPERIMENTS } from '../../../lessons/catalogue';
import type { ModeResult, RunEvent } from '../../../shared/results';
import { labReducer, type LabAction } from './lab-reducer';
import { initialLabState, type LabState } from './lab-state';
import { emptyProgress } from './progress';

/** A page that has heard nothing from the host yet, on the first lesson. */
export const freshState = (): LabState =>
  initialLabState({ experiments: EXPERIMENTS, connection: 'open', pageCores: 4, desktop: false, theme: 'dark', progress: emptyProgress });

/** The state after `actions`, one after the other. */
export const after = (state: LabState, ...actions: LabAction[]): LabState => actions.reduce(labReducer, state);

export const result = (runId: string, step: string, mode: Mode, experiment = 'cpu-bound'): ModeResult => ({
  runId,
  experiment,
  stepId: step,
  step,
  mode,
  task: 'cpu',
  workers: 4,
  tasks: 4,
  taskSeconds: 1,
  switchMs: 5,
  wallMs: 4000,
  startupMs: 10,
  speedup: 1,
  coresUsed: null,
  coresBusy: 1,
  gilSwitches: 10,
  forcedSwitches: 5,
  holdMs: 4000,
  waitMs: 12000,
  ioMs: 0,
  violations: 0,
  perWorker: [],
  metrics: {},
  finishedAt: '',
});

/** Engine events of run `runId` of `experiment`, as run-event actions. */
export const run = (runId: string, experiment = 'cpu-bound') => ({
  /** Steps by id; each is labelled with its id unless `labels` says otherwise. */
  started: (steps: string[] = ['sequential', 'threads'], labels: Record<string, string> = {}): LabAction => ({
    type: 'run-event',
    now: 0,
    event: { type: 'run-started', runId, experiment, modes: ['sequential', 'threads'], steps: steps.map((id) => ({ id, label: labels[id] ?? id })), workers: 4 },
  }),
  step: (stepId: string, mode: Mode, label = stepId): LabAction => ({
    type: 'run-event',
    now: 10,
    event: { type: 'mode-started', runId, stepId, step: label, mode, workers: 4, workerLabels: [], startedAt: 0, spawnToGoMs: 1 },
  }),
  finished: (results: ModeResult[] = [result(runId, 'sequential', 'sequential', experiment)]): LabAction => ({ type: 'run-event', now: 20, event: { type: 'run-finished', runId, results } }),
  event: (event: RunEvent): LabAction => ({ type: 'run-event', now: 30, event }),
});
