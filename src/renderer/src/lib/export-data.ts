/**
 * The session's numbers as files: a CSV of every measured step (one row each, the lessons' own
 * figures as extra columns) and a JSON of everything, samples included, for slides and notebooks.
 */
import type { MachineInfo, ModeResult } from '../../../shared/results';
import type { RunTrace } from '../state/run-archive';
import type { RunRecord } from '../state/session';

const FIXED = ['run', 'lesson', 'step', 'mode', 'workers', 'tasks', 'task_seconds', 'switch_ms', 'wall_ms', 'startup_ms', 'speedup', 'cores_busy', 'gil_switches', 'forced_switches', 'hold_ms', 'wait_ms', 'io_ms', 'finished_at'] as const;

/** A CSV cell: quoted when it holds a comma, a quote or a line break; empty for null. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function resultsCsv(results: readonly ModeResult[], runs: readonly RunRecord[]): string {
  const keys = [...new Set(results.flatMap((r) => Object.keys(r.metrics ?? {})))].sort();
  const number = (runId: string): number | string => runs.find((r) => r.runId === runId)?.number ?? runId;
  const lines = [[...FIXED, ...keys].join(',')];
  for (const r of results) {
    const row = [
      number(r.runId), r.experiment, r.step, r.mode, r.workers, r.tasks, r.taskSeconds, r.switchMs, r.wallMs, r.startupMs,
      r.speedup, r.coresBusy, r.gilSwitches, r.forcedSwitches, r.holdMs, r.waitMs, r.ioMs, r.finishedAt,
      ...keys.map((k) => r.metrics?.[k]),
    ];
    lines.push(row.map(cell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function sessionJson(machine: MachineInfo | null, runs: readonly RunRecord[], results: readonly ModeResult[], traces: readonly (RunTrace | undefined)[]): string {
  const samples = Object.fromEntries(traces.filter((t): t is RunTrace => t !== undefined).map((t) => [t.runId, t.samples]));
  return JSON.stringify({ exportedAt: new Date().toISOString(), machine, runs, results, samples }, null, 2);
}

/** "gil-lab-2026-11-24-1530.csv": sortable, and a plain name the save dialog accepts. */
export function exportName(extension: 'png' | 'csv' | 'json', now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `gil-lab-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}.${extension}`;
}
