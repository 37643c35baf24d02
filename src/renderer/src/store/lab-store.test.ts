import { describe, expect, it } from 'vitest';
import type { LabApi, LabEvents } from '../../../shared/api';
import { EXPERIMENTS } from '../../../lessons/catalogue';
import type { Preferences } from '../../../shared/schemas';
import type { PythonInfo } from '../../../shared/python-schemas';
import type { LabConnection } from '../api/get-api';
import type { ConnectionState } from '../api/ws-client';
import { createLabStore } from './lab-store';
import { THEME_KEY, type PageStorage } from './preferences';

const PY311: PythonInfo = { executable: '/usr/bin/python3.11', version: '3.11.7', freeThreaded: false, gilEnabled: true, label: 'CPython 3.11.7', sources: ['PATH: python3'] };
const PY312: PythonInfo = { ...PY311, executable: '/opt/py/bin/python3.12', version: '3.12.4', label: 'CPython 3.12.4', sources: ['added by you'] };

/** An engine that answers from a script and records every call; events are pushed by the test. */
function fakeEngine(preferences: Preferences = {}) {
  const calls: [string, unknown][] = [];
  const listeners: { [E in keyof LabEvents]?: (payload: LabEvents[E]) => void } = {};
  let answerPreferences: (p: Preferences) => void = () => undefined;
  const record = (name: string, answer: unknown) => (input?: unknown) => {
    calls.push([name, input]);
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  const api = {
    getMachine: record('getMachine', { logicalCores: 8 }),
    listExperiments: record('listExperiments', EXPERIMENTS),
    loadPreferences: () => {
      calls.push(['loadPreferences', undefined]);
      return new Promise<Preferences>((resolve) => (answerPreferences = resolve));
    },
    savePreferences: record('savePreferences', { saved: true }),
    watchCores: record('watchCores', { hz: 4 }),
    startRun: record('startRun', new Error('a run is already going')),
    cancelRun: record('cancelRun', { cancelled: true }),
    listPythons: record('listPythons', { pythons: [PY311], skipped: [] }),
    checkPython: (input: { path: string }) => {
      calls.push(['checkPython', input]);
      return input.path === PY312.executable ? Promise.resolve(PY312) : Promise.reject(new Error(`${input.path} is PyPy, not CPython; the lab measures CPython only.`));
    },
    on<E extends keyof LabEvents>(event: E, listener: (payload: LabEvents[E]) => void) {
      (listeners as Record<string, unknown>)[event] = listener;
      return () => delete listeners[event];
    },
  } as unknown as LabApi;
  let state: ConnectionState = 'open';
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const connection: LabConnection = {
    api,
    state: () => state,
    onState: (listener) => {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };
  return {
    connection,
    calls,
    emit: <E extends keyof LabEvents>(event: E, payload: LabEvents[E]) => listeners[event]?.(payload),
    answer: () => answerPreferences(preferences),
    drop: () => {
      state = 'lost';
      for (const listener of stateListeners) listener(state);
    },
  };
}

const memory = (): PageStorage & { entries: Map<string, string> } => {
  const entries = new Map<string, string>();
  return { entries, getItem: (k) => entries.get(k) ?? null, setItem: (k, v) => void entries.set(k, v) };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const named = (calls: [string, unknown][], name: string) => calls.filter(([n]) => n === name).map(([, input]) => input);

describe('the lab store', () => {
  it('takes one run event in at one place: archive, core history and state together', async () => {
    const engine = fakeEngine();
    const store = createLabStore(engine.connection, { storage: null, cores: 2, desktop: false });
    const stop = store.start();
    await settle();
    expect(store.getState().machine?.logicalCores).toBe(8);
    engine.emit('run', { type: 'run-started', runId: 'r', experiment: 'cpu-bound', modes: ['threads'], steps: [{ id: 'threads', label: 'threads' }], workers: 2 });
    engine.emit('run', { type: 'mode-started', runId: 'r', stepId: 'threads', step: 'threads', mode: 'threads', workers: 2, workerLabels: [], startedAt: 1, spawnToGoMs: 0 });
    engine.emit('cores', { t: 1, loads: [100, 0] });
    expect(store.archive.get('r')?.timelines.map((t) => t.step)).toEqual(['threads']);
    expect(store.archive.get('r')?.samples).toHaveLength(1);
    expect(store.history.runningMean()).toBe(1);
    expect(store.getState().session.step).toBe('threads');
    engine.drop();
    expect(store.getState().session.phase).toBe('failed');
    expect(store.history.runningMean()).toBeNull();
    stop();
  });

  it("saves a change made on the page in both places, and the host's own answer in the page only", async () => {
    const engine = fakeEngine({ theme: 'light', lastLesson: 'scaling' });
    const storage = memory();
    const store = createLabStore(engine.connection, { storage, cores: 2, desktop: false });
    store.start();
    engine.answer();
    await settle();
    expect(store.getState().selectedId).toBe('scaling');
    expect(storage.entries.get(THEME_KEY)).toBe('light');
    expect(named(engine.calls, 'savePreferences')).toEqual([]);
    store.togglePresentation();
    store.select('io-bound');
    expect(named(engine.calls, 'savePreferences')).toEqual([{ presentation: true }, { progress: {}, lastLesson: 'io-bound' }]);
  });

  it('asks the engine for samples at the rate typed, once it is valid', async () => {
    const engine = fakeEngine();
    const store = createLabStore(engine.connection, { storage: null, cores: 2, desktop: false });
    store.start();
    store.setHzText('');
    store.setHzText('9');
    store.setHzText('2');
    await settle();
    expect(named(engine.calls, 'watchCores')).toEqual([{ hz: 4 }, { hz: 2 }]);
    expect(store.getState().error).toBeNull();
  });

  it("shows the engine's sentence when it refuses to start a run", async () => {
    const engine = fakeEngine();
    const store = createLabStore(engine.connection, { storage: null, cores: 2, desktop: false });
    store.start();
    store.run();
    expect(store.getState().session.phase).toBe('starting');
    await settle();
    expect(store.getState().error).toBe('a run is already going');
    expect(store.getState().session.phase).toBe('idle');
  });

  it('runs a lesson on both engines once an interpreter is chosen, and keeps the choice', async () => {
    const engine = fakeEngine();
    const store = createLabStore(engine.connection, { storage: null, cores: 2, desktop: false });
    store.start();
    engine.answer();
    await settle();
    expect(store.getState().python.found).toEqual([PY311]);
    store.select('cpu-bound');
    store.run();
    expect(named(engine.calls, 'startRun')[0]).toMatchObject({ experiment: 'cpu-bound', engine: 'lab' });
    expect(named(engine.calls, 'startRun')[0]).not.toHaveProperty('python');
    await settle();
    store.choosePython(PY311.executable);
    expect(named(engine.calls, 'savePreferences')).toContainEqual({ python: PY311.executable });
    store.run();
    expect(named(engine.calls, 'startRun')[1]).toMatchObject({ experiment: 'cpu-bound', engine: 'both', python: PY311.executable });
    await settle();
    store.setEngine('cpython');
    store.select('deadlock'); // no real counterpart: the simulation only, whatever is chosen
    store.run();
    expect(named(engine.calls, 'startRun')[2]).toMatchObject({ experiment: 'deadlock', engine: 'lab' });
    await settle();
    store.choosePython(null);
    expect(named(engine.calls, 'savePreferences')).toContainEqual({ python: null });
  });

  it('takes the kept interpreter from the host, probing one added by path again', async () => {
    const engine = fakeEngine({ python: PY312.executable });
    const store = createLabStore(engine.connection, { storage: null, cores: 2, desktop: false });
    store.start();
    engine.answer();
    await settle();
    await settle();
    expect(named(engine.calls, 'checkPython')).toEqual([{ path: PY312.executable }]);
    expect(store.getState().python.chosen).toBe(PY312.executable);
    expect(store.getState().python.added).toEqual([PY312]);
    store.addPython('/usr/bin/pypy3');
    await settle();
    expect(store.getState().python.refusal).toBe('/usr/bin/pypy3 is PyPy, not CPython; the lab measures CPython only.');
    expect(store.getState().python.chosen).toBe(PY312.executable);
  });
});
