/**
 * Entry point of a worker_thread: one OS thread of the simulated interpreter. It is started before
 * any step is timed and waits for work, as an interpreter's threads exist before `Thread.start()`:
 * a job message hands it a function to run and the interpreter's memory (a SharedArrayBuffer: the
 * GIL it shares with the other threads, never a copy). After its `done` it waits for the next job.
 * Every command is checked before use (src/shared/worker-commands.ts), never cast.
 */
import { parentPort } from 'node:worker_threads';
import { parseWith } from '../../shared/checks';
import { GIL } from '../../shared/gil-layout';
import { threadCommandCheck } from '../../shared/worker-commands';
import type { ThreadCommand, WorkerMessage } from '../../shared/worker-protocol';
import { doneMessage, failureMessage, runJob, servePool, warmUp } from './run-job';

const port = parentPort;
if (!port) throw new Error('thread-entry must run inside a worker_thread');
const send = (message: WorkerMessage): void => port.postMessage(message);

let busy = false;
let serve: ((task: Extract<ThreadCommand, { type: 'task' }>) => void) | undefined;

function start(command: Extract<ThreadCommand, { type: 'job' }>): void {
  const { job, buffer } = command;
  if (busy || serve) return send({ type: 'error', message: 'the engine gave this thread a job while it was still running one' });
  if (job.serve) {
    serve = servePool(job, buffer, send);
    return send({ type: 'ready' });
  }
  busy = true;
  (job.warmUp ? warmUp(job) : Promise.resolve())
    .then(() => {
      send({ type: 'ready' });
      return runJob(job, buffer, send);
    })
    .then(
      (outcome) => send(doneMessage(outcome, Atomics.load(new Int32Array(buffer), GIL.VIOLATIONS))),
      (error: unknown) => send(failureMessage(error)),
    )
    .finally(() => {
      busy = false;
    });
}

port.on('message', (raw: unknown) => {
  const command = parseWith(threadCommandCheck, raw, 'command');
  if (!command.ok) return send({ type: 'error', message: `the engine sent a command this thread does not understand: ${command.error}` });
  if (command.value.type === 'job') return start(command.value);
  if (serve) return serve(command.value);
  send({ type: 'error', message: 'the engine sent a pool task to a thread that is not serving a pool' });
});
