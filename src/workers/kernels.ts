/**
 * The work itself. The CPU kernel is the seeds' sum of squares, cut into chunks; between two
 * chunks the worker reaches its checkpoint, the place CPython's eval loop checks its eval breaker.
 * The I/O kernel releases the GIL around a blocking wait, as CPython does around a system call.
 */
import type { GilClient } from './gil';
import { Cancelled } from './gil';

export interface KernelContext {
  gil: GilClient;
  chunkIterations: number;
  /** Called at every checkpoint: timeline flush, parent-alive check. */
  onCheckpoint: () => void;
  now: () => number;
}

/**
 * Sums squares modulo a prime. The operand is masked to 15 bits so every step stays in small
 * integers: each iteration then costs the same whatever the task size, which calibration relies
 * on (an unmasked i*i would switch to slower float maths once i passed 46341).
 */
export function cpuKernel(iterations: number, ctx: KernelContext): number {
  let total = 0;
  let i = 0;
  while (i < iterations) {
    const end = Math.min(iterations, i + ctx.chunkIterations);
    for (; i < end; i++) {
      const x = i & 0x7fff;
      total = (total + x * x) % 1_000_003;
    }
    ctx.gil.checkpoint();
    ctx.onCheckpoint();
  }
  return total;
}

/** A blocking wait with the GIL released (Py_BEGIN_ALLOW_THREADS ... Py_END_ALLOW_THREADS). */
export function blockingWait(ms: number, ctx: KernelContext): void {
  ctx.gil.drop('io');
  const parked = new Int32Array(new SharedArrayBuffer(4));
  const until = ctx.now() + ms;
  // Sliced so a cancel or a dead parent is noticed within a quarter of a second.
  for (let left = ms; left > 0; left = until - ctx.now()) {
    if (ctx.gil.cancelled()) throw new Cancelled();
    Atomics.wait(parked, 0, 0, Math.min(left, 250));
    ctx.onCheckpoint();
  }
  ctx.gil.take();
}

/** An I/O task: a little Python to build the request, the wait, a little to read the reply. */
export function ioKernel(waitMs: number, cpuIterations: number, ctx: KernelContext): number {
  const half = Math.max(1, Math.floor(cpuIterations / 2));
  const before = cpuKernel(half, ctx);
  blockingWait(waitMs, ctx);
  return before + cpuKernel(half, ctx);
}

/** Runs the CPU kernel for about `ms` and reports how many iterations one millisecond holds. */
export function calibrate(ms: number, ctx: KernelContext): { iterationsPerMs: number; checksum: number } {
  const probe = Math.max(1_000, ctx.chunkIterations);
  let iterations = 0;
  let checksum = 0;
  const start = ctx.now();
  let elapsed = 0;
  while (elapsed < ms) {
    checksum += cpuKernel(probe, ctx);
    iterations += probe;
    elapsed = ctx.now() - start;
  }
  return { iterationsPerMs: iterations / elapsed, checksum };
}
