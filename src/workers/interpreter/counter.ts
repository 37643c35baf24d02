/**
 * `counter += 1` written out in Python, as the counter-race lesson shows it: read the global,
 * add one in a call, write it back. The eval breaker is checked in the gap (a call checks it), so
 * a switch request is honoured between the read and the write: the thread switched out there
 * writes back a value that has gone stale, and every increment made meanwhile is lost, GIL or not.
 *
 * The model checks once per chunk, and the loop's backward jump is a check too in CPython, where a
 * switch costs nothing: a request is honoured at whichever check comes first after it, so the
 * chunk's check sits in the gap with the chance CPython's land there (SWITCH_IN_GAP). With `lock` each
 * read-modify-write sits inside a threading.Lock: a thread that finds it taken blocks on it with
 * the GIL released, as lock.acquire() does, and the count is exact.
 *
 * The lock costs what CPython's does (LockPrice, measured by bench/python/lock_cost.py): each
 * acquire and release pays the bytecodes and C calls of `with lock:`, and a release made while
 * another thread is blocked on the lock pays the wake-up, as sem_post pays a FUTEX_WAKE system call
 * whenever a waiter is registered on the semaphore. Both are paid as real work, in increments of
 * this loop, by the thread that holds the GIL while CPython pays them.
 */
import { GIL } from '../../shared/gil-layout';
import type { LockPrice } from '../../shared/worker-protocol';
import { Cancelled } from './gil';
import type { KernelContext } from './kernels';

/** What a locked run paid for its lock, in increments of the loop (for tests and debugging). */
export interface LockBill {
  /** Increments' worth of work paid for the lock. */
  paid: number;
  /** Releases made while another thread was blocked on the lock. */
  wakes: number;
}

/** A scratch word of this thread's own: the price's increments touch it as the loop touches the counter. */
const scratch = new Int32Array(new SharedArrayBuffer(4));

/** `increments` read-modify-writes of the scratch word: what as many increments of the loop cost, without counting. */
export function payIncrements(increments: number): number {
  for (let i = 0; i < increments; i++) Atomics.store(scratch, 0, Atomics.load(scratch, 0) + 1);
  return Math.max(0, increments);
}

/** Pays a price given in fractions of an increment whole increments at a time, carrying the rest. */
class Meter {
  private owed = 0;
  constructor(readonly bill: LockBill) {}

  pay(increments: number): void {
    this.owed += increments;
    const whole = Math.floor(this.owed);
    if (whole <= 0) return;
    this.owed -= whole;
    this.bill.paid += payIncrements(whole);
  }
}

const FREE: LockPrice = { lock: 0, wake: 0 };

/**
 * The chance a switch lands between the read and the write. Two threads' lost share follows it: a
 * thread switched out in the gap writes back over the other's whole next turn, so a simulation of
 * alternating turns loses 24 % at 0.32 and 50 % at 1 (each thread then counts only its own). Measured with the lesson's own code at the default 5 ms interval, three runs each on this
 * project's VM: CPython 3.11, 3.12 and 3.13 lost 17-29 % (median 24 %); 3.10, 33-39 % (about 0.57
 * here: its loop checks in other places). With every switch in the gap the lab lost 49-50 %.
 */
export const SWITCH_IN_GAP = 0.32;
const landsInGap = (): boolean => Math.random() < SWITCH_IN_GAP;

/**
 * `inGap`: whether this chunk's check for a switch falls between the read and the write. With the
 * lock it always does: the lock's price was measured against that loop (bench/python/lock_cost.py),
 * and a switch there finds the lock held, which is what makes it dear.
 */
export function counterKernel(count: number, lock: boolean, ctx: KernelContext, price: LockPrice = FREE, bill: LockBill = { paid: 0, wakes: 0 }, inGap: () => boolean = landsInGap): number {
  const words = ctx.gil.words32;
  const me = ctx.gil.id + 1;
  const meter = new Meter(bill);
  let done = 0;
  while (done < count) {
    const end = Math.min(count, done + ctx.chunkIterations);
    // All but the last increment of the chunk: nothing between read and write checks for a switch.
    for (; done < end - 1; done++) {
      if (lock) acquire(words, me, ctx);
      Atomics.store(words, GIL.COUNTER, Atomics.load(words, GIL.COUNTER) + 1);
      if (lock) release(words, price, meter);
    }
    if (lock) acquire(words, me, ctx);
    if (lock || inGap()) {
      const seen = Atomics.load(words, GIL.COUNTER);
      // The call between read and write: a pending switch request honoured here loses what others add meanwhile.
      ctx.gil.checkpoint();
      Atomics.store(words, GIL.COUNTER, seen + 1);
    } else {
      Atomics.store(words, GIL.COUNTER, Atomics.load(words, GIL.COUNTER) + 1);
      // The loop's jump back: a switch honoured here costs nothing.
      ctx.gil.checkpoint();
    }
    if (lock) release(words, price, meter);
    done++;
    ctx.onCheckpoint();
  }
  return done;
}

/**
 * lock.acquire(): free, taken at once; held by another thread, wait for it with the GIL released,
 * counted in LOCK_WAITERS from the failed try until the lock is ours (a semaphore's waiters).
 */
function acquire(words: Int32Array, me: number, ctx: KernelContext): void {
  if (Atomics.compareExchange(words, GIL.LOCK, 0, me) === 0) return;
  ctx.gil.drop('blocked');
  Atomics.add(words, GIL.LOCK_WAITERS, 1);
  try {
    while (Atomics.compareExchange(words, GIL.LOCK, 0, me) !== 0) {
      if (ctx.gil.cancelled()) throw new Cancelled();
      const owner = Atomics.load(words, GIL.LOCK);
      if (owner !== 0) Atomics.wait(words, GIL.LOCK, owner, 50);
      ctx.onCheckpoint();
    }
  } finally {
    Atomics.sub(words, GIL.LOCK_WAITERS, 1);
  }
  ctx.gil.take();
}

/**
 * lock.release(): frees the lock, then pays the acquire and release; with a thread blocked on it,
 * wakes one and pays the wake-up. The lock is free while that is paid, so the woken thread may take
 * it meanwhile, as it may while sem_post's system call runs.
 */
function release(words: Int32Array, price: LockPrice, meter: Meter): void {
  Atomics.store(words, GIL.LOCK, 0);
  if (Atomics.load(words, GIL.LOCK_WAITERS) > 0) {
    Atomics.notify(words, GIL.LOCK, 1);
    meter.bill.wakes++;
    meter.pay(price.wake);
  }
  meter.pay(price.lock);
}
