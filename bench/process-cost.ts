/**
 * The process-cost lesson's ratios beside CPython's own: what a thread and a process cost to start,
 * and 1 MB sent to each and back. The lesson teaches the ratios (issue 11: a thread at most 1/20
 * of a process, both ways), so this section sets the lab's ratios beside the real ones, per start
 * method, on this machine.
 */
import { join } from 'node:path';
import type { ModeResult } from '../src/shared/results';
import { findPython, log, median, OUT_MAIN, ROOT, runJson } from './common';
import { fmt, type Check, type Section } from './report';

const RUNS = 3;
/** Issue 11: a thread's start and 1 MB round trip at most 1/20 of a process's. */
const AT_LEAST = 20;
type Method = 'spawn' | 'fork' | 'forkserver';
const METHODS: readonly Method[] = ['spawn', 'fork', 'forkserver'];

interface PythonCost {
  python: string;
  implementation: string;
  platform: string;
  defaultStartMethod: string;
  threadStartMs: number;
  processStartMs: Partial<Record<Method, number>>;
  threadTripMs: { bytes: number; floats: number };
  processTripMs: { bytes: number; floats: number };
  pickledBytes: { bytes: number; floats: number };
}

interface LabCost {
  threadStartMs: number;
  processStartMs: number;
  threadTripMs: number;
  processTripMs: number;
  copiedBytes: number;
}

async function labOnce(): Promise<LabCost> {
  const out = await runJson<{ runs: ModeResult[] }>(process.execPath, [join(OUT_MAIN, 'cli.js'), 'run', 'process-cost', '--workers', '2', '--seconds', '0.05', '--json']);
  const figure = (stepId: string, key: string): number => out.runs.find((r) => r.stepId === stepId)?.metrics[key] ?? Number.NaN;
  return {
    threadStartMs: figure('start-threads', 'startupMs'),
    processStartMs: figure('start-processes', 'startupMs'),
    threadTripMs: figure('trip-thread', 'roundTripMs'),
    processTripMs: figure('trip-process', 'roundTripMs'),
    copiedBytes: figure('trip-process', 'bytes'),
  };
}

export async function processCost(): Promise<Section> {
  const method =
    `The lab: ${RUNS} runs of \`run process-cost --workers 2 --json\` (a thread's start = handing a pre-started thread its job until it says ready; ` +
    `a process's = spawning a child until it says ready; round trips = the median of 5, 1 MB of floats, shared with a thread, serialised to a process), medians over runs. ` +
    `CPython: bench/python/process_cost.py (start = start() until the new thread or process sets an Event, median of 10 per start method after one warm-up; ` +
    `round trip = 1 MB handed to a running thread through a queue and back, or sent to a running spawn process through a Pipe and back, as bytes and as a list of 125 000 floats, median of 20). ` +
    `Goal (issue 11): in the lab, a thread's start and round trip at most 1/${AT_LEAST} of a process's.`;
  const base = { id: 'process-cost', title: '4c. Process cost against CPython', method };

  const labRuns: LabCost[] = [];
  for (let i = 1; i <= RUNS; i++) {
    log(`process-cost: the lab, run ${i} of ${RUNS}`);
    labRuns.push(await labOnce());
  }
  const lab = (pick: (r: LabCost) => number): number => median(labRuns.map(pick));
  const labStart = lab((r) => r.processStartMs) / lab((r) => r.threadStartMs);
  const labTrip = lab((r) => r.processTripMs) / lab((r) => r.threadTripMs);

  const python = await findPython();
  let py: PythonCost | undefined;
  let gap: string | undefined;
  if (!python) gap = 'CPython: no python3 (or python) on PATH, so the lab stands alone here.';
  else {
    log('process-cost: CPython (thread and process starts per start method, 1 MB round trips)');
    try {
      py = await runJson<PythonCost>(python, ['-I', join(ROOT, 'bench', 'python', 'process_cost.py')]);
    } catch (error) {
      gap = `CPython: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  const x = (ratio: number | undefined): string => (ratio === undefined || !Number.isFinite(ratio) ? '–' : `${fmt(ratio, 0)}x`);
  const pyStart = (m: Method): number | undefined => py?.processStartMs[m];
  const rows: string[][] = [
    ['start a thread, ms', fmt(py?.threadStartMs, 3), fmt(lab((r) => r.threadStartMs), 3)],
    ...METHODS.map((m) => [`start a process (${m}), ms`, fmt(pyStart(m), 1), m === 'spawn' ? fmt(lab((r) => r.processStartMs), 1) : '– (the lab models spawn)']),
    ...METHODS.map((m) => [`process start / thread start (${m})`, x(py && pyStart(m) !== undefined ? (pyStart(m) as number) / py.threadStartMs : undefined), m === 'spawn' ? x(labStart) : '–']),
    ['1 MB to a thread and back, ms', py ? `${fmt(py.threadTripMs.bytes, 3)} (bytes), ${fmt(py.threadTripMs.floats, 3)} (floats)` : '–', fmt(lab((r) => r.threadTripMs), 3)],
    [
      '1 MB to a process and back, ms',
      py ? `${fmt(py.processTripMs.bytes, 1)} (bytes), ${fmt(py.processTripMs.floats, 1)} (floats, ${py.pickledBytes.floats} bytes pickled)` : '–',
      `${fmt(lab((r) => r.processTripMs), 1)} (floats, ${fmt(lab((r) => r.copiedBytes), 0)} bytes as JSON)`,
    ],
    [
      'process round trip / thread round trip',
      py ? `${x(py.processTripMs.bytes / py.threadTripMs.bytes)} (bytes), ${x(py.processTripMs.floats / py.threadTripMs.floats)} (floats)` : '–',
      x(labTrip),
    ],
  ];
  const checks: Check[] = [
    { goal: `lab: a process starts at least ${AT_LEAST}x slower than a thread`, measured: x(labStart), pass: labStart >= AT_LEAST },
    { goal: `lab: 1 MB to a process and back at least ${AT_LEAST}x a thread's`, measured: x(labTrip), pass: labTrip >= AT_LEAST },
  ];
  return {
    ...base,
    tables: [
      {
        title: py ? `Thread and process costs: ${py.implementation} ${py.python} on ${py.platform} (default start method "${py.defaultStartMethod}") against the lab` : 'Thread and process costs in the lab',
        columns: ['figure', 'CPython', 'lab'],
        rows,
        notes: [
          "The lab's processes are Node child processes, closest to spawn; its threads are worker_threads started before the clock, handed a job as CPython hands an OS thread its target.",
        ],
      },
    ],
    checks,
    ...(gap ? { gaps: [gap] } : {}),
    data: { lab: labRuns, python: py ?? null },
  };
}
