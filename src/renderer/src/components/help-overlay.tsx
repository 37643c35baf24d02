/**
 * The list of keys (?), for a presenter who wants to keep their hands off the mouse, with the
 * switch that turns single-key shortcuts off (WCAG 2.1.4: speech input and switch users type
 * letters that must not act on the lab).
 */
import { useEffect, useRef } from 'react';
import { KEY_HELP } from './keyboard';
import { ModalDialog } from './modal-dialog';

interface Props {
  shortcuts: boolean;
  onShortcuts: (on: boolean) => void;
  onClose: () => void;
}

export function HelpOverlay({ shortcuts, onShortcuts, onClose }: Props) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <ModalDialog labelledBy="help-title" className="dialog help-dialog" testId="help-overlay" onClose={onClose}>
      <h2 id="help-title" className="dialog-title">
        Keys
      </h2>
      <dl className={shortcuts ? 'key-list' : 'key-list off'}>
        {KEY_HELP.map(({ keys, does }) => (
          <div key={does} className="key-row">
            <dt>
              {keys.map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </dt>
            <dd>{does}</dd>
          </div>
        ))}
      </dl>
      <label className="shortcut-switch">
        <input type="checkbox" checked={shortcuts} onChange={(e) => onShortcuts(e.target.checked)} data-testid="shortcuts-toggle" />
        Single-key shortcuts (Space, arrows, P, E, ?)
      </label>
      <p className="muted small" data-testid="app-version">
        GIL Lab {__GIL_LAB_VERSION__}
      </p>
      <p className="muted small">
        Letters, ? and Space are shortcuts only while no button, field or other control has the focus (click an empty part of the page first); a focused button keeps Space and Enter. Esc closes this list.
      </p>
      <div className="dialog-actions">
        <button ref={closeRef} type="button" className="primary-button" onClick={onClose} data-testid="help-close">
          Close
        </button>
      </div>
    </ModalDialog>
  );
}
