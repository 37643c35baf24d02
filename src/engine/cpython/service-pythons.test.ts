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

  it('says so in one sentence on a host without CPython', async () => {
    const service = createLabService(lab, { preferences });
    expect(await service.call('listPythons', undefined, 'test')).toEqual({ ok: false, error: 'this host does not run lessons on real CPython' });
    expect(describePythons({ pythons: [], skipped: [] })).toBe(NO_PYTHON);
  });
});
