/**
 * The one hook the app is built on: it connects to the engine, turns its events into session
 * state, records each run for a second look, keeps the course's progress, and exposes the actions
 * the panels need. Every rejected call lands in `error` as the engine's own sentence; nothing here
 * throws into React.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import type { LabApi } from '../../../shared/api';
import { EXPERIMENTS } from '../../../lessons/catalogue';
import type { Experiment, Prediction } from '../../../shared/experiments';
import { LIMITS } from '../../../shared/limits';
import type { MachineInfo, RunEvent } from '../../../shared/results';
import type { Preferences, RunRequest } from '../../../shared/schemas';
import { getConnection } from '../api/get-api';
import type { ConnectionState } from '../api/ws-client';
import { checkHz, checkRequest, defaultControls, type Checked, type ControlValues } from './controls';
import { CoreHistory } from './core-history';
import { fromPreferences, loadProgress, mergeProgress, saveProgress, toPreferences, withPrediction, withRun, withSelected, type Progress } from './progress';
import { RunArchive } from './run-archive';
import { initialSession, isBusy, sessionReducer, type RunRecord, type SessionState } from './session';

/** The lesson column: the lesson text, or what its run showed. */
export type LessonTab = 'lesson' | 'results';

/** Everything the panels read and do. */
export interface LabModel {
  api: LabApi;
  /** The desktop app (its window can be captured, files saved through a dialog). */
  desktop: boolean;
  connection: ConnectionState;
  machine: MachineInfo | null;
  cores: number;
  experiments: readonly Experiment[];
  selected: Experiment;
  select(id: string): void;
  controls: ControlValues;
  setControls(patch: Partial<ControlValues>): void;
  request: Checked<RunRequest>;
  hzText: string;
  setHzText(text: string): void;
  hzError: string | null;
  progress: Progress;
  predict(experiment: string, prediction: Prediction): void;
  session: SessionState;
  busy: boolean;
  history: CoreHistory;
  archive: RunArchive;
  /** The run the panels show: the one going, else the one picked, else the lesson's latest. */
  shown: RunRecord | null;
  /** Set when the user brought back a past run (its recorded lanes replace the live ones). */
  viewing: string | null;
  /** Brings a past run back (and opens its lesson); null returns to the latest. */
  view(runId: string | null): void;
  /** The lesson column: the lesson text, or what its run showed. */
  lessonTab: LessonTab;
  setLessonTab(tab: LessonTab): void;
  /** What the host remembered from the last launch, once it answered (null before, or if it cannot). */
  preferences: Preferences | null;
  /** Keeps a setting in the host's preferences file; failures are quiet (the setting just does not persist). */
  remember(changes: Preferences): void;
  error: string | null;
  dismissError(): void;
  run(): void;
  cancel(): void;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Connects once per page and returns the model the panels render. */
export function useLab(): LabModel {
  const connection = useMemo(getConnection, []);
  const api: LabApi = connection.api;
  const connectionState = useSyncExternalStore(connection.onState, connection.state);
  const history = useMemo(() => new CoreHistory(), []);
  const archive = useMemo(() => new RunArchive(), []);

  const [machine, setMachine] = useState<MachineInfo | null>(null);
  const [experiments, setExperiments] = useState<readonly Experiment[]>(EXPERIMENTS);
  const [progress, setProgress] = useState<Progress>(() => loadProgress(EXPERIMENTS));
  const [selectedId, setSelectedId] = useState<string>(() => progress.selected ?? EXPERIMENTS[0]?.id ?? '');
  const [controls, setControlValues] = useState<ControlValues>(() =>
    defaultControls(EXPERIMENTS.find((e) => e.id === selectedId) ?? (EXPERIMENTS[0] as Experiment)),
  );
  const [hzText, setHzText] = useState(String(LIMITS.sampleHz.default));
  const [error, setError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [lessonTab, setLessonTab] = useState<LessonTab>('lesson');
  const [preferences, setPreferences] = useState<Preferences | null>(null);
  // Set once the user picks a lesson or a rate, so the host's late answer does not undo the choice.
  const touched = useRef({ lesson: false, hz: false });
  const [session, dispatch] = useReducer(sessionReducer, initialSession);

  // Read inside the event listener, which is subscribed once and must see the latest choice.
  const progressRef = useRef(progress);
  progressRef.current = progress;

  const remember = useCallback(
    (changes: Preferences) => {
      api.savePreferences(changes).catch(() => undefined);
    },
    [api],
  );

  const updateProgress = useCallback(
    (change: (p: Progress) => Progress) => {
      setProgress((current) => {
        const next = change(current);
        if (next !== current) {
          saveProgress(next);
          remember(toPreferences(next));
        }
        return next;
      });
    },
    [remember],
  );

  const fail = useCallback((error: unknown) => setError(message(error)), []);

  useEffect(() => {
    const onRun = (event: RunEvent): void => {
      const now = Date.now();
      switch (event.type) {
        case 'run-started':
          archive.beginRun(event.runId, event.experiment, event.steps ?? [], now);
          history.stopMean();
          setViewing(null);
          // The lesson column follows the run: its sentences appear as the steps finish.
          setLessonTab('results');
          break;
        case 'mode-started':
          archive.beginStep(event.runId, event.step ?? event.mode, event.mode, event.workers, event.workerLabels ?? [], event.startedAt ?? null, event.spawnToGoMs ?? null);
          history.startMean();
          break;
        case 'timeline':
          archive.append(event.runId, event.step ?? event.mode, event.mode, event.segments);
          return;
        case 'run-finished': {
          history.stopMean();
          archive.endRun(event.runId, now);
          const experiment = archive.get(event.runId)?.experiment ?? event.results[0]?.experiment;
          if (experiment) updateProgress((p) => withRun(p, experiment));
          break;
        }
        case 'run-cancelled':
        case 'run-failed':
          history.stopMean();
          archive.endRun(event.runId, now);
          break;
        default:
          break;
      }
      const prediction = event.type === 'run-started' ? (progressRef.current.lessons[event.experiment]?.prediction ?? null) : null;
      dispatch({ type: 'event', event, now, prediction });
    };
    const offRun = api.on('run', onRun);
    const offCores = api.on('cores', (sample) => {
      archive.addSample(sample);
      history.push(sample);
    });
    api.getMachine().then(setMachine, fail);
    api.listExperiments().then((list) => {
      if (list.length > 0) setExperiments(list);
    }, fail);
    api.loadPreferences().then(
      (prefs) => {
        setPreferences(prefs);
        const host = fromPreferences(prefs, EXPERIMENTS);
        setProgress((page) => {
          const merged = mergeProgress(page, host);
          saveProgress(merged);
          return merged;
        });
        if (!touched.current.lesson && host.selected) {
          const experiment = EXPERIMENTS.find((e) => e.id === host.selected);
          if (experiment) {
            setSelectedId(experiment.id);
            setControlValues(defaultControls(experiment));
          }
        }
        if (!touched.current.hz && prefs.sampleHz !== undefined) setHzText(String(prefs.sampleHz));
      },
      // An older host without preferences: the page's own storage is all there is.
      () => undefined,
    );
    return () => {
      offRun();
      offCores();
    };
  }, [api, history, archive, fail, updateProgress]);

  useEffect(() => {
    if (connectionState === 'lost') {
      dispatch({ type: 'host-lost', now: Date.now(), message: 'the connection to the lab was lost' });
      history.stopMean();
    }
  }, [connectionState, history]);

  const hz = checkHz(hzText);
  const hzValue = hz.ok ? hz.value : null;
  useEffect(() => {
    if (hzValue === null) return;
    api.watchCores({ hz: hzValue }).catch(fail);
    if (touched.current.hz) remember({ sampleHz: hzValue });
  }, [api, hzValue, fail, remember]);

  const selected = experiments.find((e) => e.id === selectedId) ?? (experiments[0] as Experiment);
  const cores = machine?.logicalCores ?? Math.max(1, navigator.hardwareConcurrency || 1);
  const request = checkRequest(selected, controls, cores);
  const busy = isBusy(session.phase);

  const open = useCallback(
    (id: string): boolean => {
      const experiment = experiments.find((e) => e.id === id);
      if (!experiment) return false;
      setSelectedId(id);
      setControlValues(defaultControls(experiment));
      updateProgress((p) => withSelected(p, id));
      return true;
    },
    [experiments, updateProgress],
  );

  const select = useCallback(
    (id: string) => {
      touched.current.lesson = true;
      if (!open(id)) return;
      setViewing(null);
      // A lesson opens on its text: the presenter introduces it before anyone looks at numbers.
      setLessonTab('lesson');
    },
    [open],
  );

  const view = (runId: string | null): void => {
    setViewing(runId);
    if (runId === null) return;
    const run = session.runs.find((r) => r.runId === runId);
    if (run && run.experiment !== selectedId) open(run.experiment);
    setLessonTab('results');
  };

  const current = session.runs.find((r) => r.runId === session.runId);
  const lessonLatest = [...session.runs].reverse().find((r) => r.experiment === selected.id);
  const picked = viewing !== null ? session.runs.find((r) => r.runId === viewing) : undefined;
  const shown = (current?.outcome === 'running' ? current : (picked ?? lessonLatest)) ?? null;

  const run = (): void => {
    if (!request.ok || busy) return;
    setError(null);
    dispatch({ type: 'starting' });
    api.startRun(request.value).catch((error: unknown) => {
      dispatch({ type: 'start-refused' });
      fail(error);
    });
  };

  const cancel = (): void => {
    api.cancelRun().catch(fail);
  };

  return {
    api,
    desktop: typeof window.gilLab === 'object' && window.gilLab !== null,
    connection: connectionState,
    machine,
    cores,
    experiments,
    selected,
    select,
    controls,
    setControls: (patch) => {
      // A refusal was about the old values; once they change it is no longer the news.
      setError(null);
      setControlValues((current) => ({ ...current, ...patch }));
    },
    request,
    hzText,
    setHzText: (text) => {
      touched.current.hz = true;
      setHzText(text);
    },
    hzError: hz.ok ? null : hz.error,
    progress,
    predict: (experiment, prediction) => updateProgress((p) => withPrediction(p, experiment, prediction)),
    session,
    busy,
    history,
    archive,
    shown,
    viewing: busy ? null : viewing,
    view,
    lessonTab,
    setLessonTab,
    preferences,
    remember,
    error,
    dismissError: () => setError(null),
    run,
    cancel,
  };
}
