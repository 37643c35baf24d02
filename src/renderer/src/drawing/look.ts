/**
 * How the canvases are drawn right now: the theme, presentation mode (larger type, thicker
 * lanes) and, while a picture is being exported, a fixed pixel ratio. Kept outside React so the
 * page's attributes change before any chart rebuilds: chart effects run before the app's, and they
 * read their colours and sizes from CSS at build time. Every canvas lists `useLook()` in its
 * dependencies, so one change redraws them all.
 */
import { useSyncExternalStore } from 'react';

export type ThemeName = 'dark' | 'light';

export interface Look {
  theme: ThemeName;
  presentation: boolean;
  /** Backing pixels per layout pixel while a picture is exported; null on screen. */
  exportRatio: number | null;
}

let current: Look = { theme: 'dark', presentation: false, exportRatio: null };
const listeners = new Set<() => void>();

/** The look in force. */
export function getLook(): Look {
  return current;
}

/** Changes the look: the page's attributes first (CSS reads them), then every canvas redraws. */
export function setLook(change: Partial<Look>): Look {
  const next = { ...current, ...change };
  const same = next.theme === current.theme && next.presentation === current.presentation && next.exportRatio === current.exportRatio;
  current = same ? current : next;
  if (typeof document !== 'undefined') {
    const root = document.documentElement;
    root.dataset.theme = current.theme;
    root.dataset.presentation = current.presentation ? 'on' : 'off';
  }
  if (!same) for (const listener of listeners) listener();
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The look, re-rendering the caller when it changes. */
export function useLook(): Look {
  return useSyncExternalStore(subscribe, getLook);
}

/** Canvas text scale: presentation mode is read from the back of a room. */
export function typeScale(look: Look = current): number {
  return look.presentation ? 1.3 : 1;
}

/** A canvas font size in layout pixels for the look in force. */
export function fontPx(base: number): number {
  return Math.round(base * typeScale());
}
