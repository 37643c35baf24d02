/**
 * Starting one worker, whatever it is made of: a fresh worker_thread or a child process. Both look
 * the same to the runner, including how they fail: a worker that cannot start reports an error,
 * never a silence. A Python thread of a running step is not started here: it is handed its job on
 * one of the interpreter's pre-started threads (interpreter-threads.ts). A fresh worker_thread, a
 * whole V8 isolate started on the clock, stands for what costs that much: a new interpreter (a
 * subinterpreter, host 'interpreter'), or the lab's own calibration.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import type { ProcessCommand, ThreadCommand, WorkerJob } from '../shared/worker-protocol';
import { trackChild } from './children';
import type { WorkerEntries } from './entries';
import { settlesWithin, STOP_LIMIT_MS } from './time-limit';

/**
 * 'thread': a Python thread of the step's interpreter, sharing its GIL (a pre-started thread when the
 * step has them, else a fresh one). 'interpreter': a new interpreter in this process with a GIL of
 * its own (PEP 684), a fresh worker_thread started on the clock. 'process': a child process.
 */
export type Host = 'thread' | 'process' | 'interpreter';

export interface WorkerHandle {
  /** Sends a command: a process's go, a pool worker's task (a thread's job travels when it is handed over). */
  send(command: ProcessCommand): void;
  /** Stops it now, whatever it is doing. Resolves true once it is gone, false if it would not go in time. */
  stop(): Promise<boolean>;
  /** Its job is done: a pre-started thread goes back to its interpreter, anything else is stopped. */
  release(): Promise<boolean>;
}

export interface SpawnOptions {
  entries: WorkerEntries;
  host: Host;
  job: WorkerJob;
  /** The interpreter's memory (its GIL), shared with the thread, never copied. Processes make their own. */
  buffer: SharedArrayBuffer;
  onMessage: (raw: unknown) => void;
  /** The worker could not start, threw, or its channel broke; `reason` is the system's word for it. */
  onError: (reason: string) => void;
  onExit: (code: number | null, signal: string | null) => void;
}

/** Bytes of a process's stderr kept to explain why it died (Node prints the reason there). */
const STDERR_TAIL = 4_096;

export function spawnWorker(options: SpawnOptions): WorkerHandle {
  return options.host === 'process' ? startProcess(options) : startThread(options);
}

function startThread({ entries, job, buffer, onMessage, onError, onExit }: SpawnOptions): WorkerHandle {
  const thread = new Worker(entries.thread);
  thread.on('message', onMessage);
  thread.on('error', (error) => onError(error.message));
  thread.on('exit', (code) => onExit(code, null));
  // Queued until the isolate is up: its first message is its job, as a pre-started thread's is.
  thread.postMessage({ type: 'job', job, buffer } satisfies ThreadCommand);
  // terminate() interrupts even an Atomics.wait, but it is a promise like any other: bounded.
  const stop = (): Promise<boolean> => settlesWithin(thread.terminate(), STOP_LIMIT_MS);
  return {
    send: (command) => {
      if (command.type === 'task') thread.postMessage(command satisfies ThreadCommand);
    },
    stop,
    release: stop,
  };
}

function startProcess({ entries, job, onMessage, onError, onExit }: SpawnOptions): WorkerHandle {
  const child = fork(entries.process, [], {
    ...(entries.node ? { execPath: entries.node } : {}),
    // Inside Electron, process.execPath is the app; this makes it behave as plain Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    execArgv: [],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  trackChild(child);
  const stderr = keepTail(child);
  // A fork that fails (ENOENT, EAGAIN, EMFILE) emits 'error' and 'close', never 'exit'.
  const gone = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('close', () => resolve());
    child.on('error', () => {
      if (neverStarted(child)) resolve();
    });
  });
  let reported = false;
  child.on('message', onMessage);
  child.on('error', (error) => {
    if (reported) return;
    reported = true;
    onError(error.message);
  });
  child.on('exit', (code, signal) => {
    // 'exit' can overtake the last IPC message; give the message a moment to land first.
    setTimeout(() => {
      const why = code !== 0 && !signal ? stderr() : undefined;
      if (why && !reported) {
        reported = true;
        onError(why);
      }
      onExit(code, signal);
    }, 100);
  });
  const send = (command: ProcessCommand): void => {
    // A send that fails (the child just died) arrives as an 'error' event.
    if (child.connected) child.send(command);
  };
  send({ type: 'job', job });
  const stop = (): Promise<boolean> => {
    // Never kill without a pid: before Node notices a failed spawn, kill() signals pid 0, our own group.
    if (!neverStarted(child) && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    return settlesWithin(gone, STOP_LIMIT_MS);
  };
  return { send, stop, release: stop };
}

function neverStarted(child: ChildProcess): boolean {
  return child.pid === undefined;
}

/** Keeps the end of a child's stderr; returns the error line Node printed there, if any. */
function keepTail(child: ChildProcess): () => string | undefined {
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-STDERR_TAIL);
  });
  child.stderr?.on('error', () => {
    // The pipe breaks when the child is killed; what it said so far is all there is.
  });
  return () => tail.split('\n').find((line) => /^\w*Error\b/.test(line))?.trim();
}
