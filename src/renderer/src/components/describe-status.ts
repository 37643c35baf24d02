/**
 * The words of the run's status line, and what the live region says aloud. The line on screen
 * carries a clock that moves on with every sample (and on its own between slow samples); a screen
 * reader hears only changes of state (the run started, a step started, it finished, failed or was
 * cancelled), never the clock.
 */
import type { SessionState } from '../store/session';
import { secondsText } from '../../../shared/format';

/** The sentence of a running step up to its clock ("Running threads (1 of 3) · "), and when the clock started. */
export function runningParts(session: SessionState): { lead: string; since: number } | null {
  if (session.phase !== 'running' || !session.step || session.stepSince === null) return null;
  return { lead: `Running ${session.step}${stepOf(session)} · `, since: session.stepSince };
}

/** " (2 of 3)" for the step running, or nothing when the run's plan is unknown. */
function stepOf(session: SessionState): string {
  const run = session.runs.find((r) => r.runId === session.runId);
  const index = run && session.stepId !== null ? run.steps.findIndex((s) => s.id === session.stepId) + 1 : 0;
  return index > 0 && run ? ` (${index} of ${run.steps.length})` : '';
}

/** The status sentence for a session phase, with the clock at `now` while a step runs. */
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
      return parts ? `${parts.lead}${secondsText(Math.max(0, now - parts.since))}` : 'Starting the workers…';
    }
    case 'finished':
      return session.runMs !== null ? `Finished in ${secondsText(session.runMs)}.` : 'Finished.';
    case 'cancelled':
      return 'Cancelled: every worker was stopped.';
    case 'failed':
      return `Failed: ${session.failure ?? 'the run stopped'}`;
  }
}

/**
 * What the live region says: one sentence per change of state, the same string for as long as
 * the state lasts (so nothing is re-announced), and no clock. Nothing on a fresh page.
 */
export function statusAnnouncement(session: SessionState): string {
  switch (session.phase) {
    case 'idle':
      return '';
    case 'starting':
      return 'Run started.';
    case 'running':
      return session.step ? `Step started: ${session.step}${stepOf(session)}.` : 'Run started: starting the workers.';
    default:
      return statusText(session, 0);
  }
}
