/**
 * What the core lanes (or the heat strip) show, in words, for the canvas's accessible name: how
 * many cores, their mean load over the window drawn and the busiest core's.
 */
import type { CoreSample } from '../../../shared/results';

export interface LanesShown {
  /** "Core lanes" or "Core heat strip". */
  what: string;
  cores: number;
  samples: readonly CoreSample[];
  /** A past run's recording (else the live window of `seconds`). */
  recorded: boolean;
  seconds: number;
}

/** Mean load of all cores over the samples, and the highest mean of one core (0..100). */
export function loadFigures(samples: readonly CoreSample[], cores: number): { mean: number; busiest: number } | null {
  if (samples.length === 0 || cores <= 0) return null;
  const sums = new Array<number>(cores).fill(0);
  for (const sample of samples) {
    for (let c = 0; c < cores; c++) sums[c] = (sums[c] as number) + (sample.loads[c] ?? 0);
  }
  const means = sums.map((s) => s / samples.length);
  return { mean: means.reduce((a, b) => a + b, 0) / cores, busiest: Math.max(...means) };
}

/** E.g. "Core lanes: 8 cores, last 30 s; mean load 43 %, busiest core 97 %". */
export function describeLanes({ what, cores, samples, recorded, seconds }: LanesShown): string {
  const when = recorded ? 'during the run' : `last ${seconds} s`;
  const lead = `${what}: ${cores} ${cores === 1 ? 'core' : 'cores'}, ${when}`;
  const figures = loadFigures(samples, cores);
  if (!figures) return `${lead}; no readings yet.`;
  return `${lead}; mean load ${Math.round(figures.mean)} %, busiest core ${Math.round(figures.busiest)} %.`;
}
