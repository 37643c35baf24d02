/**
 * A free-threaded build's price is work: the same number of atomic updates per iteration whether
 * or not the OS took the core away mid-slice. A scripted clock stands in for the OS, so the test
 * is exact and a busy machine cannot decide it.
 */
import { describe, expect, it } from 'vitest';
import { pricedSlice } from './kernels';

/** A clock that moves 1 ms per reading, plus `preempted` ms on the readings `stalls` picks. */
function scriptedClock(stalls: (reading: number) => boolean, preempted: number) {
  let t = 0;
  let readings = 0;
  const clock = {
    now: (): number => {
      readings++;
      t += 1 + (stalls(readings) ? preempted : 0);
      return t;
    },
    /** A batch of updates takes 0.25 ms of its own, on top of the readings around it. */
    pay: (): void => {
      clock.batches++;
      t += 0.25;
    },
    batches: 0,
  };
  return clock;
}

const SLICES = 200;
const ITERATIONS = 100;

function batchesPaid(cost: number, stalls: (reading: number) => boolean): number {
  const clock = scriptedClock(stalls, 40);
  const slice = pricedSlice(cost, clock.now, clock.pay);
  for (let s = 0; s < SLICES; s++) slice(s * ITERATIONS, (s + 1) * ITERATIONS, 0);
  return clock.batches;
}

describe("a free-threaded build's price", () => {
  it('pays cost times the loop, in updates at their unhindered speed', () => {
    // A slice reads 1 ms, a batch 1.25 ms.
    // 40 % of 200 slices is 64 batches; rounding may leave the last one a hair short of paid.
    expect(batchesPaid(0.4, () => false)).toBeGreaterThanOrEqual(64);
    expect(batchesPaid(0.4, () => false)).toBeLessThanOrEqual(65);
    expect(batchesPaid(0.075, () => false)).toBeGreaterThanOrEqual(12);
    expect(batchesPaid(0.075, () => false)).toBeLessThanOrEqual(13);
  });

  it('pays no more when the OS preempts the thread mid-slice or mid-batch', () => {
    const calm = batchesPaid(0.4, () => false);
    // Every seventh reading comes 40 ms late, as if another program had the core: on the wall
    // clock alone the thread would pay for all that time too.
    expect(batchesPaid(0.4, (reading) => reading % 7 === 0)).toBe(calm);
    // A fifth of the readings, scattered.
    let seed = 12345;
    const scattered = (): boolean => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31 < 0.2;
    };
    expect(batchesPaid(0.4, scattered)).toBe(calm);
  });

  it('ends whatever the clock does: a clock that never moves makes no debt, a batch it cannot see settles one', () => {
    const still = { batches: 0 };
    const frozen = pricedSlice(0.4, () => 5, () => void still.batches++);
    for (let s = 0; s < 10; s++) frozen(s * ITERATIONS, (s + 1) * ITERATIONS, 0);
    expect(still.batches).toBe(0);
    // Slices move the clock, batches do not: each debt is settled by one batch, not by a loop that never ends.
    let t = 0;
    let hidden = false;
    const blind = { batches: 0 };
    const now = (): number => {
      if (hidden) {
        hidden = false;
        return t;
      }
      return ++t;
    };
    const slice = pricedSlice(0.4, now, () => {
      blind.batches++;
      hidden = true;
    });
    for (let s = 0; s < 10; s++) slice(s * ITERATIONS, (s + 1) * ITERATIONS, 0);
    expect(blind.batches).toBe(10);
  });

  it('pays nothing for an empty slice', () => {
    const clock = scriptedClock(() => false, 0);
    pricedSlice(0.4, clock.now, clock.pay)(5, 5, 7);
    expect(clock.batches).toBe(0);
  });
});
