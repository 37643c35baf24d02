/**
 * Entry point of a worker_thread: one Python thread of the simulated interpreter. It shares the
 * interpreter's GIL (a SharedArrayBuffer) with the other threads of the run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerJob, WorkerMessage } from '../shared/worker-protocol';
import { Cancelled } from './gil';
import { runJob } from './run-job';

interface ThreadData {
  job: WorkerJob;
  buffer: SharedArrayBuffer;
}

const port = parentPort;
if (!port) throw new Error('thread-entry must run inside a worker_thread');
const { job, buffer } = workerData as ThreadData;
const send = (message: WorkerMessage): void => port.postMessage(message);

send({ type: 'ready' });
try {
  const outcome = runJob(job, buffer, send);
  send({
    type: 'done',
    stats: outcome.stats,
    checksum: outcome.checksum,
    gilSwitches: outcome.gil.switchesIn,
    ...(outcome.iterationsPerMs !== undefined ? { iterationsPerMs: outcome.iterationsPerMs } : {}),
  });
} catch (error) {
  if (error instanceof Cancelled) send({ type: 'cancelled' });
  else send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
