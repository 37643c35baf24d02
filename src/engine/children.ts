/**
 * Every child process the lab starts is registered here, so that however the host ends (normal
 * exit, an uncaught error, Ctrl+C) none is left burning a core. A SIGKILL of the host cannot be
 * caught; for that case each child watches its parent itself (src/workers/interpreter/process-entry.ts).
 */
import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();
let hooked = false;

export function trackChild(child: ChildProcess): void {
  live.add(child);
  const forget = (): void => void live.delete(child);
  child.once('exit', forget);
  // A fork that never started emits 'error' and 'close' but no 'exit'.
  child.once('close', forget);
  child.on('error', () => {
    if (child.pid === undefined) forget();
  });
  if (!hooked) {
    hooked = true;
    process.once('exit', killAllChildren);
  }
}

export function killAllChildren(): void {
  for (const child of live) {
    // Without a pid, kill() would signal pid 0: this process's whole group.
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  live.clear();
}

export function liveChildCount(): number {
  return live.size;
}
