/**
 * The counter loop pays its threading.Lock's price (LockPrice) as work in increments of the loop:
 * accounted, not timed. One thread, so no wall clock and nothing spawned.
 */
import { describe, expect, it } from 'vitest';
import { createGilBuffer, GIL } from '../../shared/gil-layout';
import type { LockPrice, WorkerJob } from '../../shared/worker-protocol';
import { counterKernel, payIncrements, SWITCH_IN_GAP, type LockBill } from './counter';
import type { GilClient } from './gil';
import { createWorker } from './run-job';

const job: WorkerJob = { worker: 0, tasks: [], gil: 'shared', chunkIterations: 250, switchIntervalUs: 5000, clockStart: performance.now(), flushMs: 60_000 };

function counted(count: number, lock: boolean, price?: LockPrice, waiters = 0): { words: Int32Array; bill: LockBill; done: number } {
  const buffer = createGilBuffer(2, 5000);
  const words = new Int32Array(buffer);
  const { gil, ctx } = createWorker(job, buffer, () => {});
  // Another thread blocked on the lock, as far as the releases can tell.
  Atomics.store(words, GIL.LOCK_WAITERS, waiters);
  const bill: LockBill = { paid: 0, wakes: 0 };
  gil.take();
  const done = counterKernel(count, lock, ctx, price, bill);
  gil.drop('done');
  return { words, bill, done };
}

describe('the counter loop with a priced threading.Lock', () => {
  const price: LockPrice = { lock: 2.5, wake: 10 };

  it('pays the lock price on every acquire and release, whole increments at a time', () => {
    const { words, bill, done } = counted(1000, true, price);
    expect(done).toBe(1000);
    expect(Atomics.load(words, GIL.COUNTER)).toBe(1000);
    expect(Atomics.load(words, GIL.LOCK)).toBe(0);
    // Nobody was blocked on it: no wake-ups, only the acquire and release.
    expect(bill.wakes).toBe(0);
    expect(bill.paid).toBe(2500);
  });

  it('pays the wake-up on each release made while a thread is blocked on the lock', () => {
    const { bill } = counted(1000, true, price, 1);
    expect(bill.wakes).toBe(1000);
    expect(bill.paid).toBe(1000 * (10 + 2.5));
  });

  it('makes a locked increment cost the price more than an unlocked one, in increments of work', () => {
    const plain = counted(1000, false, price, 1);
    const locked = counted(1000, true, price, 1);
    expect(plain.bill.paid).toBe(0);
    // The lesson's slowdown with the lock, counted: 1 increment of the loop against 1 + lock + wake.
    expect((locked.done + locked.bill.paid) / (plain.done + plain.bill.paid)).toBeGreaterThanOrEqual(1 + price.lock + price.wake);
  });

  it('charges nothing without a price, and nothing for a negative one', () => {
    expect(counted(500, true).bill.paid).toBe(0);
    expect(payIncrements(-3)).toBe(0);
    expect(payIncrements(7)).toBe(7);
  });
});

describe('where a switch lands in the unlocked loop', () => {
  const TURN = 1000;
  /** One thread's count, each check for a switch standing for the other thread's turn of TURN increments. */
  function raced(chunks: number, inGap?: () => boolean): { counter: number; lost: number } {
    const buffer = createGilBuffer(2, 5000);
    const words = new Int32Array(buffer);
    const { gil, ctx } = createWorker(job, buffer, () => {});
    const switching = { id: gil.id, words32: gil.words32, checkpoint: () => void Atomics.add(words, GIL.COUNTER, TURN) } as unknown as GilClient;
    counterKernel(chunks * job.chunkIterations, false, { ...ctx, gil: switching }, undefined, undefined, inGap);
    const counter = Atomics.load(words, GIL.COUNTER);
    return { counter, lost: chunks * (job.chunkIterations + TURN) - counter };
  }

  it('loses the other turn when the check falls between the read and the write, nothing when it falls after', () => {
    expect(raced(10, () => true)).toEqual({ counter: 10 * job.chunkIterations, lost: 10 * TURN });
    expect(raced(10, () => false)).toEqual({ counter: 10 * (job.chunkIterations + TURN), lost: 0 });
  });

  it('falls in the gap as often as CPython’s do', () => {
    const chunks = 20_000;
    const share = raced(chunks).lost / (chunks * TURN);
    // Binomial over 20 000 checks: one standard deviation is 0.0033.
    expect(Math.abs(share - SWITCH_IN_GAP)).toBeLessThan(0.02);
  });

  it('always falls in the gap with the lock, as the lock’s price was measured', () => {
    const { ctx, gil } = createWorker(job, createGilBuffer(2, 5000), () => {});
    gil.take();
    expect(() => counterKernel(500, true, ctx, undefined, undefined, () => { throw new Error('consulted'); })).not.toThrow();
    gil.drop('done');
  });
});
