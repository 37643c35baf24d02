import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Preferences } from '../shared/schemas';
import { MAX_PREFERENCES_BYTES, PreferenceStore, readPreferences } from './preferences';

let folder: string;
let file: string;
let problems: string[];
const store = (path = file): PreferenceStore => new PreferenceStore(path, { onProblem: (m) => problems.push(m) });
const onDisk = (): unknown => JSON.parse(readFileSync(file, 'utf8'));
const leftovers = (dir = folder): string[] => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'gil-lab-prefs-'));
  file = join(folder, 'preferences.json');
  problems = [];
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('reading a damaged file', () => {
  it('starts empty when there is no file, and says nothing', async () => {
    expect(await store().load()).toEqual({});
    expect(problems).toEqual([]);
  });

  it('ignores a file that is not JSON, or not an object, and the next save replaces it', async () => {
    for (const text of ['{"theme": "dark",', 'null', '[1, 2]', '"dark"', '']) {
      writeFileSync(file, text);
      problems = [];
      expect(await store().load()).toEqual({});
      expect(problems.join('\n')).toMatch(/not valid JSON|does not hold a JSON object/);
    }
    const s = store();
    expect(await s.save({ theme: 'light' })).toBe(true);
    expect(onDisk()).toEqual({ theme: 'light' });
  });

  it('drops a field of the wrong type or an unknown field, keeping the rest', async () => {
    writeFileSync(file, JSON.stringify({ theme: 'neon', presentation: true, sampleHz: 'fast', lastLesson: 'convoy', colour: 'red', __proto__x: 1 }));
    expect(await store().load()).toEqual({ presentation: true, lastLesson: 'convoy' });
    const said = problems.join('\n');
    expect(said).toMatch(/dropped theme/);
    expect(said).toMatch(/dropped sampleHz/);
    expect(said).toMatch(/dropped unknown field "colour"/);
  });

  it('keeps the valid progress entries and drops the bad ones', async () => {
    writeFileSync(
      file,
      JSON.stringify({
        theme: 'dark',
        progress: { 'cpu-bound': { ran: true, prediction: 4 }, convoy: { ran: 'yes' }, scaling: { ran: false, extra: 1 }, ['x'.repeat(65)]: { ran: true }, asyncio: { ran: false, prediction: null } },
      }),
    );
    expect(await store().load()).toEqual({ theme: 'dark', progress: { 'cpu-bound': { ran: true, prediction: 4 }, asyncio: { ran: false, prediction: null } } });
    expect(problems.join('\n')).toMatch(/dropped 3 invalid progress entries/);
  });

  it('keeps the first 64 of 65 progress entries instead of dropping them all', async () => {
    const progress = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`lesson-${i}`, { ran: true }]));
    writeFileSync(file, JSON.stringify({ theme: 'light', progress }));
    const loaded = await store().load();
    expect(loaded.theme).toBe('light');
    expect(Object.keys(loaded.progress ?? {})).toHaveLength(64);
    expect(loaded.progress?.['lesson-0']).toEqual({ ran: true });
    expect(loaded.progress?.['lesson-64']).toBeUndefined();
    expect(problems.join('\n')).toMatch(/kept the first 64 progress entries, dropped 1/);
  });

  it('never lets a "__proto__" key become a prototype', () => {
    const raw: unknown = JSON.parse('{"__proto__": {"theme": "light"}, "progress": {"__proto__": {"ran": true}, "io-bound": {"ran": true}}}');
    const said: string[] = [];
    const kept = readPreferences(raw, said);
    expect(kept).toEqual({ progress: { 'io-bound': { ran: true } } });
    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
    expect((kept as Record<string, unknown>).theme).toBeUndefined();
    expect(said.join('\n')).toMatch(/unknown field "__proto__"/);
  });

  it('ignores a file far too large to be preferences', async () => {
    writeFileSync(file, JSON.stringify({ theme: 'dark', padding: 'x'.repeat(MAX_PREFERENCES_BYTES) }));
    expect(await store().load()).toEqual({});
    expect(problems.join('\n')).toMatch(/is not a preferences file/);
  });
});

describe('saving', () => {
  it('keeps every change of many saves made at once', async () => {
    const s = store();
    const changes: Preferences[] = [
      { theme: 'light' },
      { presentation: true },
      { sampleHz: 3 },
      { lastLesson: 'convoy' },
      { progress: { 'cpu-bound': { ran: true, prediction: 2 } } },
    ];
    const saved = await Promise.all(changes.map((c) => s.save(c)));
    expect(saved).toEqual(changes.map(() => true));
    const expected = { theme: 'light', presentation: true, sampleHz: 3, lastLesson: 'convoy', progress: { 'cpu-bound': { ran: true, prediction: 2 } } };
    expect(await s.load()).toEqual(expected);
    expect(onDisk()).toEqual(expected);
    expect(await store().load()).toEqual(expected);
    expect(leftovers()).toEqual([]);
  });

  it('applies saves in the order they were made', async () => {
    const s = store();
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.save({ theme: i % 2 === 0 ? 'dark' : 'light', lastLesson: `lesson-${i}` })));
    expect(onDisk()).toEqual({ theme: 'light', lastLesson: 'lesson-19' });
  });

  it('a load racing the first save cannot bring back the old file', async () => {
    writeFileSync(file, JSON.stringify({ theme: 'dark' }));
    const s = store();
    const [, , loaded] = await Promise.all([s.save({ theme: 'light' }), s.save({ presentation: true }), s.load()]);
    expect(loaded.theme).toBeDefined();
    expect(await s.load()).toEqual({ theme: 'light', presentation: true });
    expect(onDisk()).toEqual({ theme: 'light', presentation: true });
  });

  it('merges into a damaged file: its good fields survive the next save', async () => {
    writeFileSync(file, JSON.stringify({ theme: 'light', sampleHz: 99, unknown: true }));
    expect(await store().save({ presentation: true })).toBe(true);
    expect(onDisk()).toEqual({ theme: 'light', presentation: true });
  });

  it('reports a failed rename and leaves no temp file (the target is a folder)', async () => {
    mkdirSync(join(file, 'inside'), { recursive: true });
    const s = store();
    expect(await s.save({ theme: 'light' })).toBe(false);
    expect(problems.join('\n')).toMatch(new RegExp(`could not save preferences to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*(EISDIR|ENOTEMPTY|EEXIST|EPERM)`));
    expect(leftovers()).toEqual([]);
    // The change lasts for this session, and a later save still runs.
    expect(await s.load()).toEqual({ theme: 'light' });
    expect(await s.save({ presentation: true })).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('reports a folder that cannot be made (its parent is a file), then saves once it can', async () => {
    const blocker = join(folder, 'not-a-folder');
    writeFileSync(blocker, 'a file where the settings folder should be');
    const target = join(blocker, 'preferences.json');
    const s = store(target);
    const saves = await Promise.all([s.save({ theme: 'light' }), s.save({ sampleHz: 5 })]);
    expect(saves).toEqual([false, false]);
    expect(problems[0]).toMatch(/could not read preferences from .*not-a-folder.*ENOTDIR/);
    const failed = problems.filter((m) => m.startsWith('could not save'));
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatch(/could not save preferences to .*not-a-folder.*preferences\.json: .*(ENOTDIR|EEXIST)/);
    expect(leftovers()).toEqual([]);
    rmSync(blocker);
    expect(await s.save({ presentation: false })).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8'))).toEqual({ theme: 'light', sampleHz: 5, presentation: false });
    expect(leftovers(blocker)).toEqual([]);
  });
});

describe('the chosen interpreter', () => {
  it('is kept between launches, null (the simulation only) included, and a bad one costs only itself', async () => {
    expect(await store().save({ python: '/usr/bin/python3.12', theme: 'dark' })).toBe(true);
    expect(await store().load()).toEqual({ python: '/usr/bin/python3.12', theme: 'dark' });
    expect(await store().save({ python: null })).toBe(true);
    expect(await store().load()).toEqual({ python: null, theme: 'dark' });
    writeFileSync(file, JSON.stringify({ python: 'python3\nimport os', theme: 'light' }));
    expect(await store().load()).toEqual({ theme: 'light' });
    expect(problems.join('\n')).toMatch(/dropped python: python must be a single line/);
  });
});
