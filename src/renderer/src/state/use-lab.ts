/**
 * The one hook the app is built on: it connects to the engine, turns its events into session
 * state and exposes the actions the panels need. Every rejected call lands in `error` as the
 * engine's own sentence; nothing here throws into React.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import type { LabApi } from '../../../shared/api';
import { EXPERIMENTS, type Experiment } from '../../../shared/experiments';
import { LIMITS } from '../../../shared/limits';
import type { MachineInfo, RunEvent } from '../../../shared/results';
import type { RunRequest } from '../../../shared/schemas';
import { getConnection } from '../api/get-api';
import type { ConnectionState } from '../api/ws-client';
import { checkHz, checkRequest, defaultControls, type Checked, type ControlValues } from './controls';
import { CoreHistory } from './core-history';
import { initialSession, isBusy, sessionReducer, type SessionState } from './session';
import { TimelineStore } from './timeline-store';

/** Everything the panels read and do. */
export interface LabModel {
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
  predictions: Readonly<Record<string, number>>;
  predict(experiment: string, speedup: number): void;
  session: SessionState;
  busy: boolean;
  history: CoreHistory;
  timeline: TimelineStore;
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
  const timeline = useMemo(() => new TimelineStore(), []);

  const [machine, setMachine] = useState<MachineInfo | null>(null);
  const [experiments, setExperiments] = useState<readonly Experiment[]>(EXPERIMENTS);
  const [selectedId, setSelectedId] = useState<string>(EXPERIMENTS[0]?.id ?? '');
  const [controls, setControlValues] = useState<ControlValues>(() => defaultControls(EXPERIMENTS[0] as Experiment));
  const [hzText, setHzText] = useState(String(LIMITS.sampleHz.default));
  const [predictions, setPredictions] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  const [session, dispatch] = useReducer(sessionReducer, initialSession);

  // Read inside the event listener, which is subscribed once and must see the latest choice.
  const predictionsRef = useRef(predictions);
  predictionsRef.current = predictions;

  const fail = useCallback((error: unknown) => setError(message(error)), []);

  useEffect(() => {
    const onRun = (event: RunEvent): void => {
      switch (event.type) {
        case 'run-started':
          timeline.beginRun(event.runId, event.modes);
          history.stopMean();
          break;
        case 'mode-started':
          timeline.beginMode(event.runId, event.mode, event.workers);
          history.startMean();
          break;
        case 'timeline':
          timeline.append(event.runId, event.mode, event.segments);
          return;
        case 'run-finished':
        case 'run-cancelled':
        case 'run-failed':
          history.stopMean();
          break;
        default:
          break;
      }
      const prediction = event.type === 'run-started' ? (predictionsRef.current[event.experiment] ?? null) : null;
      dispatch({ type: 'event', event, now: Date.now(), prediction });
    };
    const offRun = api.on('run', onRun);
    const offCores = api.on('cores', (sample) => history.push(sample));
    api.getMachine().then(setMachine, fail);
    api.listExperiments().then((list) => {
      if (list.length > 0) setExperiments(list);
    }, fail);
    return () => {
      offRun();
      offCores();
    };
  }, [api, history, timeline, fail]);

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
  }, [api, hzValue, fail]);

  const selected = experiments.find((e) => e.id === selectedId) ?? (experiments[0] as Experiment);
  const cores = machine?.logicalCores ?? Math.max(1, navigator.hardwareConcurrency || 1);
  const request = checkRequest(selected, controls, cores);
  const busy = isBusy(session.phase);

  const select = useCallback(
    (id: string) => {
      const experiment = experiments.find((e) => e.id === id);
      if (!experiment) return;
      setSelectedId(id);
      setControlValues(defaultControls(experiment));
    },
    [experiments],
  );

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
    setHzText,
    hzError: hz.ok ? null : hz.error,
    predictions,
    predict: (experiment, speedup) => setPredictions((current) => ({ ...current, [experiment]: speedup })),
    session,
    busy,
    history,
    timeline,
    error,
    dismissError: () => setError(null),
    run,
    cancel,
  };
}
