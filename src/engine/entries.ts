/**
 * Where the built worker entry points are. Each host passes the folder of its own bundle, because
 * only the host's entry file knows where it was built to.
 */
import { join } from 'node:path';

export interface WorkerEntries {
  /** A Python thread: worker_thread sharing one GIL. */
  thread: string;
  /** A Python process: child process with a GIL of its own. */
  process: string;
  /** The per-core monitor. */
  sampler: string;
  /** The program that runs a process entry; this host's own executable when absent. */
  node?: string;
}

export function builtEntries(bundleDir: string): WorkerEntries {
  return {
    thread: join(bundleDir, 'workers', 'lab-thread.js'),
    process: join(bundleDir, 'workers', 'lab-process.js'),
    sampler: join(bundleDir, 'workers', 'lab-sampler.js'),
  };
}
