import { describe, expect, it } from 'vitest';
import { focusUsesKey, keyAction, neighbourLesson, type KeyPress } from './keyboard';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, ctrl: false, meta: false, alt: false, focus: 'none', ...extra });
const idle = { overlay: false, busy: false, shortcuts: true };
const busy = { overlay: false, busy: true, shortcuts: true };
const open = { overlay: true, busy: false, shortcuts: true };

describe('presenter keys', () => {
  it('Space runs when idle and cancels while a run goes', () => {
    expect(keyAction(press(' '), idle)).toBe('run');
    expect(keyAction(press(' '), busy)).toBe('cancel');
  });

  it('arrows move between lessons', () => {
    expect(keyAction(press('ArrowDown'), idle)).toBe('next-lesson');
    expect(keyAction(press('ArrowRight'), idle)).toBe('next-lesson');
    expect(keyAction(press('ArrowUp'), idle)).toBe('previous-lesson');
    expect(keyAction(press('ArrowLeft'), busy)).toBe('previous-lesson');
  });

  it('P, E and ? toggle presentation, open export and help, in either case', () => {
    expect(keyAction(press('p'), idle)).toBe('toggle-presentation');
    expect(keyAction(press('P'), idle)).toBe('toggle-presentation');
    expect(keyAction(press('e'), idle)).toBe('open-export');
    expect(keyAction(press('?'), idle)).toBe('toggle-help');
  });

  it('Esc closes an overlay first, else cancels a run, else does nothing', () => {
    expect(keyAction(press('Escape'), { overlay: true, busy: true, shortcuts: true })).toBe('close-overlay');
    expect(keyAction(press('Escape'), busy)).toBe('cancel');
    expect(keyAction(press('Escape'), idle)).toBeNull();
  });

  it('leaves keys to a field being typed in', () => {
    for (const key of [' ', 'ArrowDown', 'p', 'e', '?']) expect(keyAction(press(key, { focus: 'text' }), idle)).toBeNull();
    expect(keyAction(press('Escape', { focus: 'text' }), busy)).toBeNull();
    // An open dialog still closes with Esc.
    expect(keyAction(press('Escape', { focus: 'text' }), open)).toBe('close-overlay');
  });

  it('leaves Space and Enter to a focused button or row, and arrows too to a radio, tab or scrolling region', () => {
    expect(keyAction(press(' ', { focus: 'control' }), idle)).toBeNull();
    expect(keyAction(press(' ', { focus: 'control' }), busy)).toBeNull();
    expect(keyAction(press(' ', { focus: 'composite' }), idle)).toBeNull();
    expect(keyAction(press('ArrowDown', { focus: 'composite' }), idle)).toBeNull();
    expect(keyAction(press('ArrowLeft', { focus: 'composite' }), idle)).toBeNull();
    // Arrows type nothing and a button does nothing with them: they still step through the course.
    expect(keyAction(press('ArrowDown', { focus: 'control' }), idle)).toBe('next-lesson');
    expect(focusUsesKey('none', ' ')).toBe(false);
    expect(focusUsesKey('text', 'p')).toBe(true);
    expect(focusUsesKey('control', 'Enter')).toBe(true);
  });

  it('fires no character shortcut while a button, radio, tab or any control has the focus (WCAG 2.1.4)', () => {
    for (const focus of ['control', 'composite', 'text'] as const) {
      for (const key of ['p', 'P', 'e', 'E', 'f', 'F', '?', ' ', 'Spacebar']) {
        expect(keyAction(press(key, { focus }), idle), `${key} on ${focus}`).toBeNull();
        expect(keyAction(press(key, { focus }), busy), `${key} on ${focus}, busy`).toBeNull();
      }
    }
    // The same keys with nothing focused are shortcuts, and Esc still cancels from a button.
    expect(keyAction(press('f'), idle)).toBe('toggle-freeze');
    expect(keyAction(press('Escape', { focus: 'control' }), busy)).toBe('cancel');
    expect(focusUsesKey('control', 'ArrowDown')).toBe(false);
    expect(focusUsesKey('composite', 'ArrowDown')).toBe(true);
  });

  it('turns every single-key shortcut off when asked, and keeps Esc', () => {
    const off = { overlay: false, busy: true, shortcuts: false };
    for (const key of [' ', 'ArrowDown', 'ArrowUp', 'p', 'P', 'e', '?']) expect(keyAction(press(key), off), key).toBeNull();
    expect(keyAction(press('Escape'), off)).toBe('cancel');
    expect(keyAction(press('Escape'), { ...off, overlay: true })).toBe('close-overlay');
  });

  it('leaves modified keys to the browser, and other keys to an open overlay', () => {
    expect(keyAction(press('p', { ctrl: true }), idle)).toBeNull();
    expect(keyAction(press('e', { meta: true }), idle)).toBeNull();
    expect(keyAction(press(' ', { alt: true }), idle)).toBeNull();
    expect(keyAction(press(' '), open)).toBeNull();
    expect(keyAction(press('ArrowDown'), open)).toBeNull();
    expect(keyAction(press('?'), open)).toBe('toggle-help');
    expect(keyAction(press('x'), idle)).toBeNull();
  });

  it('steps through the course and stops at its ends', () => {
    const ids = ['a', 'b', 'c'];
    expect(neighbourLesson(ids, 'a', 1)).toBe('b');
    expect(neighbourLesson(ids, 'c', 1)).toBeNull();
    expect(neighbourLesson(ids, 'a', -1)).toBeNull();
    expect(neighbourLesson(ids, 'b', -1)).toBe('a');
    expect(neighbourLesson(ids, 'zz', 1)).toBe('a');
  });
});

describe('the pause key', () => {
  it('F pauses the live panels, not while typing or with an overlay open', () => {
    const press = { key: 'f', ctrl: false, meta: false, alt: false, focus: 'none' as const };
    expect(keyAction(press, { overlay: false, busy: true, shortcuts: true })).toBe('toggle-freeze');
    expect(keyAction({ ...press, focus: 'text' }, { overlay: false, busy: true, shortcuts: true })).toBeNull();
    expect(keyAction(press, { overlay: true, busy: false, shortcuts: true })).toBeNull();
    expect(keyAction(press, { overlay: false, busy: true, shortcuts: false })).toBeNull();
  });
});
