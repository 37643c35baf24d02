/**
 * The work itself. The CPU kernel is the seeds' sum of squares, cut into chunks; between two
 * chunks the worker reaches its checkpoint, the place CPython's eval loop checks its eval breaker.
 * The I/O kernel releases the GIL around a blocking wait, as CPython does around a system call.
 */
import { GIL, RESOURCE } from '../../shared/gil-layout';
import { MAX_SAMPLES } from '../../shared/worker-protocol';
import type { CpuClock } from './cpu-clock';
import type { GilClient } from './gil';
import { Cancelled } from './gil';
import { reachStartLine } from './start-line';

export interface KernelContext {
  gil: GilClient;
  chunkIterations: number;
  /** Called at every checkpoint: timeline flush, parent-alive check. */
  onCheckpoint: () => void;
  now: () => number;
  /** This worker's own CPU time (its thread's or its process's), or null where it cannot be read. */
  cpu: CpuClock | null;
  /** Response times of io-latency requests, ms. */
  latencies: number[];
  /** When each of those requests began, ms on the step's clock (same order as `latencies`). */
  latencyAt: number[];
  /** Hands `iterations` of CPU work to the engine's process pool and blocks for the result. */
  submit?: (iterations: number) => number;
  /** The same for an event loop: a future it can await while other coroutines run. */
  submitAsync?: (iterations: number) => Promise<number>;
}

/** Iterations between two atomic reference-count updates in a free-threaded build. */
const OBJECT_LOCK_EVERY = 64;
/** Per-thread words for those updates: biased reference counting keeps them apart. */
const refcounts = new Int32Array(new SharedArrayBuffer(4));

/** One slice of the sum loop, from `from` to `to`, continuing `total`. */
type Slice = (from: number, to: number, total: number) => number;

/**
 * Sums squares modulo a prime. The operand is masked to 15 bits so every step stays in small
 * integers: each iteration then costs the same whatever the task size, which calibration relies
 * on (an unmasked i*i would switch to slower float maths once i passed 46341).
 */
const plainSlice: Slice = (from, to, total) => {
  for (let i = from; i < to; i++) {
    const x = i & 0x7fff;
    total = (total + x * x) % 1_000_003;
  }
  return total;
};

/**
 * The same sum in a free-threaded build. Without a GIL, CPython makes reference counting on
 * shared objects atomic: that is its single-thread cost. The model pays one atomic update every
 * OBJECT_LOCK_EVERY iterations.
 */
const atomicSlice: Slice = (from, to, total) => {
  for (let i = from; i < to; i++) {
    const x = i & 0x7fff;
    total = (total + x * x) % 1_000_003;
    if ((i & (OBJECT_LOCK_EVERY - 1)) === 0) Atomics.add(refcounts, 0, 1);
  }
  return total;
};

/** Runs the loop a chunk at a time, calling `between` where CPython's eval loop would check. */
function sliced(iterations: number, ctx: KernelContext, slice: Slice, between: () => void): number {
  let total = 0;
  for (let i = 0; i < iterations; ) {
    const end = Math.min(iterations, i + ctx.chunkIterations);
    total = slice(i, end, total);
    i = end;
    between();
    ctx.onCheckpoint();
  }
  return total;
}

/** Atomic updates the price pays between two readings of the clock: a few microseconds of them. */
const PRICE_BATCH = OBJECT_LOCK_EVERY * 16;

function payBatch(): void {
  for (let k = 0; k < PRICE_BATCH; k++) Atomics.add(refcounts, 0, 1);
}

/** A reading more than this many times the fastest one was hindered (the OS took the core): left out. */
const HINDERED = 1.5;
/** Weight of each new unhindered reading in the running typical one. */
const TYPICAL_WEIGHT = 0.02;

/**
 * The typical time of a piece of work as it runs unhindered: a running mean of the readings within
 * HINDERED of the fastest. The fastest alone would be a best case, and a best case of a few
 * microseconds sits further below its typical time than one of tens (timer and cache noise), which
 * skewed the price; readings the clock could not see (0) are left out too.
 */
class Unhindered {
  private fastest = Infinity;
  private typical = Infinity;

  add(ms: number): void {
    if (!(ms > 0)) return;
    this.fastest = Math.min(this.fastest, ms);
    if (ms > HINDERED * this.fastest) return;
    this.typical = this.typical === Infinity ? ms : this.typical + (ms - this.typical) * TYPICAL_WEIGHT;
  }

  /** Infinity until a reading has been taken. */
  get ms(): number {
    return this.typical;
  }
}

/**
 * A free-threaded build's published single-thread price, paid as atomic reference-count updates:
 * after each slice of the loop, `cost` times what the slice's iterations take, in updates.
 *
 * The price is work, not time: both sides are timed as they run unhindered (Unhindered). Paid by
 * the wall clock, a thread the OS preempted, because other programs or more threads than cores
 * want the CPU, paid for time it did not run: a CI run read 46 % for 3.13t's 40. The price is the
 * build's figure, not something Node can measure of CPython; the run then measures that the model
 * paid it.
 */
export function pricedSlice(cost: number, now: () => number, pay: () => void = payBatch): Slice {
  const perIteration = new Unhindered();
  const perBatch = new Unhindered();
  let owedMs = 0;
  return (from, to, total) => {
    const start = now();
    total = plainSlice(from, to, total);
    if (to <= from) return total;
    perIteration.add((now() - start) / (to - from));
    // Until a slice has been seen, nothing is owed: a clock too coarse for one slice makes no debt.
    if (perIteration.ms === Infinity) return total;
    owedMs += cost * (to - from) * perIteration.ms;
    while (owedMs > 0) {
      const batchStart = now();
      pay();
      perBatch.add(now() - batchStart);
      // A batch the clock cannot see settles the debt: the loop must end whatever the clock does.
      owedMs = perBatch.ms === Infinity ? 0 : owedMs - perBatch.ms;
    }
    return total;
  };
}

/** Pure-Python CPU work: the eval breaker is checked between chunks. `refcountCost`: see TaskSpec. */
export function cpuKernel(iterations: number, ctx: KernelContext, refcountCost?: number): number {
  const slice = ctx.gil.locking ? plainSlice : refcountCost !== undefined ? pricedSlice(refcountCost, ctx.now) : atomicSlice;
  return sliced(iterations, ctx, slice, () => ctx.gil.checkpoint());
}

/** C code that releases the GIL around its hot loop (Py_BEGIN_ALLOW_THREADS), as NumPy does. */
export function nativeKernel(iterations: number, ctx: KernelContext): number {
  ctx.gil.drop('free');
  // Native code has no eval breaker; it only notices a cancel.
  const total = sliced(iterations, ctx, plainSlice, () => {
    if (ctx.gil.cancelled()) throw new Cancelled();
  });
  ctx.gil.take();
  return total;
}

/** Sleeps `ms` without holding anything, noticing a cancel or a dead parent within 250 ms. */
function sleep(ms: number, ctx: KernelContext): void {
  const parked = new Int32Array(new SharedArrayBuffer(4));
  const until = ctx.now() + ms;
  for (let left = ms; left > 0; left = until - ctx.now()) {
    if (ctx.gil.cancelled()) throw new Cancelled();
    Atomics.wait(parked, 0, 0, Math.min(left, 250));
    ctx.onCheckpoint();
  }
}

/** A blocking wait with the GIL released (Py_BEGIN_ALLOW_THREADS ... Py_END_ALLOW_THREADS). */
export function blockingWait(ms: number, ctx: KernelContext): void {
  ctx.gil.drop('io');
  sleep(ms, ctx);
  ctx.gil.take();
}

/** An I/O task: a little Python to build the request, the wait, a little to read the reply. */
export function ioKernel(waitMs: number, cpuIterations: number, ctx: KernelContext): number {
  const half = Math.max(1, Math.floor(cpuIterations / 2));
  const before = cpuKernel(half, ctx);
  blockingWait(waitMs, ctx);
  return before + cpuKernel(half, ctx);
}

/**
 * A server thread answering requests for `durationMs`: each request waits on I/O, then needs the
 * GIL back to handle the reply. Its response time is what the convoy effect inflates.
 */
export function ioLatencyKernel(durationMs: number, waitMs: number, cpuIterations: number, ctx: KernelContext): number {
  let checksum = 0;
  const until = ctx.now() + durationMs;
  while (ctx.now() < until) {
    const start = ctx.now();
    blockingWait(waitMs, ctx);
    checksum += cpuKernel(cpuIterations, ctx);
    if (ctx.latencies.length < MAX_SAMPLES) {
      ctx.latencies.push(ctx.now() - start);
      ctx.latencyAt.push(start);
    }
  }
  return checksum;
}

/**
 * Py_INCREF by hand: read the shared count, add one, write it back. The load and the store are
 * separate steps, as in C; between them another thread running at the same moment can write too,
 * and one of the two increments is lost. Under the GIL nobody else runs between them.
 */
export function incrementKernel(count: number, ctx: KernelContext): number {
  const words = ctx.gil.words32;
  // Under a lock the start does not matter; without one the race needs runners that overlap.
  if (!ctx.gil.locking && reachStartLine(words, ctx.now, () => ctx.gil.cancelled()) === 'cancelled') throw new Cancelled();
  let done = 0;
  while (done < count) {
    const end = Math.min(count, done + ctx.chunkIterations);
    for (; done < end; done++) {
      const seen = Atomics.load(words, GIL.REFCOUNT);
      Atomics.store(words, GIL.REFCOUNT, seen + 1);
    }
    ctx.gil.checkpoint();
    ctx.onCheckpoint();
  }
  return done;
}

/**
 * The seeds' callback deadlock. The Python thread holds the GIL and then blocks on MyMutex
 * without releasing the GIL; the callback thread holds MyMutex and waits for the GIL. Neither can
 * move. With `releaseGilFirst` the Python thread releases the GIL around the blocking lock call
 * (Py_BEGIN_ALLOW_THREADS), which is the fix.
 */
export function deadlockKernel(role: 'python' | 'callback', releaseGilFirst: boolean, holdMs: number, ctx: KernelContext): number {
  const gil = ctx.gil;
  const words = gil.words32;
  const me = gil.id + 1;
  if (role === 'callback') {
    // MyCallback, on a thread of its own outside Python: lock MyMutex, then evaluate Python,
    // which needs the GIL.
    gil.mark('free');
    lockMutex(words, me, ctx);
    sleep(holdMs, ctx);
    gil.take();
    const total = cpuKernel(ctx.chunkIterations * 4, ctx);
    unlockMutex(words, ctx);
    return total;
  }
  // The Python command: holding the GIL, it asks for the computation, which needs MyMutex.
  sleep(holdMs / 2, ctx);
  if (releaseGilFirst) gil.drop('io');
  lockMutex(words, me, ctx);
  if (releaseGilFirst) gil.take();
  const total = cpuKernel(ctx.chunkIterations * 4, ctx);
  unlockMutex(words, ctx);
  return total;
}

function lockMutex(words: Int32Array, me: number, ctx: KernelContext): void {
  const before = ctx.gil.held ? 'holding' : 'free';
  ctx.gil.mark('blocked');
  ctx.gil.publishWait(RESOURCE.MUTEX);
  while (Atomics.compareExchange(words, GIL.MUTEX, 0, me) !== 0) {
    if (ctx.gil.cancelled()) throw new Cancelled();
    const owner = Atomics.load(words, GIL.MUTEX);
    if (owner !== 0) Atomics.wait(words, GIL.MUTEX, owner, 50);
    ctx.onCheckpoint();
  }
  ctx.gil.publishWait(0);
  ctx.gil.publishHolds(RESOURCE.MUTEX, true);
  ctx.gil.mark(before);
}

function unlockMutex(words: Int32Array, ctx: KernelContext): void {
  ctx.gil.publishHolds(RESOURCE.MUTEX, false);
  Atomics.store(words, GIL.MUTEX, 0);
  Atomics.notify(words, GIL.MUTEX);
}

/**
 * One worker of a pipeline: for each item fetch (I/O), process (CPU), store (I/O). With
 * `offload`, the CPU stage goes to a process pool and the thread waits on the future with the GIL
 * released, as concurrent.futures' result() does.
 */
export function pipelineKernel(
  items: number,
  fetchMs: number,
  storeMs: number,
  cpuIterations: number,
  offload: boolean,
  ctx: KernelContext,
): number {
  let checksum = 0;
  for (let item = 0; item < items; item++) {
    blockingWait(fetchMs, ctx);
    if (offload && ctx.submit) {
      ctx.gil.drop('io');
      checksum += ctx.submit(cpuIterations);
      ctx.gil.take();
    } else {
      checksum += cpuKernel(cpuIterations, ctx);
    }
    blockingWait(storeMs, ctx);
  }
  return checksum;
}

/** CPU time below which a calibration trusts the wall clock instead (a /proc clock may count in 10 ms ticks). */
const MIN_CALIBRATION_CPU_MS = 100;

/**
 * Runs the CPU kernel for about `ms` and reports how many iterations one millisecond holds. The
 * rate is per ms of this thread's own CPU time where it can be read: on a busy laptop the thread
 * may get a fraction of a core, and a rate per ms of wall time would make every task that much
 * shorter than asked, and the convoy's CPU thread finish long before its I/O thread.
 */
export function calibrate(ms: number, ctx: KernelContext): { iterationsPerMs: number; checksum: number } {
  const probe = Math.max(1_000, ctx.chunkIterations);
  let iterations = 0;
  let checksum = 0;
  const start = ctx.now();
  const cpuStart = ctx.cpu?.() ?? 0;
  let elapsed = 0;
  while (elapsed < ms) {
    checksum += cpuKernel(probe, ctx);
    iterations += probe;
    elapsed = ctx.now() - start;
  }
  const cpuMs = ctx.cpu ? ctx.cpu() - cpuStart : 0;
  return { iterationsPerMs: iterations / (cpuMs >= MIN_CALIBRATION_CPU_MS ? Math.min(cpuMs, elapsed) : elapsed), checksum };
}
