/**
 * `npm run lab` goes through scripts/lab.mjs. A stop signal sent to that wrapper alone reaches the
 * CLI under it once (a tidy cancel, not a quit at once), the wrapper ends with the CLI's code, and
 * no worker is left. Real signals to real processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtEntries } from '../src/engine/entries';
import { OUT_MAIN, ROOT } from './build-state';
import { processesRunning, waitUntil } from './processes';

const WRAPPER = join(ROOT, 'scripts', 'lab.mjs');
const CLI = join(OUT_MAIN, 'cli.js');
const LONG_RUN = ['run', 'cpu-bound', '--modes', 'processes', '--workers', '3', '--seconds', '20'];
const workerProcesses = (): number[] => processesRunning(builtEntries(OUT_MAIN).process);
const cliProcesses = (): number[] => processesRunning(CLI);

interface Wrapped {
  wrapper: ChildProcess;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: Wrapped[] = [];

/** The wrapper (leading a process group of its own, as a shell would start it) once its run's workers are up. */
async function wrappedRun(): Promise<Wrapped> {
  const wrapper = spawn(process.execPath, [WRAPPER, ...LONG_RUN], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  wrapper.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => wrapper.on('exit', (code, signal) => resolve({ code, signal })));
  const run = { wrapper, stderr: () => stderr, exited };
  started.push(run);
  expect(await waitUntil(() => workerProcesses().length === 3, 60_000), stderr).toBe(true);
  return run;
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

afterEach(async () => {
  for (const { wrapper } of started.splice(0)) {
    if (wrapper.exitCode === null && wrapper.signalCode === null) wrapper.kill('SIGKILL');
  }
  for (const pid of cliProcesses()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  await waitUntil(() => workerProcesses().length === 0, 5_000);
});

describe('scripts/lab.mjs passes stop signals on to the CLI', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGHUP', 129],
  ] as const)('%s to the wrapper alone cancels the run and the wrapper exits with the CLI code %i', async (signal, code) => {
    const run = await wrappedRun();
    process.kill(run.wrapper.pid as number, signal);
    const end = await within(run.exited, 15_000, `the wrapper was still running 15 s after ${signal}: ${run.stderr()}`);
    expect(end.code, run.stderr()).toBe(code);
    // A tidy cancel: the CLI heard one signal, not two.
    expect(run.stderr()).toMatch(/the run was cancelled; every worker has been stopped/);
    expect(run.stderr()).not.toMatch(/stopped at once/);
    expect(await waitUntil(() => workerProcesses().length === 0 && cliProcesses().length === 0, 3_000)).toBe(true);
  });

  it("Ctrl+C at a terminal (the wrapper's whole group) with npm passing it on too is one press, not two", async () => {
    const run = await wrappedRun();
    const pid = run.wrapper.pid as number;
    process.kill(-pid, 'SIGINT');
    process.kill(pid, 'SIGINT');
    const end = await within(run.exited, 15_000, `the wrapper was still running 15 s after Ctrl+C: ${run.stderr()}`);
    expect(end.code, run.stderr()).toBe(130);
    expect(run.stderr()).toMatch(/the run was cancelled; every worker has been stopped/);
    expect(run.stderr()).not.toMatch(/stopped at once/);
    expect(await waitUntil(() => workerProcesses().length === 0, 3_000)).toBe(true);
  });
});
