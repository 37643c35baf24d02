/**
 * The session's numbers as files: a CSV of every measured step (one row each, the lessons' own
 * figures as extra columns) and a JSON of everything, samples included, for slides and notebooks.
 */
import { seenLockFigures } from '../../../shared/lock-figures';
import type { MachineInfo, ModeResult } from '../../../shared/results';
import type { RunTrace } from '../store/run-archive';
import type { RunRecord } from '../store/session';

/** cores_used is the run's own workers' CPU (in cores); cores_busy the whole machine's, other programs included. */
const FIXED = ['run', 'lesson', 'step', 'mode', 'workers', 'tasks', 'task_seconds', 'switch_ms', 'wall_ms', 'startup_ms', 'speedup', 'cores_used', 'cores_busy', 'gil_switches', 'forced_switches', 'hold_ms', 'wait_ms', 'io_ms', 'finished_at', 'engine', 'python_version', 'python_free_threaded', 'python_gil_enabled', 'python_executable'] as const;

/** Every result names the engine that produced it (a result without one is the simulation's). */
export const withEngine = (r: ModeResult): ModeResult => ({ ...r, engine: r.engine ?? 'lab' });

/** A CSV cell: quoted when it holds a comma, a quote or a line break; empty for null. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The lock figures a CSV row gives: empty where they were not seen (a real CPython step's waits, for one). */
function lockFigures(r: ModeResult): (number | null)[] {
  const seen = seenLockFigures(r);
  return [seen.switches, seen.forcedSwitches, r.holdMs, seen.waitMs, seen.ioMs];
}

export function resultsCsv(results: readonly ModeResult[], runs: readonly RunRecord[]): string {
  const keys = [...new Set(results.flatMap((r) => Object.keys(r.metrics ?? {})))].sort();
  const number = (runId: string): number | string => runs.find((r) => r.runId === runId)?.number ?? runId;
  const lines = [[...FIXED, ...keys].join(',')];
  for (const r of results) {
    const row = [
      number(r.runId), r.experiment, r.step, r.mode, r.workers, r.tasks, r.taskSeconds, r.switchMs, r.wallMs, r.startupMs,
      r.speedup, r.coresUsed, r.coresBusy, ...lockFigures(r), r.finishedAt,
      r.engine ?? 'lab', r.python?.version, r.python?.freeThreaded, r.python?.gilEnabled, r.python?.executable,
      ...keys.map((k) => r.metrics?.[k]),
    ];
    lines.push(row.map(cell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function sessionJson(machine: MachineInfo | null, runs: readonly RunRecord[], results: readonly ModeResult[], traces: readonly (RunTrace | undefined)[]): string {
  const samples = Object.fromEntries(traces.filter((t): t is RunTrace => t !== undefined).map((t) => [t.runId, t.samples]));
  return JSON.stringify({ exportedAt: new Date().toISOString(), machine, runs, results: results.map(withEngine), samples }, null, 2);
}

/** Format tag of a run's data file, so a notebook can tell what it reads. */
export const RUN_FORMAT = 'gil-lab-run/1';

/**
 * One run, enough to redraw it: the machine, every step's workers with their timeline segments
 * (ms from spawning; `goMs` is when the start signal was given) and the per-core samples (epoch
 * ms, 0–100 per core) recorded while it ran, plus its measured results.
 */
export function runJson(machine: MachineInfo | null, run: RunRecord, trace: RunTrace | undefined, results: readonly ModeResult[], now: Date = new Date()): string {
  const steps = (trace?.timelines ?? []).map((t) => ({
    stepId: t.stepId,
    step: t.step,
    mode: t.mode,
    // A real CPython step: who ran when from each thread's own clock, on this interpreter.
    engine: t.python ? 'cpython' : 'lab',
    ...(t.python ? { python: t.python } : {}),
    workerLabels: t.labels,
    workers: t.rows.length,
    goMs: t.goMs,
    startedAt: t.startedAt,
    endMs: t.end,
    segments: t.rows.flatMap((row, worker) => row.toArray().map((s) => ({ worker, state: s.state, start: round(s.start), end: round(s.end) }))),
  }));
  const data = {
    format: RUN_FORMAT,
    exportedAt: now.toISOString(),
    machine,
    run: { id: run.runId, number: run.number, experiment: run.experiment, workers: run.workers, modes: run.modes, plannedSteps: run.steps.map((s) => s.label), outcome: run.outcome, prediction: run.prediction },
    startedAt: trace?.startedAt ?? null,
    endedAt: trace?.endedAt ?? null,
    truncated: trace?.truncated ?? false,
    steps,
    samples: trace?.samples ?? [],
    results: results.filter((r) => r.runId === run.runId).map(withEngine),
  };
  return JSON.stringify(data);
}

/** Microsecond precision is all a timeline can show; it keeps the file a third smaller. */
const round = (ms: number): number => Math.round(ms * 1000) / 1000;

/** "gil-lab-2026-11-24-1530.csv": sortable, and a plain name the save dialog accepts. */
export function exportName(extension: 'png' | 'csv' | 'json', now: Date = new Date(), what = ''): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `gil-lab-${what ? `${what}-` : ''}${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}.${extension}`;
}
