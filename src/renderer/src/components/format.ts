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

/** A lesson's own figure in its column's precision, with thousands separated; missing as an em dash. */
export function metricFigure(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** How modes are named on screen: the one table in shared/format.ts. */
export { MODE_TITLE as MODE_LABEL } from '../../../shared/format';

/** The theme colour of each mode (a CSS custom property), shared by chips, bars and lines. */
export const MODE_VAR: Readonly<Record<Mode, string>> = {
  sequential: '--seq',
  threads: '--hold',
  processes: '--free',
  'free-threaded': '--mode-free-threaded',
  interpreters: '--mode-interpreters',
  native: '--mode-native',
  asyncio: '--io',
  hybrid: '--mode-hybrid',
  'no-lock': '--mode-no-lock',
};

/** A label broken into lines of about `width` characters, for chart axes that cannot wrap. */
export function wrapLabel(label: string, width = 14): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
