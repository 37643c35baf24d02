/**
 * The price a metered process pool pays per task (shared/pool-price.ts): CPython's whole cost (a
 * multiple of Node's message) less what Node's message was measured to cost, in iterations of the
 * calibrated loop. Pure arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { cpythonCost, MessageMeter, priceBeyondNode, type MessageWindow, type TaskCost } from '../src/shared/pool-price';

/** An absolute CPython cost, for the arithmetic of priceBeyondNode. */
const CPYTHON = { parent: 0.24, worker: 0.125 };
/** CPython's cost as a multiple of Node's message, each side; both above 1 so both sides pay. */
const RATIO = { parent: 2.5, worker: 1.5 };
const GUESS = { parent: 0.06, worker: 0.1 };
const cost = (perMs: number): TaskCost => ({ cpythonOverNode: RATIO, perMs, nodeGuessMs: GUESS });

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

  it("starts from its guess, then pays what the measured message leaves of CPython's multiple of it", () => {
    const meter = new MessageMeter(cost(perMs));
    expect(meter.price).toEqual(priceBeyondNode(cpythonCost(RATIO, GUESS), GUESS, perMs));
    expect(meter.nodeCpuMs).toBeNull();
    // Node's message dearer than guessed: CPython's, a multiple of it, rises with it.
    const node = { parent: 0.05, worker: 0.02 };
    for (let i = 0; i < 12; i++) meter.observe(window(node, meter.price, perMs, 30));
    expect(meter.price.parentIterations / perMs).toBeCloseTo((RATIO.parent - 1) * node.parent, 3);
    expect(meter.price.workerIterations / perMs).toBeCloseTo((RATIO.worker - 1) * node.worker, 3);
    expect(meter.nodeCpuMs?.parent).toBeCloseTo(node.parent, 6);
    expect(meter.nodeCpuMs?.worker).toBeCloseTo(node.worker, 6);
  });

  it("keeps Node plus the price at CPython's multiple as Node's message drifts", () => {
    const meter = new MessageMeter(cost(perMs));
    const totals: number[] = [];
    for (const parent of [0.04, 0.04, 0.04, 0.04, 0.12, 0.12, 0.12, 0.12, 0.12, 0.12]) {
      const price = meter.price;
      meter.observe(window({ parent, worker: 0.01 }, price, perMs));
      totals.push(parent + price.parentIterations / perMs);
    }
    // Settled after each shift, the parent's whole cost per message is the multiple of Node's.
    expect(totals[3]).toBeCloseTo(RATIO.parent * 0.04, 2);
    expect(totals[9]).toBeCloseTo(RATIO.parent * 0.12, 2);
  });

  it("reads Node's CPU at the speed the loop runs now, not the calibration's", () => {
    // The machine runs at half the calibrated speed: 0.1 ms of Node's CPU is 0.05 ms of the loop.
    const meter = new MessageMeter(cost(perMs));
    for (let i = 0; i < 12; i++) meter.observe(window({ parent: 0.1, worker: 0.04 }, meter.price, perMs / 2, 30));
    expect(meter.price.parentIterations / perMs).toBeCloseTo((RATIO.parent - 1) * 0.05, 3);
    expect(meter.price.workerIterations / perMs).toBeCloseTo((RATIO.worker - 1) * 0.02, 3);
  });

  it("pays nothing on a side where CPython's multiple is below Node's own message", () => {
    const meter = new MessageMeter({ ...cost(perMs), cpythonOverNode: { parent: 2.2, worker: 0.45 } });
    for (let i = 0; i < 12; i++) meter.observe(window({ parent: 0.04, worker: 0.08 }, meter.price, perMs));
    expect(meter.price.workerIterations).toBe(0);
    expect(meter.price.parentIterations / perMs).toBeCloseTo(1.2 * 0.04, 3);
  });
});
