/**
 * The presenter's keys: one keydown listener for the page. The mapping is the pure `keyAction`
 * (keyboard.ts); this hook reads the store at the moment of the key and carries the action out.
 */
import { useEffect } from 'react';
import type { LabStore } from '../store/lab-store';
import { busy, selectedLesson } from '../store/selectors';
import { focusKind, keyAction, neighbourLesson, type KeyAction } from './keyboard';

function perform(store: LabStore, action: KeyAction): void {
  const state = store.getState();
  switch (action) {
    case 'run':
      return store.run();
    case 'cancel':
      return store.cancel();
    case 'next-lesson':
    case 'previous-lesson': {
      const ids = state.experiments.map((e) => e.id);
      const id = neighbourLesson(ids, selectedLesson(state).id, action === 'next-lesson' ? 1 : -1);
      if (id) store.select(id);
      return;
    }
    case 'toggle-presentation':
      return store.togglePresentation();
    case 'open-export':
      return store.setOverlay('export');
    case 'toggle-freeze':
      return store.stage.dispatch({ type: 'toggle-freeze' });
    case 'toggle-help':
      return store.setOverlay(state.overlay === 'help' ? null : 'help');
    case 'close-overlay':
      // An export being drawn finishes first; its dialog says when.
      if (state.exporting !== null) return;
      return store.setOverlay(null);
  }
}

export function useKeys(store: LabStore): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.repeat && event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      const state = store.getState();
      // A key the page already acted on (a focused row's Enter) is not a shortcut too.
      if (event.defaultPrevented) return;
      const action = keyAction(
        { key: event.key, ctrl: event.ctrlKey, meta: event.metaKey, alt: event.altKey, focus: focusKind(event.target) },
        { overlay: state.overlay !== null, busy: busy(state), shortcuts: state.shortcuts },
      );
      if (!action) return;
      // Nothing focused uses this key (keyboard.ts): arrows would only scroll the page.
      event.preventDefault();
      perform(store, action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
