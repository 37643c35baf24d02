/**
 * Fidelity: the seeds' experiment in real CPython against the lab's simulation of it, on this
 * machine, with the same task length. The lab's claim is that its speedups are Python's; the
 * ratio lab/python says how far that holds here.
 */
import { join } from 'node:path';
import type { ModeResult } from '../src/shared/results';
import { findPython, log, median, OUT_MAIN, ROOT, runJson } from './common';
import { fmt, verdict, type Check, type Section } from './report';

const WORKERS = 4;
/** Lab/python within this band counts as the same figure. The design gives no number; this is ours. */
const BAND = 0.15;

interface PythonResult {
  python: string;
  implementation: string;
  freeThreaded: boolean;
  startMethod: string;
  iterations: number;
  wallSeconds: { cpu: Record<string, number[]>; io: Record<string, number[]> };
  speedup: { cpu: Record<string, number>; io: Record<string, number> };
}

interface CliResult {
  runs: ModeResult[];
}

/** One lab run through the CLI: wall time and speedup per step. */
async function labRun(experiment: string, seconds: number): Promise<Record<string, { speedup: number; wallMs: number }>> {
  const out = await runJson<CliResult>(process.execPath, [join(OUT_MAIN, 'cli.js'), 'run', experiment, '--workers', String(WORKERS), '--seconds', String(seconds), '--json']);
  return Object.fromEntries(out.runs.map((r) => [r.step, { speedup: r.speedup ?? Number.NaN, wallMs: r.wallMs }]));
}

/** Per-round figures of one workload and mode, on both sides. */
interface Pair {
  python: number[];
  lab: number[];
  pythonTaskS: number[];
  labTaskS: number[];
}

export async function fidelity(seconds: number, runs: number): Promise<Section> {
  const method =
    `${runs} rounds, each: CPython runs bench/python/gil_seed.py (N calibrated so one task takes ${seconds} s, which is also its warm-up; then ` +
    `sequential / ${WORKERS} threads / ${WORKERS} processes, CPU-bound, and sequential / ${WORKERS} threads sleeping, I/O-bound; wall time from a barrier ` +
    `with every worker started to the last join), then the lab's CLI runs \`run cpu-bound|io-bound --workers ${WORKERS} --seconds ${seconds} --json\` ` +
    `(each run calibrating itself; wall time from all workers ready to the last done). Speedup = sequential wall / mode wall of the same round; ` +
    `figures are medians over rounds, with the range. Goal (ours): lab/python within ±${BAND * 100} %.`;
  const base = { id: 'fidelity', title: '1. Fidelity against real CPython', method };
  const python = await findPython();
  if (!python) return { ...base, tables: [], checks: [], skipped: 'no python3 (or python) on PATH, so there is nothing real to compare with.', data: null };

  const pairs = new Map<string, Pair>();
  const add = (key: string, py: number | undefined, lab: number | undefined, pyTaskS: number | undefined, labTaskS: number | undefined): void => {
    const pair = pairs.get(key) ?? { python: [], lab: [], pythonTaskS: [], labTaskS: [] };
    pair.python.push(py ?? Number.NaN);
    pair.lab.push(lab ?? Number.NaN);
    pair.pythonTaskS.push(pyTaskS ?? Number.NaN);
    pair.labTaskS.push(labTaskS ?? Number.NaN);
    pairs.set(key, pair);
  };
  let info: PythonResult | undefined;
  // Rounds alternate CPython and the lab, so a burst of other work on the machine hits both.
  for (let round = 1; round <= runs; round++) {
    log(`fidelity: round ${round} of ${runs}: CPython (calibrate, then CPU- and I/O-bound)`);
    const py = await runJson<PythonResult>(python, [join(ROOT, 'bench', 'python', 'gil_seed.py'), '--seconds', String(seconds), '--workers', String(WORKERS), '--runs', '1']);
    info = py;
    log(`fidelity: round ${round} of ${runs}: the lab (cpu-bound, io-bound${py.freeThreaded ? ', free-threaded' : ''})`);
    const cpu = await labRun('cpu-bound', seconds);
    const io = await labRun('io-bound', seconds);
    const pyTask = (kind: 'cpu' | 'io'): number | undefined => (py.wallSeconds[kind].sequential?.[0] ?? Number.NaN) / WORKERS;
    const labTask = (r: Record<string, { wallMs: number }>): number => (r.sequential?.wallMs ?? Number.NaN) / WORKERS / 1000;
    add(`CPU-bound|${WORKERS} threads`, py.speedup.cpu.threads, cpu.threads?.speedup, pyTask('cpu'), labTask(cpu));
    add(`CPU-bound|${WORKERS} processes`, py.speedup.cpu.processes, cpu.processes?.speedup, pyTask('cpu'), labTask(cpu));
    add(`I/O-bound|${WORKERS} threads`, py.speedup.io.threads, io.threads?.speedup, pyTask('io'), labTask(io));
    if (py.freeThreaded) {
      const free = await labRun('free-threaded', seconds);
      add(`CPU-bound, free-threaded|${WORKERS} threads`, py.speedup.cpu.threads, free['free-threaded']?.speedup, pyTask('cpu'), labTask(free));
    }
  }
  const py = info as PythonResult;

  const rows: string[][] = [];
  const checks: Check[] = [];
  const range = (v: number[]): string => `${fmt(Math.min(...v))}–${fmt(Math.max(...v))}`;
  for (const [key, pair] of pairs) {
    const [workload = '', mode = ''] = key.split('|');
    const ratio = median(pair.lab) / median(pair.python);
    const pass = Math.abs(ratio - 1) <= BAND;
    rows.push([
      workload,
      mode,
      `${fmt(median(pair.pythonTaskS))} / ${fmt(median(pair.labTaskS))}`,
      `${fmt(median(pair.python))}x (${range(pair.python)})`,
      `${fmt(median(pair.lab))}x (${range(pair.lab)})`,
      fmt(ratio),
      `${1 - BAND}–${1 + BAND}`,
      verdict(pass),
    ]);
    checks.push({ goal: `${workload} ${mode}: lab/python speedup within ±${BAND * 100} %`, measured: fmt(ratio), pass });
  }

  return {
    ...base,
    tables: [
      {
        title: `Speedup vs sequential, ${py.implementation} ${py.python} (${py.freeThreaded ? 'free-threaded build' : 'with the GIL'}, multiprocessing start method "${py.startMethod}") against the lab`,
        columns: ['workload', 'mode', 'one task, s (python / lab)', 'python speedup (range)', 'lab speedup (range)', 'lab / python', 'goal', 'result'],
        rows,
      },
    ],
    ...(py.freeThreaded ? {} : { gaps: [`the free-threaded comparison: this Python (${py.python}) has the GIL (sys._is_gil_enabled is missing or True); run with a 3.13t/3.14t python3 on PATH to get it.`] }),
    checks,
    data: { python: { version: py.python, freeThreaded: py.freeThreaded, startMethod: py.startMethod }, rounds: Object.fromEntries(pairs) },
  };
}
