/** Plain-text tables for the terminal. */
import type { Experiment } from '../../shared/experiments';
import { fixedText, unitSuffix } from '../../shared/format';
import { seenLockFigures } from '../../shared/lock-figures';
import type { ModeResult } from '../../shared/results';

/**
 * One row per step: the figures a workshop instructor compares, then the lesson's own. Cores used
 * (the run's own CPU time) stands beside cores busy (the whole machine, other programs included).
 */
export function resultsTable(experiment: Experiment, results: readonly ModeResult[]): string {
  const header = ['step', 'workers', 'wall', 'speedup', 'cores used', 'cores busy', 'GIL switches', 'waiting', ...experiment.metrics.map((m) => m.label)];
  const rows = results.map((r) => {
    // What real CPython's own clocks cannot see is a dash, as on the page and in the CSV.
    const seen = seenLockFigures(r);
    return [
      r.step,
      String(r.workers),
      fixedText(r.wallMs / 1000, 2, ' s'),
      fixedText(r.speedup, 2, 'x'),
      fixedText(r.coresUsed, 2),
      fixedText(r.coresBusy, 2),
      fixedText(seen.switches, 0),
      fixedText(seen.waitMs === null ? null : seen.waitMs / 1000, 2, ' s'),
      ...experiment.metrics.map((m) => fixedText(r.metrics[m.key], m.digits, unitSuffix(m.unit))),
    ];
  });
  return formatTable(header, rows);
}

export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
