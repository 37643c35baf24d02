/** listPythons through the service: the same list as `lab pythons`, or a sentence from a host without CPython. */
import { LAB_LESSONS } from '../../lessons/programs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OUT_MAIN } from '../../../test/build-state';
import type { PythonList } from '../../shared/python-schemas';
import { builtEntries } from '../entries';
import { Lab } from '../lab';
import { PreferenceStore } from '../preferences';
import { createLabService } from '../service';
import { CpythonEngine, describePythons, NO_PYTHON } from './cpython-engine';

const folder = mkdtempSync(join(tmpdir(), 'gil-lab-pythons-'));
const lab = new Lab({ entries: builtEntries(OUT_MAIN), lessons: LAB_LESSONS, cores: 2 });
const preferences = new PreferenceStore(join(folder, 'preferences.json'));
afterAll(async () => {
  await lab.dispose();
  rmSync(folder, { recursive: true, force: true });
});

describe('listPythons', () => {
  it('answers with the interpreters found, each CPython 3.9+ with the four facts a result carries', async () => {
    const service = createLabService(lab, { preferences, cpython: new CpythonEngine(OUT_MAIN, 2) });
    const reply = await service.call('listPythons', undefined, 'test');
    expect(reply.ok).toBe(true);
    const list = (reply.ok ? reply.value : { pythons: [], skipped: [] }) as PythonList;
    for (const p of list.pythons) {
      expect(p.version).toMatch(/^3\.(9|[1-9]\d)\.\d+$/);
      expect(typeof p.freeThreaded).toBe('boolean');
      expect(typeof p.gilEnabled).toBe('boolean');
      expect(p.sources.length).toBeGreaterThan(0);
    }
    for (const s of list.skipped) expect(s.reason).toMatch(/\.$/);
    expect(new Set(list.pythons.map((p) => p.executable)).size).toBe(list.pythons.length); // merged by real path
    expect(await service.call('listPythons', { path: '/bin/sh' }, 'test')).toEqual({ ok: false, error: 'this call takes no argument' });
  });

  it('times nothing while interpreters are still being probed: a run waits for discovery to end', async () => {
    const cpython = new CpythonEngine(OUT_MAIN, 2);
    const service = createLabService(lab, { preferences, cpython });
    const events: { type: string; at: number }[] = [];
    const finished = new Promise<void>((resolve) => {
      service.attach('order', (event, payload) => {
        if (event !== 'run') return;
        const type = (payload as { type: string }).type;
        events.push({ type, at: performance.now() });
        if (type === 'run-finished' || type === 'run-failed' || type === 'run-cancelled') resolve();
      });
    });
    // As a page does when it opens: discovery first, and a run asked for at once.
    let discoveredAt = Number.POSITIVE_INFINITY;
    const listed = service.call('listPythons', undefined, 'order').then(() => (discoveredAt = performance.now()));
    const started = await service.call('startRun', { experiment: 'cpu-bound', workers: 2, seconds: 0.05, switchMs: 5, modes: ['sequential'] }, 'order');
    expect(started.ok).toBe(true);
    await Promise.all([listed, finished]);
    service.detach('order');
    const timed = events.filter((e) => e.type === 'calibrating' || e.type === 'mode-started');
    expect(events.map((e) => e.type)).toContain('run-finished');
    expect(timed.length).toBeGreaterThan(0);
    for (const e of timed) expect(e.at).toBeGreaterThanOrEqual(discoveredAt);
    // The wait has an end: a limit shorter than discovery answers false, and the full one true.
    void cpython.listPythons(true);
    expect(await cpython.settled(1)).toBe(false);
    expect(await cpython.settled()).toBe(true);
  });

  it('says so in one sentence on a host without CPython', async () => {
    const service = createLabService(lab, { preferences });
    expect(await service.call('listPythons', undefined, 'test')).toEqual({ ok: false, error: 'this host does not run lessons on real CPython' });
    expect(describePythons({ pythons: [], skipped: [] })).toBe(NO_PYTHON);
  });
});
