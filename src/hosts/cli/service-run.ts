/**
 * A CLI run through the same service the desktop app and the browser edition use: `startRun` with
 * the engine and the interpreter, then the run's events until it ends. So a run on the command
 * line is checked, capped, planned and measured exactly as one started from a page (real steps
 * under their own ids, with cores busy from the lab's sampler).
 */
import { LabError, RunCancelled } from '../../engine/errors';
import type { LabService } from '../../engine/service';
import type { CallResults } from '../../shared/api';
import type { ModeResult, RunEvent } from '../../shared/results';
import type { StartRunRequest } from '../../shared/start-run';

/** The CLI is the service's one client. */
export const CLI_CLIENT = 'cli';

export interface ServiceRunOptions {
  /** Every event of this run, as it happens (progress lines). */
  onEvent?: (event: RunEvent) => void;
  /** Longest the CLI waits for the run to end before it gives up with a sentence. */
  limitMs: number;
}

/** Starts a run on the service and resolves with its results; a refusal or a failure rejects with its sentence. */
export async function runThroughService(service: LabService, input: StartRunRequest, options: ServiceRunOptions): Promise<ModeResult[]> {
  let runId: string | undefined;
  // Events that arrive before startRun answers (run-started is sent while it starts) wait for its id.
  const early: RunEvent[] = [];
  let take: (event: RunEvent) => void = (event) => early.push(event);
  service.attach(CLI_CLIENT, (name, payload) => {
    if (name === 'run') take(payload as RunEvent);
  });
  try {
    const reply = await service.call('startRun', input, CLI_CLIENT);
    if (!reply.ok) throw new LabError(reply.error);
    runId = (reply.value as CallResults['startRun']).runId;
    return await new Promise<ModeResult[]>((resolve, reject) => {
      const limit = options.limitMs >= 60_000 ? `${Math.round(options.limitMs / 60_000)} min` : `${Math.ceil(options.limitMs / 1000)} s`;
      const timer = setTimeout(() => reject(new LabError(`the run did not end within ${limit}; it was stopped`)), options.limitMs);
      take = (event) => {
        if (event.runId !== runId) return;
        options.onEvent?.(event);
        if (event.type === 'run-finished') resolve(event.results);
        else if (event.type === 'run-failed') reject(new LabError(event.message));
        else if (event.type === 'run-cancelled') reject(new RunCancelled());
        else return;
        clearTimeout(timer);
      };
      for (const event of early.splice(0)) take(event);
    });
  } finally {
    service.detach(CLI_CLIENT);
  }
}
