/** How fast this machine runs the calibrated loop's arithmetic, for tests that size work in ms. */
import { payTaskPrice } from '../src/shared/pool-price';

/** Iterations of the loop's arithmetic per CPU ms of this process (the best of five, so a busy neighbour does not shrink it). */
export function loopIterationsPerMs(): number {
  const iterations = 2_000_000;
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = process.cpuUsage();
    payTaskPrice('17:0', iterations);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return iterations / best;
}
