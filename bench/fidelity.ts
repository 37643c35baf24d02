/**
 * Fidelity: every lesson with a real counterpart, on the simulation and on real CPython, through
 * the lab's own runner (`lab run <id> --engine both`: the lesson's own Python under the harness in
 * python/, the same code the app runs; no second copy of the Python side). The lab's claim is that
 * its figures are Python's; lab / CPython per step says how far that holds on this machine.
 */
import { join } from 'node:path';
import { REAL_LESSONS, type PythonRun } from '../src/shared/python-schemas';
import type { ModeResult } from '../src/shared/results';
import { pairSteps, type StepPair } from '../src/shared/side-by-side';
import { findPython, log, OUT_MAIN, runJson } from './common';
import { fmt, verdict, type Check, type Section, type Table } from './report';

/** Speedups within this band count as the same figure (issue 12). */
const SPEEDUP_BAND = 0.15;
/** Median hold (turn) lengths within this band (issue 12). */
const HOLD_BAND = 0.25;

interface CliRun {
  runs: ModeResult[];
}

/** One lesson on both engines through the CLI; its steps paired by the lesson's step ids. */
async function bothEngines(lesson: string, python: string, seconds: number): Promise<{ pairs: StepPair[]; python: PythonRun | null }> {
  const out = await runJson<CliRun>(process.execPath, [join(OUT_MAIN, 'cli.js'), 'run', lesson, '--seconds', String(seconds), '--python', python, '--engine', 'both', '--json'], 600_000);
  return { pairs: pairSteps(out.runs), python: out.runs.find((r) => r.python)?.python ?? null };
}

const ratioOf = (lab: number | null | undefined, real: number | null | undefined): number | null =>
  lab == null || real == null || !Number.isFinite(lab) || !Number.isFinite(real) || real === 0 ? null : lab / real;

export async function fidelity(seconds: number): Promise<Section> {
  const method =
    `For each lesson with a real counterpart (${REAL_LESSONS.join(', ')}): \`lab run <id> --seconds ${seconds} --python python3 --engine both --json\`, ` +
    "the simulation (calibrated on this machine) then the lesson's own Python code on the interpreter under the lab's harness (sizes calibrated on that " +
    'interpreter). Steps paired by the lesson\'s step ids; one round per lesson. Goals (issue 12): lab / CPython speedup within ' +
    `±${SPEEDUP_BAND * 100} %, median hold (switch-interval) within ±${HOLD_BAND * 100} %. Wall times are shown, not judged: the two calibrate their own sizes.`;
  const base = { id: 'fidelity', title: '1. Fidelity against real CPython', method };
  const python = await findPython();
  if (!python) return { ...base, tables: [], checks: [], skipped: 'no python3 (or python) on PATH, so there is nothing real to compare with.', data: null };

  const rows: string[][] = [];
  const checks: Check[] = [];
  const gaps: string[] = [];
  const data: Record<string, unknown> = {};
  let interpreter: PythonRun | null = null;
  for (const lesson of REAL_LESSONS) {
    log(`fidelity: ${lesson} on the simulation and on ${python}`);
    let pairs: StepPair[];
    try {
      const both = await bothEngines(lesson, python, seconds);
      pairs = both.pairs;
      interpreter ??= both.python;
    } catch (error) {
      gaps.push(`${lesson}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    data[lesson] = pairs.map((p) => ({ step: p.stepId, lab: p.lab, cpython: p.real }));
    for (const p of pairs.filter((q) => q.lab && q.real)) {
      const speedup = p.speedupRatio;
      const hold = ratioOf(p.lab?.metrics['medianHoldMs'], p.real?.metrics['medianHoldMs']);
      const judged = speedup !== null && p.lab?.mode !== 'sequential' ? { ratio: speedup, band: SPEEDUP_BAND, what: 'speedup' } : hold !== null ? { ratio: hold, band: HOLD_BAND, what: 'median hold' } : null;
      const pass = judged ? Math.abs(judged.ratio - 1) <= judged.band : null;
      rows.push([
        lesson,
        p.label,
        `${fmt(p.lab?.speedup)} / ${fmt(p.real?.speedup)}`,
        fmt(speedup),
        hold !== null ? `${fmt(p.lab?.metrics['medianHoldMs'])} / ${fmt(p.real?.metrics['medianHoldMs'])} ms (${fmt(hold)})` : '–',
        `${fmt((p.lab?.wallMs ?? NaN) / 1000)} / ${fmt((p.real?.wallMs ?? NaN) / 1000)}`,
        `${fmt(p.lab?.coresUsed)} / ${fmt(p.real?.coresUsed)}`,
        pass === null ? 'shown' : verdict(pass),
      ]);
      if (judged && pass !== null) checks.push({ goal: `${lesson} ${p.label}: lab / CPython ${judged.what} within ±${judged.band * 100} %`, measured: fmt(judged.ratio), pass });
    }
  }
  const table: Table = {
    title: `Each lesson's steps on the simulation and on ${interpreter ? `CPython ${interpreter.version}${interpreter.freeThreaded ? ' (free-threaded)' : ''}, ${interpreter.executable}` : python}`,
    columns: ['lesson', 'step', 'speedup (lab / CPython)', 'lab / CPython', 'median hold (lab / CPython)', 'wall s (lab / CPython)', 'cores used (lab / CPython)', 'result'],
    rows,
    notes: ['Sequential steps are the baseline (1x on both sides by definition) and are not judged; steps with neither a speedup nor a hold are shown, not judged.'],
  };
  return {
    ...base,
    tables: [table],
    checks,
    ...(gaps.length > 0 || interpreter?.freeThreaded !== true
      ? { gaps: [...gaps, ...(interpreter?.freeThreaded ? [] : ['the free-threaded lesson: this python3 is not a free-threaded build; run with a 3.13t/3.14t python3 on PATH to compare it.'])] }
      : {}),
    data: { python: interpreter, seconds, lessons: data },
  };
}
