/** An error meant for the user: its message is one clear sentence, shown as it is. */
export class LabError extends Error {
  override readonly name: string = 'LabError';
}

/** A run stopped because the user (or the host) cancelled it. */
export class RunCancelled extends Error {
  override readonly name = 'RunCancelled';
  constructor() {
    super('the run was cancelled');
  }
}

/**
 * Workers that would not stop in time: reported even when the run was cancelled, because one of
 * them may still be using a core.
 */
export class WorkersStuck extends LabError {
  override readonly name = 'WorkersStuck';
}

/**
 * What a step stops with once the run's signal aborts: the reason the lab gave (a LabError,
 * such as a sampler that could not start), or a plain cancel.
 */
export function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof LabError ? signal.reason : new RunCancelled();
}
