/**
 * Memory-bound work: native code streaming over arrays far bigger than any cache, with the GIL
 * released (NumPy copying or summing large arrays does this). The copy is TypedArray.set, a
 * memcpy, so its speed is the memory's, not the interpreter's: when several workers stream at
 * once, what limits them is the machine's memory bandwidth, which this kernel measures.
 */
import { Cancelled } from './gil';
import type { KernelContext } from './kernels';

export interface StreamOutcome {
  checksum: number;
  /** When the timed copies began and ended (ms on the step's clock) and the bytes they moved. */
  phases: { streamFrom: number; streamTo: number; bytes: number };
}

/**
 * Copies an array of `megabytes` back and forth `passes` times. The arrays are allocated and
 * touched once before the clock starts, so page faults are not counted as bandwidth. Each pass
 * reads the whole of one array and writes the whole of the other: 2 x megabytes moved.
 */
export function streamKernel(megabytes: number, passes: number, ctx: KernelContext): StreamOutcome {
  ctx.gil.drop('free');
  const length = Math.max(1, Math.floor((megabytes * 1024 * 1024) / Float64Array.BYTES_PER_ELEMENT));
  const a = new Float64Array(length);
  const b = new Float64Array(length);
  // One value per page, so the first copy below is not a copy of untouched zero pages.
  for (let i = 0; i < length; i += 512) a[i] = i;
  b.set(a);
  ctx.onCheckpoint();
  const streamFrom = ctx.now();
  for (let pass = 0; pass < passes; pass++) {
    if (pass % 2 === 0) a.set(b);
    else b.set(a);
    // Native code has no eval breaker; between two copies it only notices a cancel.
    if (ctx.gil.cancelled()) throw new Cancelled();
    ctx.onCheckpoint();
  }
  const streamTo = ctx.now();
  const checksum = (a[0] ?? 0) + (b[length - 1] ?? 0) + passes;
  ctx.gil.take();
  return { checksum, phases: { streamFrom, streamTo, bytes: passes * 2 * length * Float64Array.BYTES_PER_ELEMENT } };
}
