/** Finds the lab's worker processes still alive, by their command line (Linux /proc; ps elsewhere). */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export function processesRunning(fragment: string): number[] {
  if (existsSync('/proc/self/cmdline')) {
    const pids: number[] = [];
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
        if (cmdline.includes(fragment)) pids.push(Number(name));
      } catch {
        // The process ended while we looked.
      }
    }
    return pids;
  }
  const out = execFileSync('ps', ['-A', '-o', 'pid=,command='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes(fragment))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

export async function waitUntil(check: () => boolean, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return check();
}
