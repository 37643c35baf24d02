/**
 * What the lock timeline shows, in words, for the canvas's accessible name: built from the step's
 * measured figures (its result), so it costs the same however long the step ran.
 */
import type { Mode } from '../../../shared/experiments';
import type { ModeResult } from '../../../shared/results';

/** The step on the timeline, as far as the words need it. */
export interface TimelineShown {
  step: string;
  mode: Mode;
  /** Rows drawn (one per worker). */
  rows: number;
}

const NOUN: Partial<Record<Mode, [string, string]>> = {
  threads: ['thread', 'threads'],
  processes: ['process', 'processes'],
  'free-threaded': ['thread', 'threads'],
  interpreters: ['interpreter', 'interpreters'],
  'no-lock': ['thread', 'threads'],
  asyncio: ['task', 'tasks'],
};

const plural = (n: number, mode: Mode): string => {
  const [one, many] = NOUN[mode] ?? ['worker', 'workers'];
  return `${n} ${n === 1 ? one : many}`;
};

const percent = (share: number): string => `${Math.round(share * 100)} %`;

/** "1 time", "212 times" (grouped like the results table). */
const times = (n: number): string => `${n.toLocaleString('en')} ${n === 1 ? 'time' : 'times'}`;

/** Each worker's share of the step's wall time spent holding its GIL. */
function holdShares(result: ModeResult): number[] {
  if (!(result.wallMs > 0)) return [];
  if (result.perWorker.length > 0) return result.perWorker.map((w) => Math.min(1, Math.max(0, w.holdMs / result.wallMs)));
  return result.workers > 0 ? [Math.min(1, result.holdMs / result.wallMs / result.workers)] : [];
}

/** "each thread held it 24 % of the time", or the shares one by one when they differ. */
function sharesText(shares: readonly number[], mode: Mode, own: boolean): string {
  const [one, many] = NOUN[mode] ?? ['worker', 'workers'];
  const it = own ? 'its GIL' : 'it';
  if (shares.length === 0) return '';
  if (shares.length === 1) return `the ${one} held ${it} ${percent(shares[0] as number)} of the time`;
  const spread = Math.max(...shares) - Math.min(...shares);
  if (spread <= 0.05) {
    const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
    return `each ${one} held ${it} ${percent(mean)} of the time`;
  }
  const listed = shares.map(percent);
  return `the ${many} held ${it} ${listed.slice(0, -1).join(', ')} and ${listed[listed.length - 1]} of the time`;
}

/**
 * E.g. "Lock timeline of threads: 4 threads, the GIL changed hands 212 times in 4.1 s; each thread
 * held it 24 % of the time". While the step runs (no result yet) it names what is drawn.
 */
export function describeTimeline(shown: TimelineShown | undefined, result: ModeResult | undefined): string {
  if (!shown) return 'Lock timeline, empty: press Run to see which worker holds the lock, and when.';
  const lead = `Lock timeline of ${shown.step}`;
  if (!result) return `${lead}, running: ${plural(shown.rows, shown.mode)}, drawn as they take and wait for the GIL.`;
  const workers = Math.max(shown.rows, result.perWorker.length, 1);
  const during = `${(result.wallMs / 1000).toFixed(1)} s`;
  if (result.mode === 'free-threaded') return `${lead}: ${plural(workers, result.mode)} ran for ${during} with no GIL to take turns on.`;
  if (result.mode === 'no-lock') return `${lead}: ${plural(workers, result.mode)} ran for ${during} with no lock at all.`;
  // Processes and subinterpreters each have a GIL of their own: nothing is handed between them.
  const own = result.mode === 'processes' || result.mode === 'interpreters';
  const shares = sharesText(holdShares(result), result.mode, own);
  const handed = own ? `each with its own GIL, ran for ${during}` : `the GIL changed hands ${times(result.gilSwitches)} in ${during}`;
  return `${lead}: ${plural(workers, result.mode)}, ${handed}${shares ? `; ${shares}` : ''}.`;
}
