/**
 * What the stage adds to the lab: presentation mode (remembered by the host), the help and export
 * overlays, and the presenter's keys. The keys are mapped by the pure `keyAction`; this hook only
 * listens and carries the action out.
 */
import { useEffect, useRef, useState } from 'react';
import { isTyping, keyAction, neighbourLesson, type KeyAction } from '../components/keyboard';
import { getLook, setLook, useLook } from '../drawing/look';
import type { LabModel } from './use-lab';

export type Overlay = 'help' | 'export' | null;

export interface StageModel {
  presentation: boolean;
  togglePresentation(): void;
  overlay: Overlay;
  setOverlay(overlay: Overlay): void;
}

export function useStage(lab: LabModel): StageModel {
  const { presentation } = useLook();
  const [overlay, setOverlay] = useState<Overlay>(null);
  const touched = useRef(false);
  const saved = lab.preferences?.presentation;
  const { remember } = lab;

  // The host's memory of presentation mode, unless the presenter already switched it this launch.
  useEffect(() => {
    if (saved !== undefined && !touched.current) setLook({ presentation: saved });
  }, [saved]);

  const togglePresentation = (): void => {
    touched.current = true;
    const next = !getLook().presentation;
    setLook({ presentation: next });
    remember({ presentation: next });
  };

  // The listener is attached once; it reads the latest model through this ref.
  const latest = useRef({ lab, overlay, togglePresentation });
  latest.current = { lab, overlay, togglePresentation };

  useEffect(() => {
    const perform = (action: KeyAction): void => {
      const { lab: model, overlay: open, togglePresentation: toggle } = latest.current;
      const ids = model.experiments.map((e) => e.id);
      switch (action) {
        case 'run':
          return model.run();
        case 'cancel':
          return model.cancel();
        case 'next-lesson':
        case 'previous-lesson': {
          const id = neighbourLesson(ids, model.selected.id, action === 'next-lesson' ? 1 : -1);
          if (id) model.select(id);
          return;
        }
        case 'toggle-presentation':
          return toggle();
        case 'open-export':
          return setOverlay('export');
        case 'toggle-help':
          return setOverlay(open === 'help' ? null : 'help');
        case 'close-overlay':
          // An export being drawn finishes first; its dialog says when.
          if (document.querySelector('[data-testid="export-dialog"][data-busy="true"]')) return;
          return setOverlay(null);
      }
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.repeat && event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      const action = keyAction(
        { key: event.key, ctrl: event.ctrlKey, meta: event.metaKey, alt: event.altKey, typing: isTyping(event.target) },
        { overlay: latest.current.overlay !== null, busy: latest.current.lab.busy },
      );
      if (!action) return;
      // Space would also press the focused button, and arrows would scroll: the shortcut wins.
      event.preventDefault();
      perform(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return { presentation, togglePresentation, overlay, setOverlay };
}
