/**
 * One harness process: python -I -B python/harness/run.py (-B: nothing written beside the lab's files), its JSON lines parsed as they come, and a
 * sure way to stop it. On POSIX it leads its own process group, so cancelling kills the harness and
 * every worker process it started in one signal; on Windows `taskkill /T` ends the tree. If the lab
 * itself dies, the harness sees its stdin close and exits (run.py), and its children follow it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { harnessLineSchema, type HarnessLine } from '../../shared/python-schemas';
import { describeIssue } from '../../shared/schemas';
import { trackChild } from '../children';
import { LabError, RunCancelled } from '../errors';
import { pythonEnv } from './python-env';

/** Longest the harness may take to say hello (interpreter start-up on a slow, busy laptop). */
export const HELLO_TIMEOUT_MS = 20_000;

export interface HarnessOptions {
  python: string;
  script: string;
  args: string[];
  signal: AbortSignal;
  /** The whole run's time limit. */
  timeoutMs: number;
  env?: Record<string, string>;
  onLine: (line: HarnessLine) => void;
}

const live = new Set<ChildProcess>();
let hooked = false;

/** Kills the harness and every process it started. Safe to call twice. */
export function killTree(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { timeout: 5_000, windowsHide: true, stdio: 'ignore' });
  } else {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
  }
  child.kill('SIGKILL');
}

/** Runs the harness to its end; resolves when it said "done", rejects with a sentence otherwise. */
export function runHarness(options: HarnessOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (options.signal.aborted) {
      reject(new RunCancelled());
      return;
    }
    const child = spawn(options.python, ['-I', '-B', options.script, ...options.args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: pythonEnv(options.env),
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    trackChild(child);
    live.add(child);
    if (!hooked) {
      hooked = true;
      process.once('exit', () => live.forEach(killTree));
    }
    let settled = false;
    let sawDone = false;
    let stderr = '';
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(hello);
      clearTimeout(limit);
      options.signal.removeEventListener('abort', onAbort);
      killTree(child);
      live.delete(child);
      if (error) reject(error);
      else resolve();
    };
    const onAbort = (): void => finish(new RunCancelled());
    options.signal.addEventListener('abort', onAbort, { once: true });
    const hello = setTimeout(() => finish(new LabError(`${options.python} did not start the lab's harness within ${HELLO_TIMEOUT_MS / 1000} s`)), HELLO_TIMEOUT_MS);
    const limit = setTimeout(() => finish(new LabError(`the CPython run took longer than ${Math.round(options.timeoutMs / 1000)} s and was stopped`)), options.timeoutMs);
    child.stdin.on('error', () => undefined); // never written; closing it is the harness's "the lab has gone"
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.on('error', (error) => finish(new LabError(`could not start ${options.python}: ${error.message}`)));
    createInterface({ input: child.stdout }).on('line', (text) => {
      if (settled || text.trim() === '') return;
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        finish(new LabError(`the harness wrote something that is not JSON: ${text.slice(0, 120)}`));
        return;
      }
      const line = harnessLineSchema.safeParse(raw);
      if (!line.success) {
        finish(new LabError(`the harness wrote an unexpected line (${describeIssue(line.error)})`));
        return;
      }
      clearTimeout(hello);
      if (line.data.type === 'error') {
        finish(new LabError(`CPython reported: ${line.data.message}`));
        return;
      }
      if (line.data.type === 'done') sawDone = true;
      options.onLine(line.data);
    });
    child.on('close', (code) => {
      if (sawDone && code === 0) finish();
      else finish(new LabError(`the CPython harness ended (code ${code ?? 'none'}) before finishing${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}`));
    });
  });
}
