/** Plain-text tables for the terminal. */
import type { ModeResult } from '../../shared/results';

const fixed = (value: number | null, digits: number, suffix = ''): string => (value === null ? '–' : `${value.toFixed(digits)}${suffix}`);

/** One row per mode: the figures a workshop instructor compares. */
export function resultsTable(results: readonly ModeResult[]): string {
  const header = ['mode', 'workers', 'wall', 'speedup', 'cores busy', 'GIL switches', 'waiting', 'start-up'];
  const rows = results.map((r) => [
    r.mode,
    String(r.workers),
    fixed(r.wallMs / 1000, 2, ' s'),
    fixed(r.speedup, 2, 'x'),
    fixed(r.coresBusy, 2),
    String(r.gilSwitches),
    fixed(r.waitMs / 1000, 2, ' s'),
    fixed(r.startupMs, 0, ' ms'),
  ]);
  return formatTable(header, rows);
}

export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
