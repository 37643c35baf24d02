/**
 * Entry point of a worker_thread: one Python thread of the simulated interpreter. It shares the
 * interpreter's GIL (a SharedArrayBuffer) with the other threads of the run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ProcessCommand, WorkerJob, WorkerMessage } from '../../shared/worker-protocol';
import { GIL } from '../../shared/gil-layout';
import { doneMessage, failureMessage, runJob, servePool } from './run-job';

interface ThreadData {
  job: WorkerJob;
  buffer: SharedArrayBuffer;
}

const port = parentPort;
if (!port) throw new Error('thread-entry must run inside a worker_thread');
const { job, buffer } = workerData as ThreadData;
const send = (message: WorkerMessage): void => port.postMessage(message);

if (job.serve) {
  const serve = servePool(job, buffer, send);
  port.on('message', (command: ProcessCommand) => {
    if (command.type === 'task') serve(command);
  });
  send({ type: 'ready' });
} else {
  send({ type: 'ready' });
  runJob(job, buffer, send).then(
    (outcome) => send(doneMessage(outcome, Atomics.load(new Int32Array(buffer), GIL.VIOLATIONS))),
    (error: unknown) => send(failureMessage(error)),
  );
}
