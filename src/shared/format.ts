/**
 * How figures and modes are written, in one place, so the same figure reads the same in the CLI
 * table, the sentences after a run and the renderer's panels. Written out by hand rather than
 * with Intl, so the output does not depend on a locale.
 */
import type { Mode } from './experiments';

/** What a missing figure (no baseline, no sample) shows as. */
export const MISSING = '—';

const finite = (value: number | null | undefined): value is number => value !== null && value !== undefined && Number.isFinite(value);

/** 1234567 as "1,234,567". */
export function groupDigits(value: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.round(Math.abs(value))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Milliseconds as a number of seconds, for a place that shows the unit itself: "4.10" below 10 s, "12.3" above. */
export function secondsFigure(ms: number): string {
  const s = ms / 1000;
  return s < 10 ? s.toFixed(2) : s.toFixed(1);
}

/** Milliseconds as seconds: "4.10 s" below 10 s, "12.3 s" above. */
export const secondsText = (ms: number): string => `${secondsFigure(ms)} s`;

/** Milliseconds with the precision that matters at their size: "0.42 ms", "12.3 ms", "212 ms", "20 ms". */
export function msText(ms: number): string {
  const abs = Math.abs(ms);
  return `${abs >= 100 ? groupDigits(ms) : String(Number(ms.toFixed(abs < 10 ? 2 : 1)))} ms`;
}

/** A speedup or ratio: "0.98x", "12.4x"; missing as an em dash. */
export function timesText(value: number | null | undefined): string {
  if (!finite(value)) return MISSING;
  return `${value >= 100 ? groupDigits(value) : value >= 10 ? value.toFixed(1) : value.toFixed(2)}x`;
}

/** A share as "12 %" (digits after the point as asked); missing as an em dash. */
export function percentText(value: number | null | undefined, digits = 0): string {
  return finite(value) ? `${value.toFixed(digits)} %` : MISSING;
}

/** A figure at a fixed precision with an optional suffix ("4.10 s", "0.98x"); missing as an em dash. Tables use it. */
export function fixedText(value: number | null | undefined, digits: number, suffix = ''): string {
  return finite(value) ? `${value.toFixed(digits)}${suffix}` : MISSING;
}

/** A figure at a fixed precision with its thousands grouped: "1,234.50"; missing as an em dash. A lesson's own columns use it. */
export function groupedText(value: number | null | undefined, digits: number): string {
  if (!finite(value)) return MISSING;
  const [whole = '', fraction] = value.toFixed(digits).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** A unit as it follows a number: "x" and "%" stick to it, words take a space. */
export const unitSuffix = (unit: string | undefined): string => (unit ? (unit === 'x' || unit === '%' ? unit : ` ${unit}`) : '');

/** "1 thread", "4 threads", "2 processes": the count grouped, the word agreeing with it. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${groupDigits(n)} ${n === 1 ? one : many}`;

export const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** How a mode is named inside a sentence: "processes won", "native code gave 1.9x". */
export const MODE_PHRASE: Readonly<Record<Mode, string>> = {
  sequential: 'in sequence',
  threads: 'threads',
  processes: 'processes',
  'free-threaded': 'free-threaded threads',
  interpreters: 'subinterpreters',
  native: 'native code',
  asyncio: 'asyncio',
  hybrid: 'the hybrid',
  'no-lock': 'threads with no lock',
};

/** How a mode is named as a heading, chip or legend entry. */
export const MODE_TITLE: Readonly<Record<Mode, string>> = {
  sequential: 'Sequential',
  threads: 'Threads',
  processes: 'Processes',
  'free-threaded': 'Free-threaded',
  interpreters: 'Subinterpreters',
  native: 'Native code',
  asyncio: 'asyncio',
  hybrid: 'Hybrid',
  'no-lock': 'No lock',
};

/** "4 threads", "1 process", "4 tasks in sequence", "10 coroutines on one event loop". */
export function workersPhrase(mode: Mode, workers: number): string {
  switch (mode) {
    case 'sequential':
      return `${plural(workers, 'task')} in sequence`;
    case 'processes':
      return plural(workers, 'process', 'processes');
    case 'free-threaded':
      return `${plural(workers, 'thread')} without a GIL`;
    case 'native':
      return `${plural(workers, 'thread')} in native code`;
    case 'asyncio':
      return `${plural(workers, 'coroutine')} on one event loop`;
    case 'hybrid':
      return `${plural(workers, 'thread')} with a process pool`;
    case 'interpreters':
      return `${plural(workers, 'interpreter')}, a GIL each`;
    case 'no-lock':
      return `${plural(workers, 'thread')} with no lock`;
    case 'threads':
      return plural(workers, 'thread');
  }
}

/** A run's length in words: "3 min 20 s", "45 s". */
export function durationText(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const m = Math.floor(whole / 60);
  const s = whole % 60;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}
