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
  child.once('exit', () => live.delete(child));
  if (!hooked) {
    hooked = true;
    process.once('exit', killAllChildren);
  }
}

export function killAllChildren(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  live.clear();
}

export function liveChildCount(): number {
  return live.size;
}
