/**
 * One line saying what the engine is doing now, with a ticking clock while a step runs, and
 * beside it, out of sight, the live region a screen reader hears: changes of state only
 * (describe-status.ts), never the clock.
 */
import type { SessionState } from '../store/session';
import { runningParts, statusAnnouncement, statusText } from './describe-status';
import { seconds } from './format';
import { LiveValue } from './live-text';

interface Props {
  session: SessionState;
}

/**
 * How often the clock changes. Five times a second, with the samples: ten made a frame of its own
 * between every two samples, 2 ms of main thread each (bench frame-time at 256 cores).
 */
const TICK_MS = 200;

/** The status; the phase is also exposed as data-phase for tests and styling. */
export function StatusLine({ session }: Props) {
  const parts = runningParts(session);
  return (
    <>
      <p className={`status status-${session.phase}`} data-testid="run-status" data-phase={session.phase} data-step={session.step ?? ''}>
        {parts ? (
          <>
            {parts.lead}
            {/* Five times a second, written without a React render and laid out on its own (see live-text.tsx). */}
            <LiveValue read={() => seconds(Math.max(0, Date.now() - parts.since))} update={TICK_MS} /> s
          </>
        ) : (
          statusText(session, Date.now())
        )}
      </p>
      <p className="visually-hidden" role="status" data-testid="run-announcement">
        {statusAnnouncement(session)}
      </p>
    </>
  );
}
