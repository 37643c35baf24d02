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

/**
 * What has the focus, as far as keys go: the keys a focused control uses are its own, so a
 * shortcut never acts on top of it; and character keys (letters, Space, '?') are shortcuts only
 * while nothing interactive has the focus (WCAG 2.1.4: someone speaking or switching to a control
 * must not set one off).
 * - 'none': the page itself; every shortcut works.
 * - 'text': a text or number field, a select, an editable element: every key is typed into it.
 * - 'composite': a radio, tab, checkbox, slider or scrolling region: character keys, Enter and arrows are its own.
 * - 'control': a button, link or focusable row: character keys and Enter are its own; arrows
 *   still step through the course (they type nothing and a button does nothing with them).
 */
export type FocusKind = 'none' | 'text' | 'composite' | 'control';

/** What the listener saw. */
export interface KeyPress {
  key: string;
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  focus: FocusKind;
}

export interface KeyState {
  /** An overlay (help, export) is open: it takes the keys, Esc closes it. */
  overlay: boolean;
  /** A run is being started or is going. */
  busy: boolean;
  /** Single-key shortcuts are on (a preference: someone using speech input or a switch may turn them off). */
  shortcuts: boolean;
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

const ARROWS = new Set(['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight']);
const PRESS_KEYS = new Set([' ', 'Spacebar', 'Enter']);

/** A key that types a character ('p', '?', ' '): named keys (arrows, Escape, F1) have longer names. */
const isCharacterKey = (key: string): boolean => [...key].length === 1 || key === 'Spacebar';

/** True when the key belongs to the focused control, so no shortcut may act on it. */
export function focusUsesKey(focus: FocusKind, key: string): boolean {
  switch (focus) {
    case 'none':
      return false;
    case 'text':
      return true;
    case 'composite':
      return isCharacterKey(key) || PRESS_KEYS.has(key) || ARROWS.has(key);
    case 'control':
      return isCharacterKey(key) || PRESS_KEYS.has(key);
  }
}

export function keyAction(press: KeyPress, state: KeyState): KeyAction | null {
  // Shortcuts with modifiers belong to the browser and the system (copy, reload, zoom).
  if (press.ctrl || press.meta || press.alt) return null;
  if (press.key === 'Escape') {
    // An open dialog closes itself on Esc (a native <dialog>); Esc is not a single-key shortcut.
    if (state.overlay) return 'close-overlay';
    return state.busy && press.focus !== 'text' ? 'cancel' : null;
  }
  if (!state.shortcuts || focusUsesKey(press.focus, press.key)) return null;
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

/** Input types that are pressed or picked rather than typed into. */
const PICKED_INPUTS = new Set(['checkbox', 'radio', 'range', 'color', 'file']);
const PRESSED_INPUTS = new Set(['button', 'submit', 'reset', 'image']);
const COMPOSITE_ROLES = new Set(['radio', 'tab', 'checkbox', 'switch', 'slider', 'spinbutton', 'option', 'listbox', 'menuitem', 'menuitemradio', 'menuitemcheckbox', 'treeitem', 'gridcell', 'region', 'scrollbar']);

/** What the focused element does with keys (see FocusKind). */
export function focusKind(target: EventTarget | null): FocusKind {
  if (!(target instanceof HTMLElement) || target === document.body || target === document.documentElement) return 'none';
  if (target.isContentEditable) return 'text';
  const tag = target.tagName;
  const role = target.getAttribute('role');
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    if (PRESSED_INPUTS.has(type)) return 'control';
    return PICKED_INPUTS.has(type) ? 'composite' : 'text';
  }
  if (tag === 'TEXTAREA' || tag === 'SELECT' || role === 'textbox' || role === 'combobox' || role === 'searchbox') return 'text';
  if (role !== null && COMPOSITE_ROLES.has(role)) return 'composite';
  if (tag === 'DIALOG') return 'none';
  return 'control';
}

/** The lesson `step` places away from `current`, staying at the ends of the course. */
export function neighbourLesson(ids: readonly string[], current: string, step: 1 | -1): string | null {
  const index = ids.indexOf(current);
  if (index < 0) return ids[0] ?? null;
  const next = Math.min(ids.length - 1, Math.max(0, index + step));
  return next === index ? null : (ids[next] ?? null);
}
