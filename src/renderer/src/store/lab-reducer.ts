/**
 * Every change to the lab's state, as a pure function of the state and one action: the engine's
 * events and answers, and what the user did. Nothing here calls the engine or touches storage
 * (lab-store.ts does, after the fact), so each rule is tested without a host (lab-reducer.test.ts).
 */
import { type Experiment, type Prediction } from '../../../shared/experiments';
import { EXPERIMENTS } from '../../../lessons/catalogue';
import type { MachineInfo, RunEvent } from '../../../shared/results';
import type { Preferences } from '../../../shared/schemas';
import { connectionDown, type ConnectionState } from '../api/ws-client';
import { defaultControls, type ControlValues } from './controls';
import type { Chosen, LabState, LessonTab, Overlay } from './lab-state';
import { fromPreferences, mergeProgress, withPrediction, withRun, withSelected } from './progress';
import { runningStepId, shownRun } from './selectors';
import { addRoomFiles, type RoomInput } from './room';
import { pythonReducer, type PythonAction } from './python-choice';
import { sessionReducer } from './session';

/** Said when the pipe to the engine drops while a run goes. */
export const CONNECTION_LOST = 'the connection to the lab was lost';

export type LabAction =
  // From the engine and its host.
  | { type: 'connection'; state: ConnectionState; now: number }
  | { type: 'machine'; machine: MachineInfo }
  | { type: 'experiments'; experiments: readonly Experiment[] }
  /** The settings the host kept from the last launch. */
  | { type: 'host-preferences'; preferences: Preferences }
  | { type: 'run-event'; event: RunEvent; now: number }
  /** Run was pressed; the engine has not answered yet. */
  | { type: 'starting' }
  | { type: 'start-refused'; message: string }
  /** A call was refused: its sentence is shown beside the controls. */
  | { type: 'failed'; message: string }
  // From the user.
  | { type: 'select'; id: string }
  | { type: 'view'; runId: string | null }
  | { type: 'set-controls'; patch: Partial<ControlValues> }
  | { type: 'set-hz-text'; text: string }
  | { type: 'predict'; experiment: string; prediction: Prediction }
  | { type: 'lesson-tab'; tab: LessonTab }
  | { type: 'pick-step'; stepId: string }
  | { type: 'toggle-theme' }
  | { type: 'toggle-presentation' }
  | { type: 'set-shortcuts'; on: boolean }
  | { type: 'overlay'; overlay: Overlay }
  | { type: 'exporting'; work: 'save' | 'copy' | null }
  | { type: 'dismiss-error' }
  /** Result files dropped or picked for the room panel (read, not yet parsed). */
  | { type: 'room-add'; files: readonly RoomInput[] }
  | { type: 'room-open'; open: boolean }
  | { type: 'room-clear' }
  /** The interpreters found, the one chosen, the engine (see python-choice.ts). */
  | { type: 'python'; action: PythonAction };

/** The next state; the same object when nothing changed (the store then tells no one). */
export function labReducer(state: LabState, action: LabAction): LabState {
  const next = apply(state, action);
  return next === state ? state : lapsePick(next);
}

function apply(state: LabState, action: LabAction): LabState {
  switch (action.type) {
    case 'connection': {
      if (action.state === state.connection) return state;
      const session = connectionDown(action.state) ? sessionReducer(state.session, { type: 'host-lost', now: action.now, message: CONNECTION_LOST }) : state.session;
      return { ...state, connection: action.state, session };
    }
    case 'machine':
      return { ...state, machine: action.machine };
    case 'experiments':
      return action.experiments.length > 0 ? { ...state, experiments: action.experiments } : state;
    case 'host-preferences':
      return fromHost(state, action.preferences);
    case 'run-event':
      return runEvent(state, action.event, action.now);
    case 'starting':
      return { ...state, error: null, session: sessionReducer(state.session, { type: 'starting' }) };
    case 'start-refused':
      return { ...state, error: action.message, session: sessionReducer(state.session, { type: 'start-refused' }) };
    case 'failed':
      return { ...state, error: action.message };
    case 'select': {
      const chosen = choose(state, 'lesson');
      const opened = open(chosen, action.id);
      // A lesson opens on its text: the presenter introduces it before anyone looks at numbers.
      return opened === chosen ? chosen : { ...opened, viewing: null, lessonTab: 'lesson' };
    }
    case 'view': {
      if (action.runId === null) return { ...state, viewing: null };
      const run = state.session.runs.find((r) => r.runId === action.runId);
      // A past run of another lesson brings its lesson back with it.
      const opened = run && run.experiment !== state.selectedId ? open(state, run.experiment) : state;
      return { ...opened, viewing: action.runId, lessonTab: 'results' };
    }
    case 'set-controls':
      // A refusal was about the old values; once they change it is no longer the news.
      return { ...state, error: null, controls: { ...state.controls, ...action.patch } };
    case 'set-hz-text':
      return { ...choose(state, 'hz'), hzText: action.text };
    case 'predict':
      return { ...state, progress: withPrediction(state.progress, action.experiment, action.prediction) };
    case 'lesson-tab':
      return { ...state, lessonTab: action.tab };
    case 'pick-step':
      return { ...state, timelinePick: { stepId: action.stepId, runId: shownRun(state)?.runId ?? null, runningId: runningStepId(state) } };
    case 'toggle-theme':
      return { ...choose(state, 'theme'), theme: state.theme === 'light' ? 'dark' : 'light' };
    case 'toggle-presentation':
      return { ...choose(state, 'presentation'), presentation: !state.presentation };
    case 'set-shortcuts':
      return action.on === state.shortcuts ? state : { ...choose(state, 'shortcuts'), shortcuts: action.on };
    case 'overlay':
      return { ...state, overlay: action.overlay };
    case 'exporting':
      return { ...state, exporting: action.work };
    case 'dismiss-error':
      return { ...state, error: null };
    case 'room-add':
      return { ...state, room: addRoomFiles(state.room, action.files) };
    case 'room-open':
      return action.open === state.room.open ? state : { ...state, room: { ...state.room, open: action.open, notes: [] } };
    case 'room-clear':
      return { ...state, room: { ...state.room, entries: [], notes: [] } };
    case 'python': {
      const python = pythonReducer(state.python, action.action);
      if (python === state.python) return state;
      // A choice made on this page outlasts the host's kept one arriving late.
      const chose = action.action.type === 'choose' || action.action.type === 'checked';
      if (action.action.type === 'steady-baseline') return { ...choose(state, 'steady-baseline'), python };
      return { ...(chose ? choose(state, 'python') : state), python };
    }
  }
}

const choose = (state: LabState, setting: Chosen): LabState => (state.chosen.includes(setting) ? state : { ...state, chosen: [...state.chosen, setting] });

/** Opens a lesson at its defaults and remembers it as the one last open; unknown ids change nothing. */
function open(state: LabState, id: string): LabState {
  const experiment = state.experiments.find((e) => e.id === id);
  if (!experiment) return state;
  return { ...state, selectedId: id, controls: defaultControls(experiment), progress: withSelected(state.progress, id) };
}

function runEvent(state: LabState, event: RunEvent, now: number): LabState {
  // The answer chosen before Run is recorded with the run, so changing it later cannot rewrite history.
  const prediction = event.type === 'run-started' ? (state.progress.lessons[event.experiment]?.prediction ?? null) : null;
  const session = sessionReducer(state.session, { type: 'event', event, now, prediction });
  let next = session === state.session ? state : { ...state, session };
  if (event.type === 'run-started') {
    // The lesson column follows the run: its sentences appear as the steps finish.
    next = { ...next, viewing: null, lessonTab: 'results' };
  } else if (event.type === 'run-finished') {
    const experiment = state.session.runs.find((r) => r.runId === event.runId)?.experiment ?? event.results[0]?.experiment;
    if (experiment) next = { ...next, progress: withRun(next.progress, experiment) };
  }
  return next;
}

/**
 * The host's saved settings, taken where the user has not chosen otherwise since the page opened.
 * Progress is merged: a lesson run in either record counts as run.
 */
function fromHost(state: LabState, prefs: Preferences): LabState {
  // Read against the built-in catalogue, as the page's own record is (see preferences.ts).
  const host = fromPreferences(prefs, EXPERIMENTS);
  let next: LabState = { ...state, progress: mergeProgress(state.progress, host) };
  const lesson = host.selected !== null ? EXPERIMENTS.find((e) => e.id === host.selected) : undefined;
  if (!state.chosen.includes('lesson') && lesson) next = { ...next, selectedId: lesson.id, controls: defaultControls(lesson) };
  if (!state.chosen.includes('hz') && prefs.sampleHz !== undefined) next = { ...next, hzText: String(prefs.sampleHz) };
  if (!state.chosen.includes('theme') && prefs.theme !== undefined) next = { ...next, theme: prefs.theme };
  if (!state.chosen.includes('presentation') && prefs.presentation !== undefined) next = { ...next, presentation: prefs.presentation };
  if (!state.chosen.includes('shortcuts') && prefs.shortcuts !== undefined) next = { ...next, shortcuts: prefs.shortcuts };
  if (!state.chosen.includes('python') && prefs.python !== undefined) next = { ...next, python: pythonReducer(next.python, { type: 'choose', executable: prefs.python }) };
  if (!state.chosen.includes('steady-baseline') && prefs.steadyBaseline !== undefined) next = { ...next, python: pythonReducer(next.python, { type: 'steady-baseline', on: prefs.steadyBaseline }) };
  return next;
}

/** A timeline pick lasts while the panel shows the run and the running step it was made on. */
function lapsePick(state: LabState): LabState {
  const pick = state.timelinePick;
  if (!pick) return state;
  const same = pick.runId === (shownRun(state)?.runId ?? null) && pick.runningId === runningStepId(state);
  return same ? state : { ...state, timelinePick: null };
}
