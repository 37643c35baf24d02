/**
 * The lab's state, in one record with a comment per field: what the page knows of the engine, the
 * lesson open and its controls as typed, the settings kept between launches, the session's runs,
 * and what the user chose to look at. Plain data, changed only by labReducer (lab-reducer.ts) and
 * read through selectors.ts; lab-store.ts holds it and talks to the engine.
 *
 * Two records stay outside it because they change many times a second and only canvases need each
 * change: the run archive (timeline segments) and the live core history. The same store owns and
 * fills them (lab-store.ts), so one engine event is taken in at one place.
 */
import type { Experiment } from '../../../shared/experiments';
import type { MachineInfo } from '../../../shared/results';
import type { ConnectionState } from '../api/ws-client';
import type { ThemeName } from '../drawing/look';
import { LIMITS } from '../../../shared/limits';
import { defaultControls, type ControlValues } from './controls';
import type { Progress } from './progress';
import { initialPythonChoice, type PythonChoiceState } from './python-choice';
import { initialRoom, type RoomState } from './room';
import { initialSession, type SessionState } from './session';

/** The lesson column: the lesson text, or what its run showed. */
export type LessonTab = 'lesson' | 'results';

/** A window over the lab: the list of keys, or the export dialog. */
export type Overlay = 'help' | 'export' | null;

/**
 * Settings the user changed on this page since it opened. The host's answer with the saved ones
 * comes a moment after the first paint; it must not undo a choice made meanwhile.
 */
export type Chosen = 'lesson' | 'hz' | 'theme' | 'presentation' | 'shortcuts' | 'python' | 'steady-baseline';

/**
 * The lock timeline's step the user picked (its id), with what the panel
 * followed when they picked it: a new step starting or another run shown takes the panel back to
 * what runs or came last, so the pick lapses when either changes (see labReducer).
 */
export interface TimelinePick {
  stepId: string;
  runId: string | null;
  /** The step running when it was picked. */
  runningId: string | null;
}

export interface LabState {
  /** The pipe to the engine; once 'lost', a run in progress ends and a banner says so. */
  connection: ConnectionState;
  /** The machine every figure is measured on; null until the host answers. */
  machine: MachineInfo | null;
  /** The page's own count of logical cores, used until the host names the machine's. */
  pageCores: number;
  /** The desktop app: its window can be captured and files saved through a dialog. */
  desktop: boolean;
  /** The course: the built-in catalogue, replaced by the host's list once it answers. */
  experiments: readonly Experiment[];

  /** The lesson open on the left (an id of `experiments`; the first lesson if it is unknown). */
  selectedId: string;
  /** The run controls as typed, reset to the lesson's defaults when another lesson opens. */
  controls: ControlValues;
  /** The sampling rate as typed; checked by selectors.sampleHz. */
  hzText: string;

  /** Kept between launches (preferences.ts): the theme asked for (an export draws in its own). */
  theme: ThemeName;
  /** Kept between launches: larger type and thicker lines for a projector. */
  presentation: boolean;
  /** Kept between launches: single-key shortcuts on (see components/keyboard.ts). */
  shortcuts: boolean;
  /** Kept between launches: lessons run, predictions chosen, the lesson last open. */
  progress: Progress;
  /** See Chosen. */
  chosen: readonly Chosen[];

  /** The run going (or last) and every run and result of this page's session. */
  session: SessionState;
  /** A past run brought back (its recorded lanes replace the live ones); null follows the latest. */
  viewing: string | null;
  /** The lesson column's tab. */
  lessonTab: LessonTab;
  /** See TimelinePick; null follows the running or latest step. */
  timelinePick: TimelinePick | null;
  /** The window open over the lab. */
  overlay: Overlay;
  /** An export being drawn: its dialog stays open until it is done, whatever the keys say. */
  exporting: 'save' | 'copy' | null;
  /** The engine's sentence for the last refused call, until dismissed or the controls change. */
  error: string | null;
  /** Result files of a room's laptops, imported for one slide (see room.ts). */
  room: RoomState;
  /** Real CPython beside the simulation: the interpreters, the one chosen, the engine (python-choice.ts). */
  python: PythonChoiceState;
}

/** What the page knows before the host answers. */
export interface LabStart {
  experiments: readonly Experiment[];
  connection: ConnectionState;
  pageCores: number;
  desktop: boolean;
  /** What the page's own storage kept (see preferences.ts). */
  theme: ThemeName;
  progress: Progress;
}

/** A fresh page: the lesson last open (or the first), at its defaults, nothing run yet. */
export function initialLabState(start: LabStart): LabState {
  const first = start.experiments[0] as Experiment;
  const selected = start.experiments.find((e) => e.id === start.progress.selected) ?? first;
  return {
    connection: start.connection,
    machine: null,
    pageCores: start.pageCores,
    desktop: start.desktop,
    experiments: start.experiments,
    selectedId: selected.id,
    controls: defaultControls(selected),
    hzText: String(LIMITS.sampleHz.default),
    theme: start.theme,
    presentation: false,
    shortcuts: true,
    progress: start.progress,
    chosen: [],
    session: initialSession,
    viewing: null,
    lessonTab: 'lesson',
    timelinePick: null,
    overlay: null,
    exporting: null,
    error: null,
    room: initialRoom,
    python: initialPythonChoice,
  };
}
