/**
 * What a CPython process pool pays per task beyond Node's IPC message: pickling the call and its
 * result, the call queue and its feeder thread, the result-handler thread, the future. The lab pays
 * it as real work over the message's own text: a walk over its characters with the calibrated sum
 * loop's arithmetic (kernels.ts plainSlice), so `iterations` of it cost about what as many
 * iterations of the calibrated loop cost, and a price sized in calibrated-loop ms (ctx.perMs) is
 * as long, against the tasks, on a fast laptop as on a slow one. Pure: the engine (the pool's
 * parent) and the pool's workers both pay it.
 */

/** Per task, in iterations of the calibrated loop: the pool's parent's share, and each worker's. */
export interface TaskPrice {
  parentIterations: number;
  workerIterations: number;
}

/** `iterations` steps of the calibrated loop's arithmetic, each over the next character of `frame`, cyclically. */
export function payTaskPrice(frame: string, iterations: number): number {
  const length = frame.length;
  if (length === 0 || iterations <= 0) return 0;
  let total = 0;
  let at = 0;
  for (let i = 0; i < iterations; i++) {
    const x = (i ^ frame.charCodeAt(at)) & 0x7fff;
    total = (total + x * x) % 1_000_003;
    if (++at === length) at = 0;
  }
  return total;
}
