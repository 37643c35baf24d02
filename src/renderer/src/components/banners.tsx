/** Messages that must not be missed: a lost host, an invalid request, a call the engine refused. */
import { HOST_STOPPED, needsAddress, type ConnectionState } from '../api/ws-client';

/** What the banner says for a connection state, or null when all is well. */
export function connectionSentence(state: ConnectionState, host: string): string | null {
  switch (state) {
    case 'lost':
      return `${HOST_STOPPED}, then reload this page.`;
    case 'refused':
      // The host is running: restarting it (what the 'lost' sentence asks) would not help.
      return `${needsAddress(host)}.`;
    default:
      return null;
  }
}

/** Full-width banner once the browser edition's pipe is down; every control is then dead. */
export function ConnectionBanner({ state }: { state: ConnectionState }) {
  const sentence = connectionSentence(state, window.location.host);
  if (sentence === null) return null;
  return (
    <div className="connection-lost" role="alert" data-testid="connection-lost" data-cause={state}>
      {sentence}
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
