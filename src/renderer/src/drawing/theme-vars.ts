/**
 * Theme colours live in styles/theme.css as custom properties; canvases and charts read them from
 * there so one palette serves the DOM, chart.js and the hand-drawn canvases alike. Which theme is
 * in force is the look's (look.ts); which one the user asked for is the store's.
 */

/** A CSS custom property of the page's current theme, e.g. cssVar('--hold'). */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** Font stack of the page, so canvas text matches the DOM. */
export function fontFamily(): string {
  return getComputedStyle(document.body).fontFamily || 'system-ui, sans-serif';
}
