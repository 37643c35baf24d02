/**
 * Entry point of a child process: a whole interpreter with a GIL of its own, as a
 * multiprocessing worker is. Nobody else wants its GIL, so it never has to drop it.
 *
 * A process burning CPU never returns to its event loop, so it would never see the IPC channel
 * close if the lab died. It therefore checks that its parent is alive while it works, and exits
 * within a fraction of a second once the parent is gone.
 *
 * Every command is checked before use (src/shared/worker-commands.ts), never cast: one it does not
 * understand is answered with an error and the process exits.
 */
import { parseWith } from '../../shared/checks';
import { createGilBuffer, GIL } from '../../shared/gil-layout';
import { processCommandCheck } from '../../shared/worker-commands';
import type { WorkerJob, WorkerMessage } from '../../shared/worker-protocol';
import { doneMessage, failureMessage, runJob, servePool, warmUp } from './run-job';

const PARENT_CHECK_MS = 250;
const parentPid = process.ppid;
let lastParentCheck = 0;
let job: WorkerJob | undefined;
let serve: ((task: { id: number; iterations: number; payload?: unknown }) => void) | undefined;

function send(message: WorkerMessage, then?: () => void): void {
  if (!process.connected || !process.send) process.exit(0);
  process.send(message, undefined, {}, then);
}

function parentAlive(): boolean {
  // On POSIX an orphan is re-parented, so the ppid changes; on Windows it does not, so ask too.
  if (process.ppid !== parentPid) return false;
  try {
    process.kill(parentPid, 0);
    return true;
  } catch {
    return false;
  }
}

function checkParent(): void {
  const now = Date.now();
  if (now - lastParentCheck < PARENT_CHECK_MS) return;
  lastParentCheck = now;
  if (!parentAlive()) process.exit(0);
}

function run(current: WorkerJob): void {
  const buffer = createGilBuffer(1, current.switchIntervalUs);
  Atomics.store(new Int32Array(buffer), GIL.GO, 1);
  runJob(current, buffer, send, checkParent).then(
    (outcome) => send(doneMessage(outcome, Atomics.load(new Int32Array(buffer), GIL.VIOLATIONS)), () => process.exit(0)),
    (error: unknown) => send(failureMessage(error), () => process.exit(1)),
  );
}

process.on('disconnect', () => process.exit(0));
process.on('message', (raw: unknown) => {
  const parsed = parseWith(processCommandCheck, raw, 'command');
  if (!parsed.ok) {
    send({ type: 'error', message: `the engine sent a command this process does not understand: ${parsed.error}` }, () => process.exit(1));
    return;
  }
  const command = parsed.value;
  if (command.type === 'job' && !job) {
    job = command.job;
    if (job.serve) {
      const buffer = createGilBuffer(1, job.switchIntervalUs);
      Atomics.store(new Int32Array(buffer), GIL.GO, 1);
      serve = servePool(job, buffer, send, checkParent);
    } else if (job.warmUp) {
      warmUp(job).then(
        () => send({ type: 'ready', rssBytes: process.memoryUsage().rss }),
        (error: unknown) => send(failureMessage(error), () => process.exit(1)),
      );
      return;
    }
    send({ type: 'ready', rssBytes: process.memoryUsage().rss });
  } else if (command.type === 'go' && job && !serve) {
    run(job);
  } else if (command.type === 'task' && serve) {
    serve(command);
  }
});
const watchdog = setInterval(checkParent, PARENT_CHECK_MS);
watchdog.unref();
