/** Messages that must not be missed: a lost host, an invalid request, a call the engine refused. */
import { HOST_STOPPED, type ConnectionState } from '../api/ws-client';

/** Full-width banner once the browser edition's host is gone; every control is then dead. */
export function ConnectionBanner({ state }: { state: ConnectionState }) {
  if (state !== 'lost') return null;
  return (
    <div className="connection-lost" role="alert" data-testid="connection-lost">
      {HOST_STOPPED}, then reload this page.
    </div>
  );
}

/**
 * One place for every problem sentence, beside the controls: why the request is invalid (until
 * fixed) or why the engine refused a call (until dismissed or the controls change).
 */
export function ErrorMessage({ message, onDismiss }: { message: string | null; onDismiss: (() => void) | undefined }) {
  if (message === null) return null;
  return (
    <p className="error-message" role="alert" data-testid="error-message">
      <span className="error-text">{message}</span>
      {onDismiss ? <button type="button" className="dismiss" onClick={onDismiss} aria-label="Dismiss the message" /> : null}
    </p>
  );
}
