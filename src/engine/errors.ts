/** An error meant for the user: its message is one clear sentence, shown as it is. */
export class LabError extends Error {
  override readonly name = 'LabError';
}

/** A run stopped because the user (or the host) cancelled it. */
export class RunCancelled extends Error {
  override readonly name = 'RunCancelled';
  constructor() {
    super('the run was cancelled');
  }
}
