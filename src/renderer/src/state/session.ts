/**
 * What the session remembers about runs: the phase of the current one (for the status line and
 * the buttons) and every result measured since the page opened (for the table and the chart).
 * A pure reducer over the engine's RunEvents, so it can be reasoned about without a host.
 */
import type { Mode } from '../../../shared/experiments';
import type { ModeResult, RunEvent } from '../../../shared/results';

/** Where the current run stands, as the status line and the buttons need it. */
export type RunPhase = 'idle' | 'starting' | 'calibrating' | 'running' | 'finished' | 'cancelled' | 'failed';

/** One run of the session, as the results chart groups them. */
export interface RunRecord {
  runId: string;
  /** 1-based, in the order the runs started. */
  number: number;
  experiment: string;
  workers: number;
  modes: Mode[];
  /** The threaded speedup the user predicted before pressing Run, if they did. */
  prediction: number | null;
  outcome: 'running' | 'finished' | 'cancelled' | 'failed';
}

/** The run in progress (or last) and everything measured this session. */
export interface SessionState {
  phase: RunPhase;
  runId: string | null;
  /** Mode running now, and when this page learnt it started (local clock, for elapsed time). */
  mode: Mode | null;
  modeSince: number | null;
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
  | { type: 'event'; event: RunEvent; now: number; prediction: number | null };

/** A fresh page: nothing run yet. */
export const initialSession: SessionState = {
  phase: 'idle',
  runId: null,
  mode: null,
  modeSince: null,
  runSince: null,
  runMs: null,
  failure: null,
  runs: [],
  results: [],
};

/** True while a run occupies the engine (Run is disabled, Cancel shown). */
export function isBusy(phase: RunPhase): boolean {
  return phase === 'starting' || phase === 'calibrating' || phase === 'running';
}

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

function applyEvent(state: SessionState, event: RunEvent, now: number, prediction: number | null): SessionState {
  if (event.type === 'run-started') {
    const record: RunRecord = {
      runId: event.runId,
      number: state.runs.length + 1,
      experiment: event.experiment,
      workers: event.workers,
      modes: event.modes,
      prediction,
      outcome: 'running',
    };
    return {
      ...state,
      phase: 'running',
      runId: event.runId,
      mode: null,
      modeSince: null,
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
      return { ...state, phase: 'running', mode: event.mode, modeSince: now };
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
    mode: null,
    modeSince: null,
    runMs: state.runSince !== null ? now - state.runSince : null,
    failure,
    runs: state.runs.map((r) => (r.runId === state.runId ? { ...r, outcome } : r)),
  };
}

/** Appends results not seen yet (mode-finished and run-finished both carry them). */
function addResults(results: ModeResult[], incoming: readonly ModeResult[]): ModeResult[] {
  const fresh = incoming.filter((r) => !results.some((s) => s.runId === r.runId && s.mode === r.mode));
  return fresh.length > 0 ? [...results, ...fresh] : results;
}
