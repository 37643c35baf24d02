/** One line saying what the engine is doing now, with a ticking clock while a step runs. */
import { useEffect, useState } from 'react';
import { seconds } from '../lib/format';
import type { SessionState } from '../state/session';

interface Props {
  session: SessionState;
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [active]);
  return now;
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
      if (!session.step || session.stepSince === null) return 'Starting the workers…';
      const run = session.runs.find((r) => r.runId === session.runId);
      const index = run ? run.steps.indexOf(session.step) + 1 : 0;
      const of = index > 0 && run ? ` (${index} of ${run.steps.length})` : '';
      return `Running ${session.step}${of} · ${seconds(Math.max(0, now - session.stepSince))} s`;
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
  const ticking = session.phase === 'running' && session.stepSince !== null;
  const now = useNow(ticking);
  return (
    <p className={`status status-${session.phase}`} data-testid="run-status" data-phase={session.phase} data-step={session.step ?? ''} role="status">
      {statusText(session, now)}
    </p>
  );
}
