/** Small statistics used by the engine, the CLI and the renderer alike. */
import type { CoreSample } from './results';

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Cores kept busy by one sample: the sum of per-core loads / 100. */
export function busyCores(sample: CoreSample): number {
  // A loop, not reduce: the page sums 256 loads several times per sample, and reduce's callback
  // boxed every partial sum (the page's largest source of garbage, bench frame-time BENCH_PROFILE=heap).
  const loads = sample.loads;
  let sum = 0;
  for (let i = 0; i < loads.length; i++) sum += loads[i] as number;
  return sum / 100;
}

/**
 * Mean cores busy during [from, to]. A sample describes the interval that ends at its time stamp,
 * so only samples whose interval lies mostly inside the run count; returns null when none does.
 */
export function coresBusyDuring(samples: readonly CoreSample[], from: number, to: number): number | null {
  const inside: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const prev = samples[i - 1] as CoreSample;
    const cur = samples[i] as CoreSample;
    const mid = (prev.t + cur.t) / 2;
    if (mid >= from && mid <= to) inside.push(busyCores(cur));
  }
  return inside.length > 0 ? mean(inside) : null;
}

/** Sequential wall time over this wall time, or null without a usable baseline. */
export function speedup(baselineMs: number | undefined, wallMs: number): number | null {
  if (baselineMs === undefined || !(baselineMs > 0) || !(wallMs > 0)) return null;
  return baselineMs / wallMs;
}

/**
 * The `p` quantile (0..1) of the values by linear interpolation between closest ranks: numpy's
 * default (`method="linear"`), R's type 7, Excel's PERCENTILE.INC. Position (n - 1) * p in the
 * sorted values, so p = 0 is the minimum, p = 1 the maximum and p = 0.5 the median; p95 of
 * 1..20 is 19.05, not the maximum. Null for no values; a p outside 0..1 is a caller's mistake.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile: p must be between 0 and 1, not ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const low = sorted[below] as number;
  const high = sorted[Math.min(sorted.length - 1, below + 1)] as number;
  return low + (high - low) * (position - below);
}
