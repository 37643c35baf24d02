/**
 * The settings the lab keeps between launches, and the one place they are read and written. Each
 * is kept where it must be found again:
 * - the page's storage holds the theme and the course's progress, read before the first paint so
 *   the page opens in the right theme and on the right lesson before the host answers;
 * - the host's preferences file holds everything (theme, presentation mode, sampling rate,
 *   progress, the lesson last open): it survives the browser edition's new address, and so new
 *   page storage, on every launch.
 * The store compares the settings before and after each change (savedChanges) and writes what
 * changed: the page's storage always, the host only for changes made on this page (what the host
 * sent, it already has).
 */
import type { Experiment } from '../../../shared/experiments';
import type { Preferences } from '../../../shared/schemas';
import type { ThemeName } from '../drawing/look';
import { checkHz } from './controls';
import type { LabState } from './lab-state';
import { parseProgress, toPreferences, type Progress } from './progress';

/** Keys in the page's storage (unchanged since the first release, so a course in progress is kept). */
export const PROGRESS_KEY = 'gil-lab:progress';
export const THEME_KEY = 'gil-lab-theme';

/** The page's storage, as far as it is used here (localStorage, or a map in tests). */
export type PageStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** What the page's own storage keeps. */
export interface PageSettings {
  theme: ThemeName;
  progress: Progress;
}

/** Every saved setting, as it stands in a state. */
export interface Saved {
  theme: ThemeName;
  presentation: boolean;
  shortcuts: boolean;
  /** The sampling rate, while the field holds a valid one. */
  sampleHz: number | null;
  progress: Progress;
  /** The interpreter chosen (its executable), or null for the simulation only. */
  python: string | null;
  /** CPython's baseline timed around each step. */
  steadyBaseline: boolean;
}

/** The page's storage, or null where it is switched off (some private windows throw on access). */
export function pageStorage(): PageStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function read(storage: PageStorage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/**
 * What the page kept, trusting nothing: dark unless light was kept (projectors), and progress only
 * for lessons and answers the course still has. Without storage the course starts afresh.
 */
export function loadPageSettings(storage: PageStorage | null, experiments: readonly Experiment[]): PageSettings {
  const theme: ThemeName = read(storage, THEME_KEY) === 'light' ? 'light' : 'dark';
  return { theme, progress: parseProgress(read(storage, PROGRESS_KEY), experiments) };
}

/** The saved settings of a state. */
export function savedOf(state: LabState): Saved {
  const hz = checkHz(state.hzText);
  return { theme: state.theme, presentation: state.presentation, shortcuts: state.shortcuts, sampleHz: hz.ok ? hz.value : null, progress: state.progress, python: state.python.chosen, steadyBaseline: state.python.steadyBaseline };
}

/** What to write where after a change; empty objects when nothing saved changed. */
export interface SavedChanges {
  page: Partial<PageSettings>;
  host: Preferences;
}

/**
 * The settings that differ between two states, for each place they are kept. A sampling rate
 * being typed (not valid yet) is not a change; the one it settles on is.
 */
export function savedChanges(before: Saved, after: Saved): SavedChanges {
  const page: Partial<PageSettings> = {};
  let host: Preferences = {};
  if (after.theme !== before.theme) {
    page.theme = after.theme;
    host.theme = after.theme;
  }
  if (after.presentation !== before.presentation) host.presentation = after.presentation;
  if (after.shortcuts !== before.shortcuts) host.shortcuts = after.shortcuts;
  if (after.sampleHz !== null && after.sampleHz !== before.sampleHz) host.sampleHz = after.sampleHz;
  if (after.python !== before.python) host.python = after.python;
  if (after.steadyBaseline !== before.steadyBaseline) host.steadyBaseline = after.steadyBaseline;
  if (after.progress !== before.progress) {
    page.progress = after.progress;
    host = { ...host, ...toPreferences(after.progress) };
  }
  return { page, host };
}

/** Writes to the page's storage; without it, a setting lasts for this page only. */
export function writePage(storage: PageStorage | null, changes: Partial<PageSettings>): void {
  if (changes.theme !== undefined) write(storage, THEME_KEY, changes.theme);
  if (changes.progress !== undefined) write(storage, PROGRESS_KEY, JSON.stringify(changes.progress));
}

function write(storage: PageStorage | null, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Storage full or switched off: the host's file still keeps the setting.
  }
}

/** True when a change has something for the host. */
export const hasHostChanges = (changes: SavedChanges): boolean => Object.keys(changes.host).length > 0;
