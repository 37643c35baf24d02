/**
 * The contract of src/shared/api.ts served over any transport. Both hosts (Electron IPC and the
 * browser edition's WebSocket) hand it the raw call name and input; it checks the name, parses the
 * input with the shared schema and answers with a result or one clear sentence, never a throw.
 */
import { CALL_NAMES, type CallName, type CallReply, type CallResults, type DesktopCall, type LabEvents } from '../shared/api';
import { callSchemas } from '../shared/api-schemas';
import type { Preferences, SaveFileRequest, WatchCoresRequest } from '../shared/schemas';
import type { StartRunRequest } from '../shared/start-run';
import { describeIssue } from '../shared/schemas';
import { runTooLong } from '../shared/run-estimate';
import type { CpythonEngine } from './cpython/cpython-engine';
import { realPhaseFor } from './cpython/service-run';
import { LabError } from './errors';
import type { Lab } from './lab';
import type { PreferenceStore } from './preferences';

/** Sends one event to one client; a host's transport implements it. */
export type EventSink = <E extends keyof LabEvents>(event: E, payload: LabEvents[E]) => void;

export interface LabService {
  call(name: unknown, input: unknown, client: string): Promise<CallReply<CallName>>;
  /** Registers a client; events flow to it until detach(). */
  attach(client: string, sink: EventSink): void;
  detach(client: string): void;
}

const isCallName = (name: unknown): name is CallName => typeof name === 'string' && (CALL_NAMES as readonly string[]).includes(name);

/** What only the desktop host can do; the browser edition leaves these out. */
export type DesktopCalls = {
  [K in DesktopCall]: (
    input: K extends 'saveFile' ? SaveFileRequest : K extends 'copyImage' ? { pngBase64: string } : undefined,
    client: string,
  ) => Promise<CallResults[K]>;
};

export interface ServiceOptions {
  /** Kept between launches by the app and the browser edition; the CLI keeps none. */
  preferences?: PreferenceStore;
  desktop?: DesktopCalls;
  /** Real CPython beside the simulation; a host without it answers listPythons with a sentence. */
  cpython?: CpythonEngine;
}

const noPreferences = (): never => {
  throw new LabError('this host keeps no preferences');
};

const browserOnly = (): never => {
  throw new LabError('the browser edition has no window or clipboard of its own; the page saves a download instead');
};

export function createLabService(lab: Lab, options: ServiceOptions): LabService {
  const { preferences, desktop } = options;
  const schemas = callSchemas(lab.cores);
  const sinks = new Map<string, EventSink>();
  const coreWatchers = new Map<string, () => void>();

  lab.onEvent((event) => {
    for (const sink of sinks.values()) sink('run', event);
  });

  const handlers: { [K in CallName]: (input: unknown, client: string) => Promise<CallResults[K]> | CallResults[K] } = {
    getMachine: () => lab.sampler.machine(),
    listExperiments: () => lab.experiments,
    startRun: async (input) => {
      const { engine = 'lab', python, ...request } = input as StartRunRequest;
      // The CLI refuses these before they reach the engine; a page or a hand-made frame must be refused here too.
      const experiment = lab.experiments.find((e) => e.id === request.experiment);
      const tooLong = experiment ? runTooLong(experiment, { ...request, engine }, lab.cores, lab.estimates[experiment.id]) : null;
      if (tooLong !== null) throw new LabError(tooLong);
      if (lab.busy) throw new LabError('a run is already in progress; cancel it or wait for it to finish');
      // The interpreter is chosen (a path probed) before anything starts, so a refusal is one sentence.
      const extra = engine === 'lab' ? undefined : await realPhaseFor(lab, options.cpython, request, engine, python);
      // Interpreters still being probed would take the cores calibration and the first step are timed on.
      const cpython = options.cpython;
      const { runId, done } = lab.startRun(request, extra, cpython ? () => cpython.settled() : undefined);
      done.catch(() => {
        // Failures reach clients as run-failed events; nothing is left unhandled here.
      });
      return { runId };
    },
    cancelRun: async () => ({ cancelled: await lab.cancel() }),
    watchCores: (input, client) => {
      const { hz } = input as WatchCoresRequest;
      const sink = sinks.get(client);
      if (sink && !coreWatchers.has(client)) coreWatchers.set(client, lab.sampler.onSample((sample) => sink('cores', sample)));
      return { hz: lab.sampler.watch(`client:${client}`, hz) };
    },
    unwatchCores: (_input, client) => {
      stopWatching(client);
      return { watching: false };
    },
    loadPreferences: () => (preferences ? preferences.load() : noPreferences()),
    savePreferences: async (input) => (preferences ? { saved: await preferences.save(input as Preferences) } : noPreferences()),
    capturePage: (_input, client) => (desktop ? desktop.capturePage(undefined, client) : browserOnly()),
    saveFile: (input, client) => (desktop ? desktop.saveFile(input as SaveFileRequest, client) : browserOnly()),
    copyImage: (input, client) => (desktop ? desktop.copyImage(input as { pngBase64: string }, client) : browserOnly()),
    listPythons: () => {
      if (!options.cpython) throw new LabError('this host does not run lessons on real CPython');
      return options.cpython.listPythons();
    },
    checkPython: (input) => {
      if (!options.cpython) throw new LabError('this host does not run lessons on real CPython');
      return options.cpython.choose((input as { path: string }).path);
    },
  };

  function stopWatching(client: string): void {
    coreWatchers.get(client)?.();
    coreWatchers.delete(client);
    lab.sampler.unwatch(`client:${client}`);
  }

  return {
    async call(name, input, client) {
      if (!isCallName(name)) return { ok: false, error: `unknown call "${String(name).slice(0, 40)}"` };
      const parsed = schemas[name].safeParse(input);
      if (!parsed.success) return { ok: false, error: describeIssue(parsed.error) };
      try {
        return { ok: true, value: await handlers[name](parsed.data, client) };
      } catch (error) {
        if (error instanceof LabError) return { ok: false, error: error.message };
        return { ok: false, error: `the lab could not do that: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
    attach(client, sink) {
      sinks.set(client, sink);
    },
    detach(client) {
      stopWatching(client);
      sinks.delete(client);
    },
  };
}
