/**
 * No worker outlives its run: not after it completes, not after a cancel, and not after the host
 * itself is killed with SIGKILL (the children notice their parent is gone and exit).
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { builtEntries } from '../src/engine/entries';
import { liveChildCount } from '../src/engine/children';
import { RunCancelled } from '../src/engine/errors';
import { Lab } from '../src/engine/lab';
import { LAB_LESSONS } from '../src/lessons/programs';
import { OUT_MAIN } from './build-state';
import { CLI, runCli } from './cli';
import { processesRunning, waitUntil } from './processes';

const entries = builtEntries(OUT_MAIN);
const workerProcesses = (): number[] => processesRunning(entries.process);

afterEach(async () => {
  await waitUntil(() => workerProcesses().length === 0, 3000);
});

describe('no orphans', () => {
  it('after a run completes', async () => {
    const out = await runCli(['run', 'cpu-bound', '--modes', 'processes', '--workers', '3', '--seconds', '0.2', '--json']);
    expect(out.code, out.stderr).toBe(0);
    expect(await waitUntil(() => workerProcesses().length === 0, 1000)).toBe(true);
  });

  it('after a cancel, in processes and in threads mode', async () => {
    const lab = new Lab({ entries, lessons: LAB_LESSONS });
    try {
      for (const mode of ['processes', 'threads'] as const) {
        const started = new Promise<void>((resolve) => {
          const off = lab.onEvent((event) => {
            if (event.type === 'mode-started') {
              off();
              resolve();
            }
          });
        });
        const { done } = lab.startRun({ experiment: 'cpu-bound', modes: [mode], workers: 3, seconds: 20, switchMs: 5 });
        await started;
        if (mode === 'processes') expect(workerProcesses().length).toBe(3);
        const asked = Date.now();
        expect(await lab.cancel()).toBe(true);
        await expect(done).rejects.toBeInstanceOf(RunCancelled);
        expect(Date.now() - asked).toBeLessThan(2000);
        expect(lab.busy).toBe(false);
        expect(liveChildCount()).toBe(0);
        expect(workerProcesses()).toEqual([]);
      }
      // And the lab is still usable afterwards.
      const results = await lab.startRun({ experiment: 'io-bound', modes: ['threads'], workers: 2, seconds: 0.1, switchMs: 5 }).done;
      expect(results).toHaveLength(1);
    } finally {
      await lab.dispose();
    }
  });

  it('after the host is killed with SIGKILL, its worker processes exit within 2 s', async () => {
    const host = spawn(process.execPath, [CLI, 'run', 'cpu-bound', '--modes', 'processes', '--workers', '3', '--seconds', '20'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      host.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('running processes')) resolve();
      });
      host.on('exit', () => reject(new Error(`host ended early: ${stderr}`)));
    });
    expect(await waitUntil(() => workerProcesses().length === 3, 5000)).toBe(true);
    host.kill('SIGKILL');
    const killedAt = Date.now();
    expect(await waitUntil(() => workerProcesses().length === 0, 2000, 25)).toBe(true);
    expect(Date.now() - killedAt).toBeLessThanOrEqual(2000);
  });
});
