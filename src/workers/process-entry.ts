/**
 * Entry point of a child process: a whole interpreter with a GIL of its own, as a
 * multiprocessing worker is. Nobody else wants its GIL, so it never has to drop it.
 *
 * A process burning CPU never returns to its event loop, so it would never see the IPC channel
 * close if the lab died. It therefore checks that its parent is alive while it works, and exits
 * within a fraction of a second once the parent is gone.
 */
import type { ProcessCommand, WorkerJob, WorkerMessage } from '../shared/worker-protocol';
import { createGilBuffer, GIL } from '../shared/gil-layout';
import { Cancelled } from './gil';
import { runJob } from './run-job';

const PARENT_CHECK_MS = 250;
const parentPid = process.ppid;
let lastParentCheck = 0;
let job: WorkerJob | undefined;

function send(message: WorkerMessage, then?: () => void): void {
  if (!process.connected || !process.send) {
    process.exit(0);
  }
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
  try {
    const outcome = runJob(current, buffer, send, checkParent);
    const words = new Int32Array(buffer);
    send(
      {
        type: 'done',
        stats: outcome.stats,
        checksum: outcome.checksum,
        gilSwitches: outcome.gil.switchesIn,
        violations: Atomics.load(words, GIL.VIOLATIONS),
        ...(outcome.iterationsPerMs !== undefined ? { iterationsPerMs: outcome.iterationsPerMs } : {}),
      },
      () => process.exit(0),
    );
  } catch (error) {
    if (error instanceof Cancelled) send({ type: 'cancelled' }, () => process.exit(0));
    else send({ type: 'error', message: error instanceof Error ? error.message : String(error) }, () => process.exit(1));
  }
}

process.on('disconnect', () => process.exit(0));
process.on('message', (raw: unknown) => {
  const command = raw as ProcessCommand;
  if (command?.type === 'job' && !job) {
    job = command.job;
    send({ type: 'ready' });
  } else if (command?.type === 'go' && job) {
    run(job);
  }
});
const watchdog = setInterval(checkParent, PARENT_CHECK_MS);
watchdog.unref();
