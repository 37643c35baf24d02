/**
 * Entry point of a worker_thread: one Python thread of the simulated interpreter. It shares the
 * interpreter's GIL (a SharedArrayBuffer) with the other threads of the run. Its job and every
 * command are checked before use (src/shared/worker-commands.ts), never cast.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseWith } from '../../shared/checks';
import { GIL } from '../../shared/gil-layout';
import { processCommandCheck, threadDataCheck } from '../../shared/worker-commands';
import type { WorkerMessage } from '../../shared/worker-protocol';
import { doneMessage, failureMessage, runJob, servePool } from './run-job';

const port = parentPort;
if (!port) throw new Error('thread-entry must run inside a worker_thread');
const data = parseWith(threadDataCheck, workerData, 'workerData');
// Thrown, it reaches the engine as the thread's 'error': the step stops with this sentence.
if (!data.ok) throw new Error(`the engine gave this thread a job it does not understand: ${data.error}`);
const { job, buffer } = data.value;
const send = (message: WorkerMessage): void => port.postMessage(message);

if (job.serve) {
  const serve = servePool(job, buffer, send);
  port.on('message', (raw: unknown) => {
    const command = parseWith(processCommandCheck, raw, 'command');
    if (!command.ok) send({ type: 'error', message: `the engine sent a command this thread does not understand: ${command.error}` });
    else if (command.value.type === 'task') serve(command.value);
  });
  send({ type: 'ready' });
} else {
  send({ type: 'ready' });
  runJob(job, buffer, send).then(
    (outcome) => send(doneMessage(outcome, Atomics.load(new Int32Array(buffer), GIL.VIOLATIONS))),
    (error: unknown) => send(failureMessage(error)),
  );
}
