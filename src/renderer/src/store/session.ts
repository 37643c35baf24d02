/**
 * What the session remembers about runs: the phase of the current one (for the status line and
 * the buttons) and every result measured since the page opened (for the table and the charts).
 * A pure reducer over the engine's RunEvents, so it can be reasoned about without a host.
 */
import type { Mode, Prediction } from '../../../shared/experiments';
import type { ModeResult, RunEvent, StepName } from '../../../shared/results';
import { withSpeedupAround } from '../../../shared/side-by-side';

/** Where the current run stands, as the status line and the buttons need it. */
export type RunPhase = 'idle' | 'starting' | 'calibrating' | 'running' | 'finished' | 'cancelled' | 'failed';

/** One run of the session. */
export interface RunRecord {
  runId: string;
  /** 1-based, in the order the runs started. */
  number: number;
  experiment: string;
  workers: number;
  modes: Mode[];
  /** The planned steps, in order. */
  steps: StepName[];
  /** The answer the user chose before pressing Run, if they did. */
  prediction: Prediction | null;
  outcome: 'running' | 'finished' | 'cancelled' | 'failed';
}

/** The run in progress (or last) and everything measured this session. */
export interface SessionState {
  phase: RunPhase;
  runId: string | null;
  /** Step running now (its id, and the label shown), and when this page learnt it started (local clock, for elapsed time). */
  stepId: string | null;
  step: string | null;
  mode: Mode | null;
  stepSince: number | null;
  runSince: number | null;
  /** Wall time of the whole run once it ended (local clock). */
  runMs: number | null;
  failure: string | null;
  runs: RunRecord[];
  results: ModeResult[];
}

/** Engine events plus the page's own moments the engine cannot report (a refused start, a lost host). */
export type SessionAction =
  | { type: 'starting' }
  | { type: 'start-refused' }
  /** The pipe to the engine is gone: a run in progress can no longer report, so it ends here. */
  | { type: 'host-lost'; now: number; message: string }
  | { type: 'event'; event: RunEvent; now: number; prediction: Prediction | null };

/** A fresh page: nothing run yet. */
export const initialSession: SessionState = {
  phase: 'idle',
  runId: null,
  stepId: null,
  step: null,
  mode: null,
  stepSince: null,
  runSince: null,
  runMs: null,
  failure: null,
  runs: [],
  results: [],
};

/** Results kept for the table; the oldest go first (each run is also capped by the archive). */
export const MAX_RESULTS = 600;

/** True while a run occupies the engine (Run is disabled, Cancel shown). */
export function isBusy(phase: RunPhase): boolean {
  return phase === 'starting' || phase === 'calibrating' || phase === 'running';
}

/**
 * Which result of the session a result is: its run, its step's id, and its mode (the strategy
 * reports one step, a workload, once per mode it tried).
 */
export type ResultRef = Pick<ModeResult, 'runId' | 'stepId' | 'mode'>;
export const sameResult = (a: ResultRef, b: ResultRef): boolean => a.runId === b.runId && a.stepId === b.stepId && a.mode === b.mode;

/** The next session state; pure, so the UI's view of a run can be tested without a host. */
export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case 'starting':
      return { ...state, phase: 'starting', failure: null };
    case 'start-refused':
      return state.phase === 'starting' ? { ...state, phase: state.runId ? 'finished' : 'idle' } : state;
    case 'host-lost':
      return isBusy(state.phase) ? end(state, 'failed', action.now, action.message) : state;
    case 'event':
      return applyEvent(state, action.event, action.now, action.prediction);
  }
}

function applyEvent(state: SessionState, event: RunEvent, now: number, prediction: Prediction | null): SessionState {
  if (event.type === 'run-started') {
    const record: RunRecord = {
      runId: event.runId,
      number: (state.runs[state.runs.length - 1]?.number ?? 0) + 1,
      experiment: event.experiment,
      workers: event.workers,
      modes: event.modes,
      steps: event.steps ?? [],
      prediction,
      outcome: 'running',
    };
    return {
      ...state,
      phase: 'running',
      runId: event.runId,
      stepId: null,
      step: null,
      mode: null,
      stepSince: null,
      runSince: now,
      runMs: null,
      failure: null,
      runs: [...state.runs.filter((r) => r.runId !== event.runId), record],
    };
  }
  // Events of an older run (a late timeline batch) must not disturb the current one.
  if (state.runId !== null && event.runId !== state.runId) return state;
  switch (event.type) {
    case 'calibrating':
      return { ...state, phase: 'calibrating' };
    case 'mode-started':
      return { ...state, phase: 'running', stepId: event.stepId, step: event.step, mode: event.mode, stepSince: now };
    case 'timeline':
      return state;
    case 'mode-finished':
      return { ...state, results: addResults(state.results, [event.result]) };
    case 'run-finished':
      return end({ ...state, results: addResults(state.results, event.results) }, 'finished', now, null);
    case 'run-cancelled':
      return end(state, 'cancelled', now, null);
    case 'run-failed':
      return end(state, 'failed', now, event.message);
  }
}

function end(state: SessionState, outcome: 'finished' | 'cancelled' | 'failed', now: number, failure: string | null): SessionState {
  return {
    ...state,
    phase: outcome,
    stepId: null,
    step: null,
    mode: null,
    stepSince: null,
    runMs: state.runSince !== null ? now - state.runSince : null,
    failure,
    runs: state.runs.map((r) => (r.runId === state.runId ? { ...r, outcome } : r)),
  };
}

/** Appends results not seen yet (mode-finished and run-finished both carry them). */
function addResults(results: ModeResult[], incoming: readonly ModeResult[]): ModeResult[] {
  // A few dozen arrive at a time against a capped list: a scan needs no index to keep in step.
  const fresh = incoming.filter((r) => !results.some((seen) => sameResult(seen, r))).map(withSpeedupAround);
  if (fresh.length === 0) return results;
  const all = [...results, ...fresh];
  return all.length > MAX_RESULTS ? all.slice(all.length - MAX_RESULTS) : all;
}

/** The results of one run, in the order they were measured. */
export function runResults(results: readonly ModeResult[], runId: string | null): ModeResult[] {
  return runId === null ? [] : results.filter((r) => r.runId === runId);
}
