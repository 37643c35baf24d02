/**
 * The presenter's keys, as a pure function from a key press and the lab's state to one action,
 * so the mapping is tested without a browser. The app calls `keyAction` from one keydown listener
 * and carries out what it returns.
 */

export type KeyAction =
  | 'run'
  | 'cancel'
  | 'next-lesson'
  | 'previous-lesson'
  | 'toggle-presentation'
  | 'open-export'
  | 'toggle-help'
  | 'close-overlay'
  | 'toggle-freeze';

/** What the listener saw. */
export interface KeyPress {
  key: string;
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  /** The focus is in a text field, a select or an editable element: keys belong to it. */
  typing: boolean;
}

export interface KeyState {
  /** An overlay (help, export) is open: it takes the keys, Esc closes it. */
  overlay: boolean;
  /** A run is being started or is going. */
  busy: boolean;
}

/** The keys, as the help overlay lists them. */
export const KEY_HELP: readonly { keys: readonly string[]; does: string }[] = [
  { keys: ['Space'], does: 'Run; while running, cancel' },
  { keys: ['↑', '←'], does: 'Previous lesson' },
  { keys: ['↓', '→'], does: 'Next lesson' },
  { keys: ['P'], does: 'Presentation mode on / off' },
  { keys: ['E'], does: 'Export a picture or the data' },
  { keys: ['F'], does: 'Pause / resume the live panels (the run goes on)' },
  { keys: ['Esc'], does: 'Close a window; else cancel the run' },
  { keys: ['?'], does: 'This list of keys' },
];

export function keyAction(press: KeyPress, state: KeyState): KeyAction | null {
  // Shortcuts with modifiers belong to the browser and the system (copy, reload, zoom).
  if (press.ctrl || press.meta || press.alt) return null;
  if (press.key === 'Escape') {
    if (state.overlay) return 'close-overlay';
    return state.busy && !press.typing ? 'cancel' : null;
  }
  if (press.typing) return null;
  if (press.key === '?') return 'toggle-help';
  // While an overlay is open, its own buttons take the remaining keys.
  if (state.overlay) return null;
  switch (press.key) {
    case ' ':
    case 'Spacebar':
      return state.busy ? 'cancel' : 'run';
    case 'ArrowDown':
    case 'ArrowRight':
      return 'next-lesson';
    case 'ArrowUp':
    case 'ArrowLeft':
      return 'previous-lesson';
    case 'p':
    case 'P':
      return 'toggle-presentation';
    case 'e':
    case 'E':
      return 'open-export';
    case 'f':
    case 'F':
      return 'toggle-freeze';
    default:
      return null;
  }
}

/** True when keys typed now belong to a form field, not to the lab's shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/** The lesson `step` places away from `current`, staying at the ends of the course. */
export function neighbourLesson(ids: readonly string[], current: string, step: 1 | -1): string | null {
  const index = ids.indexOf(current);
  if (index < 0) return ids[0] ?? null;
  const next = Math.min(ids.length - 1, Math.max(0, index + step));
  return next === index ? null : (ids[next] ?? null);
}
