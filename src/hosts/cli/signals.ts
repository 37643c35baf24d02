/**
 * How the CLI stops. The first Ctrl+C (or SIGTERM, or SIGHUP when the terminal closes) cancels
 * the run, which stops every worker and prints what happened. A second signal, or a cancel that
 * has not finished within CANCEL_GRACE_MS, quits at once: every child process is killed first
 * (worker threads end with the process), so no worker outlives the CLI either way.
 */
import { constants } from 'node:os';
import { killAllChildren } from '../../engine/children';

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** Longest a cancel may take before the CLI quits without waiting for it. */
export const CANCEL_GRACE_MS = 5_000;

/** The shell's convention: 128 + the signal's number (130 for Ctrl+C). */
export function exitCodeFor(signal: StopSignal): number {
  return 128 + constants.signals[signal];
}

export interface Stopping {
  /** The first stop signal received, if any. */
  readonly signal: StopSignal | undefined;
  /** Stops listening (for tests; the CLI listens until it exits). */
  dispose(): void;
}

/** Something that can be cancelled, and answers when it is. */
interface Cancellable {
  cancel(): Promise<unknown>;
}

/** Quits now, leaving no child process behind. */
export function quitNow(signal: StopSignal, why: string): never {
  killAllChildren();
  process.stderr.write(`gil-lab: ${why}; every worker process was killed.\n`);
  process.exit(exitCodeFor(signal));
}

export function stopOnSignals(run: Cancellable, graceMs = CANCEL_GRACE_MS): Stopping {
  let first: StopSignal | undefined;
  let grace: NodeJS.Timeout | undefined;
  const onSignal = (signal: StopSignal): void => {
    if (first !== undefined) {
      quitNow(signal, 'stopped at once');
      return;
    }
    first = signal;
    if (signal === 'SIGINT') process.stderr.write('gil-lab: stopping the run… (press Ctrl+C again to quit at once)\n');
    void run.cancel().catch(() => undefined);
    grace = setTimeout(() => quitNow(signal, `the run did not stop within ${graceMs / 1000} s`), graceMs).unref();
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  return {
    get signal() {
      return first;
    },
    dispose: () => {
      clearTimeout(grace);
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    },
  };
}
