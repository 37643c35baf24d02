/**
 * The one store of the renderer: plain TypeScript outside React (panels subscribe with
 * useSyncExternalStore, see use-lab-state.ts). It holds the lab's state (lab-state.ts) and the two
 * high-rate records beside it (the run archive and the live core history), takes in every engine
 * event at one place, and carries out what the reducer cannot: calls to the engine, the saved
 * settings (preferences.ts), and the look the canvases are drawn in. Every rejected call lands in
 * the state's `error` as the engine's own sentence; nothing here throws into React.
 */
import type { LabApi } from '../../../shared/api';
import { type Prediction } from '../../../shared/experiments';
import { EXPERIMENTS } from '../../../lessons/catalogue';
import type { RunEvent } from '../../../shared/results';
import type { LabConnection } from '../api/get-api';
import { connectionDown } from '../api/ws-client';
import { setLook } from '../drawing/look';
import type { ControlValues } from './controls';
import { CoreHistory } from './core-history';
import { labReducer, type LabAction } from './lab-reducer';
import { initialLabState, type LabState, type LessonTab, type Overlay } from './lab-state';
import { hasHostChanges, loadPageSettings, pageStorage, savedChanges, savedOf, writePage, type PageStorage } from './preferences';
import type { RoomInput } from './room';
import { chosenPython, engineFor, type PythonAction } from './python-choice';
import type { EngineChoice } from '../../../shared/python-schemas';
import { isAbsolutePath } from '../../../shared/start-run';
import { RunArchive } from './run-archive';
import { StageStore } from './stage';
import { busy, runRequest, selectedLesson, validHz } from './selectors';

export interface LabStore {
  readonly api: LabApi;
  /** Every recent run's timelines and samples, for the canvases (filled by this store only). */
  readonly archive: RunArchive;
  /** The last half minute of core samples, for the lanes and the headline (filled by this store only). */
  readonly history: CoreHistory;
  /** Pause, zoom and replay of the live panels (changes every frame while a replay plays; see stage.ts). */
  readonly stage: StageStore;
  getState(): LabState;
  /** Called after every change of state; returns the unsubscribe (fits useSyncExternalStore). */
  subscribe(listener: () => void): () => void;
  /** Listens to the engine and asks what it knows; returns the stop (fits useEffect). */
  start(): () => void;

  select(id: string): void;
  /** Brings a past run back (and opens its lesson); null returns to the latest. */
  view(runId: string | null): void;
  setControls(patch: Partial<ControlValues>): void;
  setHzText(text: string): void;
  predict(experiment: string, prediction: Prediction): void;
  setLessonTab(tab: LessonTab): void;
  /** Shows a step of the run on the lock timeline, by its id. */
  pickStep(stepId: string): void;
  toggleTheme(): void;
  togglePresentation(): void;
  /** Single-key shortcuts on or off (kept between launches). */
  setShortcuts(on: boolean): void;
  setOverlay(overlay: Overlay): void;
  setExporting(work: 'save' | 'copy' | null): void;
  dismissError(): void;
  /** Result files of a room's laptops, read (see room.ts); opens the room panel. */
  addRoomFiles(files: readonly RoomInput[]): void;
  openRoom(open: boolean): void;
  clearRoom(): void;
  /** Runs lessons also on this interpreter (an executable from the list), or on the simulation only (null). */
  choosePython(executable: string | null): void;
  setEngine(engine: EngineChoice): void;
  /** CPython times its baseline again around each step (lessons whose baseline can be). */
  setSteadyBaseline(on: boolean): void;
  /** Asks the host to probe an interpreter given by absolute path; it is chosen once it answers. */
  addPython(path: string): void;
  run(): void;
  cancel(): void;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** What the store needs of the page it runs in (passed in, so tests run it without a browser). */
export interface PageFacts {
  /** The page's storage; null where it is switched off (some private windows). */
  storage: PageStorage | null;
  /** Logical cores as the browser reports them, until the host answers. */
  cores: number;
  /** The desktop app's preload put its API on the window. */
  desktop: boolean;
}

/** The facts of the page this runs in. */
export function thisPage(): PageFacts {
  return { storage: pageStorage(), cores: Math.max(1, navigator.hardwareConcurrency || 1), desktop: typeof window.gilLab === 'object' && window.gilLab !== null };
}

/** A store over one connection to the engine. */
export function createLabStore(connection: LabConnection, page: PageFacts): LabStore {
  const { storage } = page;
  const { api } = connection;
  const archive = new RunArchive();
  const history = new CoreHistory();
  const stage = new StageStore();
  const listeners = new Set<() => void>();
  let state = initialLabState({
    ...loadPageSettings(storage, EXPERIMENTS),
    experiments: EXPERIMENTS,
    connection: connection.state(),
    pageCores: page.cores,
    desktop: page.desktop,
  });
  // The saved theme before the first paint: charts read their colours when they are built.
  setLook({ theme: state.theme, presentation: state.presentation });

  const fail = (error: unknown): void => dispatch({ type: 'failed', message: message(error) });

  /** What follows a change: the saved settings, the sampling rate, the look; then the listeners. */
  function dispatch(action: LabAction): void {
    const before = state;
    const after = labReducer(before, action);
    if (after === before) return;
    state = after;
    const changes = savedChanges(savedOf(before), savedOf(after));
    writePage(storage, changes.page);
    // The host sent these itself; everything else it hears of (failures are quiet: the setting just does not persist).
    if (action.type !== 'host-preferences' && hasHostChanges(changes)) api.savePreferences(changes.host).catch(() => undefined);
    const hz = validHz(after);
    if (hz !== null && hz !== validHz(before)) api.watchCores({ hz }).catch(fail);
    // Before the panels render: chart effects run before the app's and read the page's attributes.
    if (after.theme !== before.theme || after.presentation !== before.presentation) setLook({ theme: after.theme, presentation: after.presentation });
    if (action.type === 'connection' && connectionDown(after.connection)) history.stopMean();
    for (const listener of listeners) listener();
  }

  const python = (action: PythonAction): void => dispatch({ type: 'python', action });

  /** Probes a path the user gave (or kept from an earlier launch) and chooses it if it is CPython 3.9+. */
  const check = (path: string): void => {
    python({ type: 'checking' });
    api.checkPython({ path }).then(
      (found) => python({ type: 'checked', python: found }),
      (error: unknown) => python({ type: 'refused', message: message(error) }),
    );
  };

  /** A kept interpreter the host did not list this launch (one added by path) is probed again, once. */
  let keptChecked = false;
  const checkKept = (): void => {
    const { python: choice } = state;
    if (keptChecked || choice.found === null || choice.chosen === null || chosenPython(choice)) return;
    keptChecked = true;
    if (isAbsolutePath(choice.chosen) && choice.unavailable === null) check(choice.chosen);
  };

  const onRun = (event: RunEvent): void => {
    const now = Date.now();
    archive.record(event, now);
    history.follow(event);
    // A new run takes the panels back to live.
    if (event.type === 'run-started') stage.dispatch({ type: 'replay-close' });
    // Timeline batches come many times a second and change nothing but the archive.
    if (event.type !== 'timeline') dispatch({ type: 'run-event', event, now });
  };

  return {
    api,
    archive,
    history,
    stage,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      const offRun = api.on('run', onRun);
      const offCores = api.on('cores', (sample) => {
        archive.addSample(sample);
        history.push(sample);
      });
      const offState = connection.onState((next) => dispatch({ type: 'connection', state: next, now: Date.now() }));
      // The pipe may have opened (or dropped) between creating the store and starting it.
      dispatch({ type: 'connection', state: connection.state(), now: Date.now() });
      api.getMachine().then((machine) => dispatch({ type: 'machine', machine }), fail);
      api.listExperiments().then((experiments) => dispatch({ type: 'experiments', experiments }), fail);
      api.listPythons().then(
        (list) => {
          python({ type: 'found', list });
          checkKept();
        },
        (error: unknown) => python({ type: 'unavailable', message: `${message(error)}; lessons run on the simulation only.` }),
      );
      api.loadPreferences().then(
        (preferences) => {
          dispatch({ type: 'host-preferences', preferences });
          checkKept();
        },
        // An older host without preferences: the page's own storage is all there is.
        () => undefined,
      );
      const hz = validHz(state);
      if (hz !== null) api.watchCores({ hz }).catch(fail);
      return () => {
        offRun();
        offCores();
        offState();
      };
    },
    select: (id) => dispatch({ type: 'select', id }),
    view: (runId) => dispatch({ type: 'view', runId }),
    setControls: (patch) => dispatch({ type: 'set-controls', patch }),
    setHzText: (text) => dispatch({ type: 'set-hz-text', text }),
    predict: (experiment, prediction) => dispatch({ type: 'predict', experiment, prediction }),
    setLessonTab: (tab) => dispatch({ type: 'lesson-tab', tab }),
    pickStep: (stepId) => dispatch({ type: 'pick-step', stepId }),
    toggleTheme: () => dispatch({ type: 'toggle-theme' }),
    togglePresentation: () => dispatch({ type: 'toggle-presentation' }),
    setShortcuts: (on) => dispatch({ type: 'set-shortcuts', on }),
    setOverlay: (overlay) => dispatch({ type: 'overlay', overlay }),
    setExporting: (work) => dispatch({ type: 'exporting', work }),
    dismissError: () => dispatch({ type: 'dismiss-error' }),
    addRoomFiles: (files) => dispatch({ type: 'room-add', files }),
    openRoom: (open) => dispatch({ type: 'room-open', open }),
    clearRoom: () => dispatch({ type: 'room-clear' }),
    choosePython: (executable) => python({ type: 'choose', executable }),
    setEngine: (engine) => python({ type: 'engine', engine }),
    setSteadyBaseline: (on) => python({ type: 'steady-baseline', on }),
    addPython: (path) => check(path.trim()),
    run() {
      const request = runRequest(state);
      if (!request.ok || busy(state)) return;
      dispatch({ type: 'starting' });
      api.startRun({ ...request.value, ...engineFor(state.python, selectedLesson(state)) }).catch((error: unknown) => dispatch({ type: 'start-refused', message: message(error) }));
    },
    cancel() {
      api.cancelRun().catch(fail);
    },
  };
}
