import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../../lessons/catalogue';
import { loadPageSettings, PROGRESS_KEY, savedChanges, savedOf, THEME_KEY, writePage, type PageStorage } from './preferences';
import { withRun } from './progress';
import { after, freshState } from './test-fixtures';

const memory = (entries: Record<string, string> = {}): PageStorage & { entries: Record<string, string> } => ({
  entries,
  getItem: (key) => entries[key] ?? null,
  setItem: (key, value) => {
    entries[key] = value;
  },
});

const refusing: PageStorage = {
  getItem: () => {
    throw new Error('storage is off');
  },
  setItem: () => {
    throw new Error('storage is off');
  },
};

describe('page settings', () => {
  it('reads back the theme and the progress the page kept, and writes them where it reads them', () => {
    const storage = memory();
    const progress = withRun({ lessons: {}, selected: 'scaling' }, 'scaling');
    writePage(storage, { theme: 'light', progress });
    expect(Object.keys(storage.entries).sort()).toEqual([PROGRESS_KEY, THEME_KEY].sort());
    expect(loadPageSettings(storage, EXPERIMENTS)).toEqual({ theme: 'light', progress });
  });

  it('starts dark and afresh without storage, or with storage that refuses', () => {
    const fresh = { theme: 'dark', progress: { lessons: {}, selected: null } };
    expect(loadPageSettings(null, EXPERIMENTS)).toEqual(fresh);
    expect(loadPageSettings(refusing, EXPERIMENTS)).toEqual(fresh);
    expect(loadPageSettings(memory({ [THEME_KEY]: 'neon', [PROGRESS_KEY]: '{not json' }), EXPERIMENTS)).toEqual(fresh);
    expect(() => writePage(refusing, { theme: 'light' })).not.toThrow();
  });
});

describe('savedChanges', () => {
  const base = freshState();

  it('is empty when nothing saved changed', () => {
    expect(savedChanges(savedOf(base), savedOf(after(base, { type: 'lesson-tab', tab: 'results' })))).toEqual({ page: {}, host: {} });
  });

  it('sends the theme to both places, presentation mode and the sampling rate to the host only', () => {
    const changed = after(base, { type: 'toggle-theme' }, { type: 'toggle-presentation' }, { type: 'set-hz-text', text: '3' });
    expect(savedChanges(savedOf(base), savedOf(changed))).toEqual({ page: { theme: 'light' }, host: { theme: 'light', presentation: true, sampleHz: 3 } });
  });

  it('keeps single-key shortcuts turned off with the host, and takes them back from it', () => {
    const off = after(base, { type: 'set-shortcuts', on: false });
    expect(savedChanges(savedOf(base), savedOf(off))).toEqual({ page: {}, host: { shortcuts: false } });
    expect(after(base, { type: 'host-preferences', preferences: { shortcuts: false } }).shortcuts).toBe(false);
    // A choice made on this page before the host answered stands.
    expect(after(off, { type: 'set-shortcuts', on: true }, { type: 'host-preferences', preferences: { shortcuts: false } }).shortcuts).toBe(true);
  });

  it("keeps CPython's steady-baseline choice with the host, and takes it back from it", () => {
    const on = after(base, { type: 'python', action: { type: 'steady-baseline', on: true } });
    expect(savedChanges(savedOf(base), savedOf(on))).toEqual({ page: {}, host: { steadyBaseline: true } });
    expect(after(base, { type: 'host-preferences', preferences: { steadyBaseline: true } }).python.steadyBaseline).toBe(true);
    // Unticked on this page before the host answered: it stays unticked.
    const off = after(on, { type: 'python', action: { type: 'steady-baseline', on: false } });
    expect(after(off, { type: 'host-preferences', preferences: { steadyBaseline: true } }).python.steadyBaseline).toBe(false);
  });

  it('does not save a sampling rate while it is being typed', () => {
    const typing = after(base, { type: 'set-hz-text', text: '' });
    expect(savedChanges(savedOf(base), savedOf(typing)).host).toEqual({});
    expect(savedChanges(savedOf(typing), savedOf(after(typing, { type: 'set-hz-text', text: '5' }))).host).toEqual({ sampleHz: 5 });
  });

  it('sends progress as the host keeps it: a flag and the answer per lesson, and the lesson last open', () => {
    const opened = after(base, { type: 'select', id: 'io-bound' });
    const { page, host } = savedChanges(savedOf(base), savedOf(opened));
    expect(page.progress).toBe(opened.progress);
    expect(host).toEqual({ progress: {}, lastLesson: 'io-bound' });
  });
});
