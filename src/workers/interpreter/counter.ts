/**
 * `counter += 1` written out in Python, as the counter-race lesson shows it: read the global,
 * add one in a call, write it back. The eval breaker is checked in the gap (a call checks it), so
 * a switch request is honoured between the read and the write: the thread switched out there
 * writes back a value that has gone stale, and every increment made meanwhile is lost, GIL or not.
 *
 * The model checks only at that gap, once per chunk, so every switch lands there; in CPython the
 * loop's backward jump is a check too, and some switches cost nothing. With `lock` each
 * read-modify-write sits inside a threading.Lock: a thread that finds it taken blocks on it with
 * the GIL released, as lock.acquire() does, and the count is exact.
 */
import { GIL } from '../../shared/gil-layout';
import { Cancelled } from './gil';
import type { KernelContext } from './kernels';

export function counterKernel(count: number, lock: boolean, ctx: KernelContext): number {
  const words = ctx.gil.words32;
  const me = ctx.gil.id + 1;
  let done = 0;
  while (done < count) {
    const end = Math.min(count, done + ctx.chunkIterations);
    // All but the last increment of the chunk: nothing between read and write checks for a switch.
    for (; done < end - 1; done++) {
      if (lock) acquire(words, me, ctx);
      Atomics.store(words, GIL.COUNTER, Atomics.load(words, GIL.COUNTER) + 1);
      if (lock) release(words);
    }
    if (lock) acquire(words, me, ctx);
    const seen = Atomics.load(words, GIL.COUNTER);
    // The call between read and write: where a pending switch request is honoured.
    ctx.gil.checkpoint();
    Atomics.store(words, GIL.COUNTER, seen + 1);
    if (lock) release(words);
    done++;
    ctx.onCheckpoint();
  }
  return done;
}

/** lock.acquire(): free, taken at once; held by another thread, wait for it with the GIL released. */
function acquire(words: Int32Array, me: number, ctx: KernelContext): void {
  if (Atomics.compareExchange(words, GIL.LOCK, 0, me) === 0) return;
  ctx.gil.drop('blocked');
  while (Atomics.compareExchange(words, GIL.LOCK, 0, me) !== 0) {
    if (ctx.gil.cancelled()) throw new Cancelled();
    const owner = Atomics.load(words, GIL.LOCK);
    if (owner !== 0) Atomics.wait(words, GIL.LOCK, owner, 50);
    ctx.onCheckpoint();
  }
  ctx.gil.take();
}

/** lock.release(): wakes one thread blocked on it. */
function release(words: Int32Array): void {
  Atomics.store(words, GIL.LOCK, 0);
  Atomics.notify(words, GIL.LOCK, 1);
}
