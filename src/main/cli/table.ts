/** Plain-text tables for the terminal. */
import type { Experiment } from '../../shared/experiments';
import type { ModeResult } from '../../shared/results';

const fixed = (value: number | null | undefined, digits: number, suffix = ''): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '–' : `${value.toFixed(digits)}${suffix}`;

/**
 * One row per step: the figures a workshop instructor compares, then the lesson's own. Cores used
 * (the run's own CPU time) stands beside cores busy (the whole machine, other programs included).
 */
export function resultsTable(experiment: Experiment, results: readonly ModeResult[]): string {
  const header = ['step', 'workers', 'wall', 'speedup', 'cores used', 'cores busy', 'GIL switches', 'waiting', ...experiment.metrics.map((m) => m.label)];
  const rows = results.map((r) => [
    r.step,
    String(r.workers),
    fixed(r.wallMs / 1000, 2, ' s'),
    fixed(r.speedup, 2, 'x'),
    fixed(r.coresUsed, 2),
    fixed(r.coresBusy, 2),
    String(r.gilSwitches),
    fixed(r.waitMs / 1000, 2, ' s'),
    ...experiment.metrics.map((m) => fixed(r.metrics[m.key], m.digits, m.unit ? (m.unit === 'x' || m.unit === '%' ? m.unit : ` ${m.unit}`) : '')),
  ]);
  return formatTable(header, rows);
}

export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
