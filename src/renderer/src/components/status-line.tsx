/**
 * One line saying what the engine is doing now, with a ticking clock while a step runs, and
 * beside it, out of sight, the live region a screen reader hears: changes of state only
 * (describe-status.ts), never the clock.
 */
import type { SessionState } from '../store/session';
import { runningParts, statusAnnouncement, statusText } from './describe-status';
import { secondsFigure } from '../../../shared/format';
import { LiveValue } from './live-text';
import { LIMITS } from '../../../shared/limits';

interface Props {
  session: SessionState;
}

/**
 * The longest the clock waits for a frame the page makes anyway. It is written in every frame the
 * core samples make (two to five a second); only without them does it make a frame of its own.
 * Longer than the slowest sampling interval, so it never races the samples: at 200 ms (the
 * interval at 5 Hz) a sample a few ms late lost the race, and its window got the clock's own frame
 * as well (3 ms more; at the default 4 Hz a second frame every sample). Bench frame-time, 256 cores.
 */
const TICK_MS = (1000 / LIMITS.sampleHz.min) * 1.2;

/** The status; the phase is also exposed as data-phase for tests and styling. */
export function StatusLine({ session }: Props) {
  const parts = runningParts(session);
  return (
    <>
      <p className={`status status-${session.phase}`} data-testid="run-status" data-phase={session.phase} data-step={session.step ?? ''}>
        {parts ? (
          <>
            {parts.lead}
            {/* With each sample, written without a React render and laid out on its own (see live-text.tsx). */}
            <LiveValue read={() => secondsFigure(Math.max(0, Date.now() - parts.since))} update={TICK_MS} /> s
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
