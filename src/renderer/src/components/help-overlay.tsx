/** The list of keys (?), for a presenter who wants to keep their hands off the mouse. */
import { useEffect, useRef } from 'react';
import { KEY_HELP } from './keyboard';

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog help-dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-overlay">
        <h2 id="help-title" className="dialog-title">Keys</h2>
        <dl className="key-list">
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
        <p className="muted small">Keys do nothing while you type in a field. Esc closes this list.</p>
        <div className="dialog-actions">
          <button ref={closeRef} type="button" className="primary-button" onClick={onClose} data-testid="help-close">
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
