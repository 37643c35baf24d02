/**
 * The interpreter's pre-started threads: a step hands them their jobs (far cheaper than starting an
 * isolate), they come back after a clean step, a cancelled step's threads are terminated and
 * replaced, and a thread that cannot start says why.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { OUT_MAIN } from '../../test/build-state';
import { switchInterval } from '../shared/units';
import { builtEntries } from './entries';
import { RunCancelled } from './errors';
import { InterpreterThreads } from './interpreter-threads';
import { Pool } from './pool';
import type { StepPlan, WorkerSpec } from './step-plan';
import { runStep } from './step-runner';

const entries = builtEntries(OUT_MAIN);
const interpreter = new InterpreterThreads(entries);
afterAll(() => interpreter.stop());

const tiny = (host: WorkerSpec['host'], n: number): WorkerSpec[] =>
  Array.from({ length: n }, () => ({ host, gil: host === 'thread' ? 'shared' : 'own', tasks: [{ kind: 'cpu', iterations: 1 }] }));

function plan(workers: WorkerSpec[], signal = new AbortController().signal): StepPlan {
  return { workers, switchInterval: switchInterval(5), chunkIterations: 1000, entries, signal, onSegments: () => {}, threads: interpreter };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

describe('the interpreter’s threads', () => {
  it('hands a step its threads far faster than starting isolates, and takes them back after', async () => {
    await interpreter.ensure(2);
    expect(interpreter.idleCount).toBe(2);
    const handed: number[] = [];
    for (let i = 0; i < 3; i++) {
      const outcome = await runStep(plan(tiny('thread', 2)));
      handed.push(...outcome.readyMs);
      expect(interpreter.idleCount).toBe(2);
    }
    // 'interpreter' workers are fresh worker_threads: a whole isolate each, started on the clock.
    const fresh = await runStep(plan(tiny('interpreter', 2)));
    expect(fresh.perWorker.every((w) => w.tasks === 1)).toBe(true);
    expect(median(handed) * 10).toBeLessThan(median(fresh.readyMs));
    expect(interpreter.idleCount).toBe(2);
  });

  it('terminates the threads of a cancelled step, and starts others before the next', async () => {
    await interpreter.ensure(2);
    const abort = new AbortController();
    const long: WorkerSpec[] = Array.from({ length: 2 }, () => ({ host: 'thread', gil: 'shared', tasks: [{ kind: 'io', waitMs: 30_000, cpuIterations: 1 }] }));
    const step = runStep({ ...plan(long, abort.signal), onGo: () => setTimeout(() => abort.abort(), 50) });
    await expect(step).rejects.toBeInstanceOf(RunCancelled);
    expect(interpreter.idleCount).toBe(0);
    await interpreter.ensure(2);
    const outcome = await runStep(plan(tiny('thread', 2)));
    expect(outcome.perWorker.map((w) => w.tasks)).toEqual([1, 1]);
  });

  it('serves a pool of threads on pre-started threads, handed a SharedArrayBuffer that stays shared; a pool of new interpreters starts fresh', async () => {
    await interpreter.ensure(1);
    const idle = interpreter.idleCount;
    const threads = await Pool.start({ entries, host: 'thread', size: 1, chunkIterations: 1000, switchInterval: switchInterval(5), threads: interpreter });
    expect(interpreter.idleCount).toBe(idle - 1);
    const shared = new SharedArrayBuffer(8);
    const back = (await threads.run(0, shared)).payload;
    expect(back).toBeInstanceOf(SharedArrayBuffer);
    new Uint8Array(back as SharedArrayBuffer)[0] = 42;
    expect(new Uint8Array(shared)[0]).toBe(42);
    await threads.stop();
    const fresh = await Pool.start({ entries, host: 'interpreter', size: 2, chunkIterations: 1000, switchInterval: switchInterval(5) });
    await Promise.all([fresh.run(10_000), fresh.run(10_000)]);
    expect(fresh.readyMs).toHaveLength(2);
    expect(median(fresh.readyMs)).toBeGreaterThan(median(threads.readyMs) * 10);
    await fresh.stop();
  });

  it('refuses to start on a cancelled signal, and says which thread could not start and why', async () => {
    const abort = new AbortController();
    abort.abort();
    const other = new InterpreterThreads(entries);
    await expect(other.ensure(1, abort.signal)).rejects.toBeInstanceOf(RunCancelled);
    const broken = new InterpreterThreads({ ...entries, thread: `${entries.thread}.missing` });
    await expect(broken.ensure(2)).rejects.toThrow(/^worker \d \(a thread\) could not start: Cannot find module .*; the run was stopped$/s);
    expect(broken.idleCount).toBe(0);
    await other.stop();
    await expect(other.ensure(1)).rejects.toThrow('the interpreter has been shut down');
  });
});
