/**
 * A worker that cannot start (thread, process, pool worker, sampler) ends the run with one
 * sentence, leaves nothing running, and the same lab runs again once the cause is gone. The
 * failures are real: the entries are symbolic links to the built workers that the test removes,
 * and a process's program is a path that does not exist.
 */
import { switchInterval } from '../src/shared/units';
import { LAB_LESSONS } from '../src/lessons/programs';
import { mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { liveChildCount } from '../src/engine/children';
import { builtEntries, type WorkerEntries } from '../src/engine/entries';
import { Lab } from '../src/engine/lab';
import { Pool } from '../src/engine/pool';
import type { RunEvent } from '../src/shared/results';
import type { RunRequest } from '../src/shared/schemas';
import { OUT_MAIN } from './build-state';
import { processesRunning, waitUntil } from './processes';

const real = builtEntries(OUT_MAIN);
const dir = mkdtempSync(join(tmpdir(), 'gil-lab-spawn-'));
const linked = (path: string): string => join(dir, basename(path));
const entries: WorkerEntries = { thread: linked(real.thread), process: linked(real.process), sampler: linked(real.sampler) };
for (const key of ['thread', 'process', 'sampler'] as const) symlinkSync(real[key], entries[key]);

const lab = new Lab({ entries, lessons: LAB_LESSONS });
const events: RunEvent[] = [];
lab.onEvent((event) => events.push(event));
afterAll(async () => {
  await lab.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const small = { workers: 2, seconds: 0.1, switchMs: 5 };

interface Case {
  name: string;
  request: RunRequest;
  /** Breaks the lab's workers; returns what repairs them. */
  breakIt: () => () => void;
  message: RegExp;
}

const removeLink = (key: 'thread' | 'process' | 'sampler') => (): (() => void) => {
  unlinkSync(entries[key]);
  return () => symlinkSync(real[key], entries[key]);
};

const cases: Case[] = [
  {
    name: 'a thread whose entry is missing',
    request: { experiment: 'cpu-bound', modes: ['threads'], ...small },
    breakIt: removeLink('thread'),
    message: /^worker 1 \(a thread\) could not start: Cannot find module .*lab-thread\.js.*; the run was stopped$/s,
  },
  {
    name: 'a process whose entry is missing',
    request: { experiment: 'cpu-bound', modes: ['processes'], ...small, workers: 3 },
    breakIt: removeLink('process'),
    message: /^worker \d \(a process\) could not start: Error: Cannot find module .*lab-process\.js'; the run was stopped$/,
  },
  {
    name: 'a process beside a running thread (convoy)',
    request: { experiment: 'convoy', ...small, workers: 1 },
    breakIt: removeLink('process'),
    message: /^worker 2 \(a process\) could not start: Error: Cannot find module .*lab-process\.js'; the run was stopped$/,
  },
  {
    name: 'a process whose program does not exist (a fork that fails with ENOENT)',
    request: { experiment: 'cpu-bound', modes: ['processes'], ...small, workers: 3 },
    breakIt: () => {
      entries.node = join(dir, 'no-such-node');
      return () => delete entries.node;
    },
    message: /^worker \d \(a process\) could not start: spawn .*no-such-node ENOENT; the run was stopped$/,
  },
  {
    name: 'a pool of processes',
    request: { experiment: 'process-cost', ...small, seconds: 0.05 },
    breakIt: removeLink('process'),
    message: /^pool worker \d \(a process\) could not start: Error: Cannot find module .*lab-process\.js'$/,
  },
  {
    name: 'a pool of processes whose program does not exist',
    request: { experiment: 'hybrid', modes: ['hybrid'], ...small, seconds: 0.05 },
    breakIt: () => {
      entries.node = join(dir, 'no-such-node');
      return () => delete entries.node;
    },
    message: /^pool worker \d \(a process\) could not start: spawn .*no-such-node ENOENT$/,
  },
  {
    name: 'the sampler thread',
    request: { experiment: 'cpu-bound', modes: ['threads'], ...small, seconds: 2 },
    breakIt: removeLink('sampler'),
    message: /^the core sampler thread failed: Cannot find module .*lab-sampler\.js.*; the run was stopped$/s,
  },
];

describe('a worker that cannot start', () => {
  it.each(cases)('$name: the run fails with a sentence, nothing is left, the next run works', async ({ request, breakIt, message }) => {
    const repair = breakIt();
    try {
      events.length = 0;
      const { runId, done } = lab.startRun(request);
      const error = await done.then(
        () => new Error('the run succeeded'),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(message);
      expect(events.filter((e) => e.type === 'run-failed')).toEqual([{ type: 'run-failed', runId, message: (error as Error).message }]);
      expect(lab.busy).toBe(false);
      expect(liveChildCount()).toBe(0);
      expect(processesRunning(dir)).toEqual([]);
    } finally {
      repair();
    }
    const results = await lab.startRun(request).done;
    expect(results.length).toBeGreaterThan(0);
    expect(await waitUntil(() => processesRunning(dir).length === 0, 2000)).toBe(true);
  });

  it('a pool that starts some workers and not others stops those it started', async () => {
    // A real process entry that lets one fork in (it takes the ticket) and fails the others.
    const gate = join(dir, 'one-ticket.cjs');
    writeFileSync(
      gate,
      `try { require('node:fs').mkdirSync(${JSON.stringify(join(dir, 'ticket'))}); } catch { console.error('Error: no ticket left'); process.exit(3); }\n` +
        `require(${JSON.stringify(real.process)});\n`,
    );
    const start = Pool.start({ entries: { ...real, process: gate }, host: 'process', size: 3, chunkIterations: 1000, switchInterval: switchInterval(5), signal: new AbortController().signal });
    await expect(start).rejects.toThrow(/^pool worker \d \(a process\) could not start: Error: no ticket left$/);
    expect(processesRunning(gate)).toEqual([]);
    expect(liveChildCount()).toBe(0);
  });
});
