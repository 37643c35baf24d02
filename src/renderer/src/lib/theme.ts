/**
 * Theme colours live in styles.css as custom properties; canvases and charts read them from
 * there so one palette serves the DOM, chart.js and the hand-drawn canvases alike.
 */
import { useCallback, useState } from 'react';

/** The two palettes in styles.css. */
export type ThemeName = 'dark' | 'light';

const STORAGE_KEY = 'gil-lab-theme';

/** A CSS custom property of the page's current theme, e.g. cssVar('--hold'). */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** Font stack of the page, so canvas text matches the DOM. */
export function fontFamily(): string {
  return getComputedStyle(document.body).fontFamily || 'system-ui, sans-serif';
}

function initialTheme(): ThemeName {
  let theme: ThemeName = 'dark';
  try {
    theme = localStorage.getItem(STORAGE_KEY) === 'light' ? 'light' : 'dark';
  } catch {
    // Storage can be off (private windows); start dark.
  }
  document.documentElement.dataset.theme = theme;
  return theme;
}

/**
 * Dark by default (projectors), light on request; remembered in the page's storage (the host's
 * preferences keep it across the browser edition's launches, see App). The page's
 * attribute is switched before React re-renders, because the charts (children, whose effects run
 * first) read the theme's colours from CSS while they are rebuilt.
 */
export function useTheme(): [ThemeName, (next?: ThemeName) => ThemeName] {
  const [theme, setTheme] = useState<ThemeName>(initialTheme);
  /** Switches to `next`, or to the other theme; returns the theme now in force. */
  const change = useCallback((wanted?: ThemeName): ThemeName => {
    const next: ThemeName = wanted ?? (document.documentElement.dataset.theme === 'light' ? 'dark' : 'light');
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Without storage the choice lasts for this page only.
    }
    setTheme(next);
    return next;
  }, []);
  return [theme, change];
}
