/**
 * The price a metered process pool pays per task (shared/pool-price.ts): CPython's whole cost less
 * what Node's message was measured to cost, in iterations of the calibrated loop. Pure arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { MessageMeter, priceBeyondNode, type MessageWindow, type TaskCost } from '../src/shared/pool-price';

const CPYTHON = { parent: 0.24, worker: 0.125 };
const cost = (perMs: number): TaskCost => ({ cpythonMs: CPYTHON, perMs, nodeGuessMs: { parent: 0.06, worker: 0.1 } });

/**
 * A window of `messages` as a pool would see it: Node's message costing `node` CPU ms, the price
 * paid as `price` iterations per message, its work running at `perMsNow` iterations per CPU ms,
 * each task `task` iterations.
 */
function window(node: { parent: number; worker: number }, price: { parentIterations: number; workerIterations: number }, perMsNow: number, task = 0, messages = 250): MessageWindow {
  const parentPriceCpuMs = (messages * price.parentIterations) / perMsNow;
  const workerIterations = messages * (task + price.workerIterations);
  return {
    messages,
    parentCpuMs: messages * node.parent + parentPriceCpuMs,
    parentPriceCpuMs,
    parentPriceIterations: messages * price.parentIterations,
    workerCpuMs: messages * node.worker + workerIterations / perMsNow,
    workerIterations,
  };
}

describe('the price beyond Node\'s message', () => {
  it("pays CPython's cost less Node's, in iterations of the calibrated loop", () => {
    expect(priceBeyondNode(CPYTHON, { parent: 0.08, worker: 0.05 }, 1000)).toEqual({ parentIterations: 160, workerIterations: 75 });
  });

  it('never pays less than nothing where Node alone costs more', () => {
    expect(priceBeyondNode(CPYTHON, { parent: 0.3, worker: 0.2 }, 1000)).toEqual({ parentIterations: 0, workerIterations: 0 });
    expect(priceBeyondNode(CPYTHON, { parent: 0.3, worker: 0.05 }, 1000)).toEqual({ parentIterations: 0, workerIterations: 75 });
  });

  it('scales with the calibrated loop', () => {
    const slow = priceBeyondNode(CPYTHON, { parent: 0.1, worker: 0.1 }, 20_000);
    const fast = priceBeyondNode(CPYTHON, { parent: 0.1, worker: 0.1 }, 80_000);
    expect(fast.parentIterations).toBe(4 * slow.parentIterations);
    expect(fast.workerIterations).toBe(4 * slow.workerIterations);
    expect(slow).toEqual({ parentIterations: 2800, workerIterations: 500 });
  });
});

describe('a meter of Node\'s message', () => {
  const perMs = 100_000;

  it('starts from its guess, then pays what the measured message leaves of CPython\'s cost', () => {
    const meter = new MessageMeter(cost(perMs));
    expect(meter.price).toEqual(priceBeyondNode(CPYTHON, { parent: 0.06, worker: 0.1 }, perMs));
    expect(meter.nodeCpuMs).toBeNull();
    // Node's message dearer than guessed: the price falls to what is left.
    const node = { parent: 0.14, worker: 0.05 };
    for (let i = 0; i < 12; i++) meter.observe(window(node, meter.price, perMs, 30));
    expect(meter.price.parentIterations / perMs).toBeCloseTo(CPYTHON.parent - node.parent, 3);
    expect(meter.price.workerIterations / perMs).toBeCloseTo(CPYTHON.worker - node.worker, 3);
    expect(meter.nodeCpuMs?.parent).toBeCloseTo(node.parent, 6);
    expect(meter.nodeCpuMs?.worker).toBeCloseTo(node.worker, 6);
  });

  it('keeps Node plus the price at CPython\'s cost as Node\'s message drifts', () => {
    const meter = new MessageMeter(cost(perMs));
    const totals: number[] = [];
    for (const parent of [0.06, 0.06, 0.06, 0.06, 0.17, 0.17, 0.17, 0.17, 0.17, 0.17]) {
      const price = meter.price;
      meter.observe(window({ parent, worker: 0.1 }, price, perMs));
      totals.push(parent + price.parentIterations / perMs);
    }
    // Settled after each shift, the parent's whole cost per message is CPython's.
    expect(totals[3]).toBeCloseTo(CPYTHON.parent, 3);
    expect(totals[9]).toBeCloseTo(CPYTHON.parent, 2);
  });

  it("reads Node's CPU at the speed the loop runs now, not the calibration's", () => {
    // The machine runs at half the calibrated speed: 0.1 ms of Node's CPU is 0.05 ms of the loop.
    const meter = new MessageMeter(cost(perMs));
    for (let i = 0; i < 12; i++) meter.observe(window({ parent: 0.1, worker: 0.04 }, meter.price, perMs / 2, 30));
    expect(meter.price.parentIterations / perMs).toBeCloseTo(CPYTHON.parent - 0.05, 3);
    expect(meter.price.workerIterations / perMs).toBeCloseTo(CPYTHON.worker - 0.02, 3);
  });

  it('pays nothing where Node\'s message alone costs more than CPython\'s task', () => {
    const meter = new MessageMeter(cost(perMs));
    for (let i = 0; i < 12; i++) meter.observe(window({ parent: 0.5, worker: 0.3 }, meter.price, perMs));
    expect(meter.price).toEqual({ parentIterations: 0, workerIterations: 0 });
  });
});
