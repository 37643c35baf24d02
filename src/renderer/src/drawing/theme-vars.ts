/**
 * Theme colours live in styles/theme.css as custom properties; canvases and charts read them from
 * there so one palette serves the DOM, chart.js and the hand-drawn canvases alike.
 */
import { useCallback } from 'react';
import { getLook, setLook, useLook, type ThemeName } from './look';

export type { ThemeName } from './look';

const STORAGE_KEY = 'gil-lab-theme';

/** A CSS custom property of the page's current theme, e.g. cssVar('--hold'). */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** Font stack of the page, so canvas text matches the DOM. */
export function fontFamily(): string {
  return getComputedStyle(document.body).fontFamily || 'system-ui, sans-serif';
}

/** The page's own memory of the theme, read once so the first paint is already right. */
function storedTheme(): ThemeName {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'light' ? 'light' : 'dark';
  } catch {
    // Storage can be off (private windows); start dark.
    return 'dark';
  }
}
setLook({ theme: storedTheme() });

/**
 * Dark by default (projectors), light on request; remembered in the page's storage (the host's
 * preferences keep it across the browser edition's launches, see App).
 */
export function useTheme(): [ThemeName, (next?: ThemeName) => ThemeName] {
  const { theme } = useLook();
  /** Switches to `next`, or to the other theme; returns the theme now in force. */
  const change = useCallback((wanted?: ThemeName): ThemeName => {
    const next: ThemeName = wanted ?? (getLook().theme === 'light' ? 'dark' : 'light');
    setLook({ theme: next });
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Without storage the choice lasts for this page only.
    }
    return next;
  }, []);
  return [theme, change];
}
