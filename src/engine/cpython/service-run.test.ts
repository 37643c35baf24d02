/**
 * startRun on real CPython through the service: the interpreter named or given by path (refused
 * with a sentence when it is not CPython 3.9+), the real steps streamed in the same run as the
 * simulation's, marked with their engine and interpreter. Skipped where no CPython is found.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OUT_MAIN } from '../../../test/build-state';
import { LAB_LESSONS } from '../../lessons/programs';
import type { ModeResult, RunEvent } from '../../shared/results';
import { builtEntries } from '../entries';
import { Lab } from '../lab';
import { PreferenceStore } from '../preferences';
import { createLabService } from '../service';
import { CpythonEngine } from './cpython-engine';

const folder = mkdtempSync(join(tmpdir(), 'gil-lab-service-run-'));
const lab = new Lab({ entries: builtEntries(OUT_MAIN), lessons: LAB_LESSONS, cores: 2 });
const cpython = new CpythonEngine(OUT_MAIN, 2);
const service = createLabService(lab, { preferences: new PreferenceStore(join(folder, 'preferences.json')), cpython });
const found = await cpython.listPythons();
const python = found.pythons.find((p) => !p.freeThreaded);
afterAll(async () => {
  await lab.dispose();
  rmSync(folder, { recursive: true, force: true });
});

const request = { experiment: 'io-bound', workers: 2, seconds: 0.2, switchMs: 5 };

/** Live processes carrying this test's tag in their environment (the harness and its workers inherit it). */
function tagged(tag: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      if (readFileSync(`/proc/${name}/environ`, 'latin1').includes(`GIL_LAB_SERVICE_TAG=${tag}`) && !stat.split(') ')[1]?.startsWith('Z')) pids.push(Number(name));
    } catch {
      // Ended while we looked.
    }
  }
  return pids.filter((pid) => pid !== process.pid);
}

/** Events of the next run on the service, until it ends (a time limit on the wait). */
function nextRun(): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the run did not end: ${events.map((e) => e.type).join(', ')}`)), 90_000);
    service.attach('events', (name, payload) => {
      if (name !== 'run') return;
      const event = payload as RunEvent;
      events.push(event);
      if (event.type === 'run-finished' || event.type === 'run-failed' || event.type === 'run-cancelled') {
        clearTimeout(timer);
        service.detach('events');
        resolve(events);
      }
    });
  });
}

describe('startRun on real CPython', () => {
  it('refuses, in one sentence, a path that is not CPython and a host without CPython', async () => {
    expect(await service.call('startRun', { ...request, engine: 'both', python: '/bin/sh' }, 'test')).toEqual({
      ok: false,
      error: '/bin/sh did not answer as a Python 3.9+ interpreter; the lab runs only CPython 3.9 or newer.',
    });
    expect(await service.call('checkPython', { path: 'python3' }, 'test')).toMatchObject({ ok: false, error: expect.stringMatching(/^path: give the full path/) });
    const bare = createLabService(lab, { preferences: new PreferenceStore(join(folder, 'other.json')) });
    expect(await bare.call('startRun', { ...request, engine: 'cpython' }, 'test')).toEqual({ ok: false, error: 'this host does not run lessons on real CPython' });
    expect(lab.busy).toBe(false);
  });

  it.skipIf(!python)('runs the simulation, then the lesson on CPython in the same run, each real step marked with its interpreter', async () => {
    const events = nextRun();
    const reply = await service.call('startRun', { ...request, engine: 'both', python: python?.executable }, 'test');
    expect(reply.ok).toBe(true);
    const seen = await events;
    const finished = seen.find((e): e is Extract<RunEvent, { type: 'run-finished' }> => e.type === 'run-finished');
    expect(finished, seen.map((e) => (e.type === 'run-failed' ? e.message : e.type)).join(', ')).toBeDefined();
    const results = finished?.results ?? [];
    const real = results.filter((r) => r.engine === 'cpython');
    expect(results.filter((r) => r.engine !== 'cpython').map((r) => r.stepId)).toEqual(['sequential', 'threads']);
    expect(real.map((r) => [r.stepId, r.step])).toEqual([
      ['cpython:sequential', 'sequential · CPython'],
      ['cpython:threads', 'threads · CPython'],
    ]);
    for (const r of real as ModeResult[]) {
      expect(r.runId).toBe(finished?.runId);
      expect(r.python).toEqual({ executable: python?.executable, version: python?.version, freeThreaded: python?.freeThreaded, gilEnabled: python?.gilEnabled });
      // Waits release the GIL: the threads used a small fraction of a core.
      expect(r.coresUsed).not.toBeNull();
      expect(r.coresUsed as number).toBeLessThan(0.8);
    }
    // The run's plan announces the real steps too, before any of them starts.
    const plan = seen.find((e): e is Extract<RunEvent, { type: 'run-started' }> => e.type === 'run-started');
    expect(plan?.steps.map((s) => s.id)).toEqual(['sequential', 'threads', 'cpython:sequential', 'cpython:threads']);
    const started = seen.filter((e): e is Extract<RunEvent, { type: 'mode-started' }> => e.type === 'mode-started' && e.python !== undefined);
    expect(started.map((e) => e.step)).toEqual(['sequential · CPython', 'threads · CPython']);
    const segments = seen.flatMap((e) => (e.type === 'timeline' && e.step.endsWith('· CPython') ? e.segments : []));
    expect(segments.length).toBeGreaterThan(0);
    expect(new Set(segments.map((s) => s.state))).toEqual(new Set(['cpython-running']));
  });

  it.skipIf(!python || !existsSync('/proc/self/environ'))('cancelling during the real phase ends the run and leaves no python process', async () => {
    const tag = `${process.pid}-${Date.now()}`;
    process.env.GIL_LAB_SERVICE_TAG = tag;
    try {
      const events = nextRun();
      const reply = await service.call('startRun', { experiment: 'cpu-bound', workers: 2, seconds: 30, switchMs: 5, modes: ['processes'], engine: 'cpython', python: python?.executable }, 'test');
      expect(reply.ok).toBe(true);
      const deadline = Date.now() + 30_000;
      while (tagged(tag).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(tagged(tag).length).toBeGreaterThanOrEqual(3); // the harness and two worker processes
      expect(await service.call('cancelRun', undefined, 'test')).toEqual({ ok: true, value: { cancelled: true } });
      expect((await events).at(-1)?.type).toBe('run-cancelled');
      const gone = Date.now() + 5_000;
      while (tagged(tag).length > 0 && Date.now() < gone) await new Promise((r) => setTimeout(r, 100));
      expect(tagged(tag)).toEqual([]);
      expect(lab.busy).toBe(false);
    } finally {
      delete process.env.GIL_LAB_SERVICE_TAG;
    }
  });
});
