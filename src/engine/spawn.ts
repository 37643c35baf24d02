/**
 * Starting one worker, whatever it is made of: a worker_thread (a Python thread of this
 * interpreter) or a child process (an interpreter of its own). Both look the same to the runner.
 */
import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import type { ProcessCommand, WorkerJob } from '../shared/worker-protocol';
import { trackChild } from './children';
import type { WorkerEntries } from './entries';

export type Host = 'thread' | 'process';

export interface WorkerHandle {
  /** Sends a command (processes and pool workers; a thread's job travels as workerData). */
  send(command: ProcessCommand): void;
  /** Stops it now, whatever it is doing; resolves once it is gone. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  entries: WorkerEntries;
  host: Host;
  job: WorkerJob;
  /** The interpreter's GIL; threads of one interpreter share it. Processes make their own. */
  buffer: SharedArrayBuffer;
  onMessage: (raw: unknown) => void;
  onExit: (code: number | null, signal: string | null) => void;
}

export function spawnWorker(options: SpawnOptions): WorkerHandle {
  return options.host === 'thread' ? startThread(options) : startProcess(options);
}

function startThread({ entries, job, buffer, onMessage, onExit }: SpawnOptions): WorkerHandle {
  const thread = new Worker(entries.thread, { workerData: { job, buffer } });
  thread.on('message', onMessage);
  thread.on('error', (error) => onMessage({ type: 'error', message: error.message }));
  thread.on('exit', (code) => onExit(code, null));
  return {
    send: (command) => thread.postMessage(command),
    stop: async () => {
      await thread.terminate();
    },
  };
}

function startProcess({ entries, job, onMessage, onExit }: SpawnOptions): WorkerHandle {
  const child = fork(entries.process, [], {
    // Inside Electron, process.execPath is the app; this makes it behave as plain Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    execArgv: [],
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  trackChild(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', onMessage);
  child.on('error', (error) => onMessage({ type: 'error', message: error.message }));
  // 'exit' can overtake the last IPC message; give the message a moment to land first.
  child.on('exit', (code, signal) => setTimeout(() => onExit(code, signal), 100));
  const send = (command: ProcessCommand): void => {
    if (child.connected) child.send(command);
  };
  send({ type: 'job', job });
  return {
    send,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
