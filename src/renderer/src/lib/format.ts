/** Number formats used across panels, so a figure reads the same in the table and the sentence. */
import type { Mode } from '../../../shared/experiments';

/** Seconds from milliseconds: two decimals below 10 s, one above (the table's precision). */
export function seconds(ms: number): string {
  const s = ms / 1000;
  return s < 10 ? s.toFixed(2) : s.toFixed(1);
}

/** A speedup as "0.98x"; null (no baseline) as an em dash. */
export function times(value: number | null, digits = 2): string {
  return value === null || !Number.isFinite(value) ? '—' : `${value.toFixed(digits)}x`;
}

/** A cores-busy figure; null (no sample fell inside the run) as an em dash. */
export function coresFigure(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** "4 threads", "1 process", "4 tasks in sequence". */
export function workersNoun(mode: Mode, workers: number): string {
  if (mode === 'sequential') return `${workers} ${workers === 1 ? 'task' : 'tasks'} in sequence`;
  if (mode === 'threads') return `${workers} ${workers === 1 ? 'thread' : 'threads'}`;
  return `${workers} ${workers === 1 ? 'process' : 'processes'}`;
}

/** The prediction prompt's choice label. */
export function predictionLabel(speedup: number): string {
  return `about ${speedup}x`;
}

/** How modes are named on screen. */
export const MODE_LABEL: Readonly<Record<Mode, string>> = {
  sequential: 'Sequential',
  threads: 'Threads',
  processes: 'Processes',
};
