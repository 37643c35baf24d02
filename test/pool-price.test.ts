/**
 * A process pool's price per task (shared/pool-price.ts) through real child processes: paid once
 * per message, by the parent and by the worker, as much work as it was given. Ratios with margins:
 * the work a price of k ms should take is timed here, beside it, on the same machine.
 */
import { describe, expect, it } from 'vitest';
import { builtEntries } from '../src/engine/entries';
import { Pool } from '../src/engine/pool';
import type { TaskCost, TaskPrice } from '../src/shared/pool-price';
import { switchInterval } from '../src/shared/units';
import { OUT_MAIN } from './build-state';
import { loopIterationsPerMs } from './loop-speed';

const entries = builtEntries(OUT_MAIN);
const TASKS = 100;
const SIZE = 2;

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** `messages` messages carrying TASKS empty tasks in all; the parent's and the workers' CPU, and what the parent paid. */
async function serve(price: TaskPrice | undefined, messages: number): Promise<{ parentMs: number; workersMs: number; paid: number }> {
  const pool = await Pool.start({ entries, host: 'process', size: SIZE, chunkIterations: 1000, switchInterval: switchInterval(5), ...(price ? { taskPrice: price } : {}) });
  try {
    const from = cpuMs();
    await Promise.all(Array.from({ length: messages }, () => pool.run(0, TASKS / messages)));
    return { parentMs: cpuMs() - from, workersMs: pool.cpuMs, paid: pool.parentPricePaid.iterations };
  } finally {
    await pool.stop();
  }
}

describe('a process pool paying a price per task', () => {
  it('pays it once per message, in the parent and the workers, as much work as it was given', async () => {
    const perMs = loopIterationsPerMs();
    // A price large against Node's own message (tenths of a ms), so the two are told apart.
    const price: TaskPrice = { parentIterations: Math.round(2 * perMs), workerIterations: Math.round(3 * perMs) };
    const free = await serve(undefined, TASKS);
    const each = await serve(price, TASKS);
    const batched = await serve(price, SIZE);

    // The parent: exactly its share per message, one message each or batched.
    expect(each.paid).toBe(TASKS * price.parentIterations);
    expect(batched.paid).toBe(SIZE * price.parentIterations);
    expect(free.paid).toBe(0);

    // The work was done, not only counted: the extra CPU is what the price's work takes here.
    const parentExtra = (each.parentMs - free.parentMs) / (TASKS * 2);
    const workerExtra = (each.workersMs - free.workersMs) / (TASKS * 3);
    expect(parentExtra).toBeGreaterThan(0.6);
    expect(parentExtra).toBeLessThan(2);
    expect(workerExtra).toBeGreaterThan(0.6);
    expect(workerExtra).toBeLessThan(2);
    // Batched, the workers pay it SIZE times, not TASKS times.
    expect(batched.workersMs - free.workersMs).toBeLessThan((each.workersMs - free.workersMs) / 10);
  });

  it("metered, pays what Node's message leaves of CPython's cost: the parent's and the workers' CPU per message are CPython's multiple of Node's", async () => {
    const perMs = loopIterationsPerMs();
    // CPython's cost a large multiple of Node's message, so that the ratios read it; Node's share is measured and taken off.
    const multiple = 8;
    const cost: TaskCost = { cpythonOverNode: { parent: multiple, worker: multiple }, perMs, nodeGuessMs: { parent: 0, worker: 0 } };
    const pool = await Pool.start({ entries, host: 'process', size: SIZE, chunkIterations: 1000, switchInterval: switchInterval(5), taskCost: cost });
    try {
      // The meter's first windows find Node's cost (the guess here pays nothing); measured after them.
      await Promise.all(Array.from({ length: 750 }, () => pool.run(0, 1)));
      const messages = 1000;
      const from = cpuMs();
      const workersFrom = pool.cpuMs;
      await Promise.all(Array.from({ length: messages }, () => pool.run(0, 1)));
      const parent = (cpuMs() - from) / messages;
      const workers = (pool.cpuMs - workersFrom) / messages;
      const node = pool.nodeMessageCpuMs;
      expect(node?.parent).toBeGreaterThan(0);
      expect(node?.worker).toBeGreaterThan(0);
      const want = { parent: multiple * (node?.parent ?? 0), worker: multiple * (node?.worker ?? 0) };
      // Node's message and the price together: CPython's cost, within margins for a shared machine.
      expect(parent / want.parent).toBeGreaterThan(0.7);
      expect(parent / want.parent).toBeLessThan(1.4);
      expect(workers / want.worker).toBeGreaterThan(0.7);
      expect(workers / want.worker).toBeLessThan(1.4);
    } finally {
      await pool.stop();
    }
  });

  it("metered, pays nothing where Node's message alone costs more than CPython's task", async () => {
    const perMs = loopIterationsPerMs();
    const cost: TaskCost = { cpythonOverNode: { parent: 0.5, worker: 0.5 }, perMs, nodeGuessMs: { parent: 0, worker: 0 } };
    const pool = await Pool.start({ entries, host: 'process', size: SIZE, chunkIterations: 1000, switchInterval: switchInterval(5), taskCost: cost });
    try {
      await Promise.all(Array.from({ length: 600 }, () => pool.run(0, 1)));
      const before = pool.parentPricePaid.iterations;
      await Promise.all(Array.from({ length: 500 }, () => pool.run(0, 1)));
      // Measured, Node's message is dearer than the whole cost: no more price is paid.
      expect(pool.parentPricePaid.iterations).toBe(before);
      expect(pool.nodeMessageCpuMs?.parent).toBeGreaterThan(0.001);
    } finally {
      await pool.stop();
    }
  });
});
