/** One line saying what the engine is doing now, with a ticking clock while a step runs. */
import { seconds } from './format';
import type { SessionState } from '../store/session';
import { LiveValue } from './live-text';

interface Props {
  session: SessionState;
}

/** How often the clock changes: it shows tenths of a second. */
const TICK_MS = 100;

/** The sentence of a running step up to its clock ("Running threads (1 of 3) · "), and when the clock started. */
function runningParts(session: SessionState): { lead: string; since: number } | null {
  if (session.phase !== 'running' || !session.step || session.stepSince === null) return null;
  const run = session.runs.find((r) => r.runId === session.runId);
  const index = run ? run.steps.indexOf(session.step) + 1 : 0;
  const of = index > 0 && run ? ` (${index} of ${run.steps.length})` : '';
  return { lead: `Running ${session.step}${of} · `, since: session.stepSince };
}

/** The status sentence for a session phase. */
export function statusText(session: SessionState, now: number): string {
  switch (session.phase) {
    case 'idle':
      return 'Ready: make a prediction, then press Run.';
    case 'starting':
      return 'Starting the run…';
    case 'calibrating':
      return 'Calibrating the task size for this machine…';
    case 'running': {
      const parts = runningParts(session);
      return parts ? `${parts.lead}${seconds(Math.max(0, now - parts.since))} s` : 'Starting the workers…';
    }
    case 'finished':
      return session.runMs !== null ? `Finished in ${seconds(session.runMs)} s.` : 'Finished.';
    case 'cancelled':
      return 'Cancelled: every worker was stopped.';
    case 'failed':
      return `Failed: ${session.failure ?? 'the run stopped'}`;
  }
}

/** Live status; the phase is also exposed as data-phase for tests and styling. */
export function StatusLine({ session }: Props) {
  const parts = runningParts(session);
  return (
    <p className={`status status-${session.phase}`} data-testid="run-status" data-phase={session.phase} data-step={session.step ?? ''} role="status">
      {parts ? (
        <>
          {parts.lead}
          {/* Ten times a second, written without a React render and laid out on its own (see live-text.tsx). */}
          <LiveValue read={() => seconds(Math.max(0, Date.now() - parts.since))} update={TICK_MS} /> s
        </>
      ) : (
        statusText(session, Date.now())
      )}
    </p>
  );
}
