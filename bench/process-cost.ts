/**
 * The process-cost lesson's ratios beside CPython's own: what a thread and a process cost to start,
 * and 1 MB sent to each and back. The lesson teaches the ratios (issue 11: a thread at most 1/20
 * of a process, both ways), so this section sets the lab's ratios beside the real ones, per start
 * method, on this machine. And the price of one task sent to a process pool, CPython's beside the
 * lab's: the CPU the parent and the workers spend per task beyond the task, in CPU ms (and, shown
 * beside, in ms of the calibrated loop). The lab's POOL_TASK_COST_OVER_NODE comes from here: the lab
 * pays that multiple of what its pool measured Node's own message to cost, less that message.
 */
import { join } from 'node:path';
import { POOL_TASK_COST_OVER_NODE, TINY_TASKS } from '../src/lessons/process-cost/lesson';
import type { ModeResult } from '../src/shared/results';
import { findPython, log, median, OUT_MAIN, ROOT, runJson } from './common';
import { fmt, type Check, type Section } from './report';

const RUNS = 3;
/** Issue 11: a thread's start and 1 MB round trip at most 1/20 of a process's. */
const AT_LEAST = 20;
type Method = 'spawn' | 'fork' | 'forkserver';
const METHODS: readonly Method[] = ['spawn', 'fork', 'forkserver'];
/** The lab's size here: as the fidelity section's, so its tiny tasks are as long as process_cost.py's (LESSON_SECONDS). */
const LAB_SECONDS = 0.5;
const LAB_WORKERS = 4;
/** The lab's price per task (parent, workers) within this of CPython's. */
const PRICE_BAND = 0.25;
/** process_cost.py's tiny task: its LESSON_SECONDS cut into TINY_TASKS, in ms. */
const PY_TASK_MS = (0.5 * 1000) / TINY_TASKS;

interface PoolTask {
  tasks: number;
  poolSize: number;
  tinyIterations: number;
  taskCpuMs: number;
  wallPerTaskMs: number;
  parentCpuPerTaskMs: number;
  workerCpuPerTaskMs: number;
}

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
  poolTask: PoolTask;
}

interface LabCost {
  threadStartMs: number;
  processStartMs: number;
  threadTripMs: number;
  processTripMs: number;
  copiedBytes: number;
  /** tiny-each: CPU per message beyond the task, parent and workers, and one task's own CPU. */
  parentCpuPerTaskMs: number;
  workerCpuPerTaskMs: number;
  taskCpuMs: number;
  /** What the pool measured Node's own message to cost (CPU ms per message), parent and workers, and what it paid on top (loop ms). */
  nodeParentCpuMs: number;
  nodeWorkerCpuMs: number;
  paidParentMs: number;
  paidWorkerMs: number;
}

/** CPU per task in ms of the calibrated loop: measured CPU times the task's nominal ms over its measured CPU. */
const inLoopMs = (cpuMs: number, taskCpuMs: number, taskMs: number): number => (cpuMs * taskMs) / taskCpuMs;

async function labOnce(): Promise<LabCost> {
  const out = await runJson<{ runs: ModeResult[] }>(process.execPath, [join(OUT_MAIN, 'cli.js'), 'run', 'process-cost', '--workers', String(LAB_WORKERS), '--seconds', String(LAB_SECONDS), '--json']);
  const figure = (stepId: string, key: string): number => out.runs.find((r) => r.stepId === stepId)?.metrics[key] ?? Number.NaN;
  return {
    threadStartMs: figure('start-threads', 'startupMs'),
    processStartMs: figure('start-processes', 'startupMs'),
    threadTripMs: figure('trip-thread', 'roundTripMs'),
    processTripMs: figure('trip-process', 'roundTripMs'),
    copiedBytes: figure('trip-process', 'bytes'),
    parentCpuPerTaskMs: figure('tiny-each', 'parentCpuPerMessageMs'),
    workerCpuPerTaskMs: figure('tiny-each', 'workerCpuPerMessageMs'),
    taskCpuMs: figure('tiny-each', 'taskCpuMs'),
    nodeParentCpuMs: figure('tiny-each', 'nodeParentCpuPerMessageMs'),
    nodeWorkerCpuMs: figure('tiny-each', 'nodeWorkerCpuPerMessageMs'),
    paidParentMs: figure('tiny-each', 'paidParentPerMessageMs'),
    paidWorkerMs: figure('tiny-each', 'paidWorkerPerMessageMs'),
  };
}

export async function processCost(): Promise<Section> {
  const method =
    `The lab: ${RUNS} runs of \`run process-cost --workers ${LAB_WORKERS} --seconds ${LAB_SECONDS} --json\` (a thread's start = handing a pre-started thread its job until it says ready; ` +
    `a process's = spawning a child until it says ready; round trips = the median of 5, 1 MB of floats, shared with a thread, serialised to a process), medians over runs. ` +
    `CPython: bench/python/process_cost.py (start = start() until the new thread or process sets an Event, median of 10 per start method after one warm-up; ` +
    `round trip = 1 MB handed to a running thread through a queue and back, or sent to a running spawn process through a Pipe and back, as bytes and as a list of 125 000 floats, median of 20). ` +
    "A task's price in a pool: CPython's ProcessPoolExecutor (4 spawn processes) sent the lesson's tiny tasks one per message, CPU per task of the parent (all its threads) and of the workers, less the task's own CPU; " +
    "the lab's tiny-each step measured alike (the engine process's CPU, the pool processes' CPU). Judged in CPU ms, both measured on this machine within minutes: a pool task is mostly system calls and wake-ups, " +
    "whose cost does not follow the loop's speed (the lab prices it as a multiple of its own message, src/lessons/process-cost/lesson.ts); the same in ms of the calibrated loop (CPU per task x the tiny task's nominal length / its measured CPU) is shown beside. " +
    `Goals (issue 11): in the lab, a thread's start and round trip at most 1/${AT_LEAST} of a process's; the price per pool task, parent and workers, within ±${PRICE_BAND * 100} % of CPython's.`;
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
  // The price of one task in a pool: CPU ms, judged; in calibrated-loop ms (each side through its own task's CPU), shown.
  const labTaskMs = (LAB_SECONDS * 1000) / TINY_TASKS;
  const labParent = lab((r) => r.parentCpuPerTaskMs);
  const labWorkers = lab((r) => r.workerCpuPerTaskMs);
  const pool = py?.poolTask;
  const pyParent = pool?.parentCpuPerTaskMs;
  const pyWorkers = pool?.workerCpuPerTaskMs;
  const labLoop = { parent: lab((r) => inLoopMs(r.parentCpuPerTaskMs, r.taskCpuMs, labTaskMs)), workers: lab((r) => inLoopMs(r.workerCpuPerTaskMs, r.taskCpuMs, labTaskMs)) };
  const pyLoop = pool ? { parent: inLoopMs(pool.parentCpuPerTaskMs, pool.taskCpuMs, PY_TASK_MS), workers: inLoopMs(pool.workerCpuPerTaskMs, pool.taskCpuMs, PY_TASK_MS) } : undefined;
  const within = (a: number, b: number): boolean => Math.abs(a / b - 1) <= PRICE_BAND;
  const priceRows: string[][] = [
    ["the parent's CPU per task, ms", fmt(pyParent, 3), fmt(labParent, 3), pyParent ? fmt(labParent / pyParent) : '–'],
    ["the workers' CPU per task beyond the task, ms", fmt(pyWorkers, 3), fmt(labWorkers, 3), pyWorkers ? fmt(labWorkers / pyWorkers) : '–'],
    ['the same in calibrated-loop ms: parent, workers (shown, not judged)', pyLoop ? `${fmt(pyLoop.parent, 3)}, ${fmt(pyLoop.workers, 3)}` : '–', `${fmt(labLoop.parent, 3)}, ${fmt(labLoop.workers, 3)}`, '–'],
    ['the tiny task itself, CPU ms', fmt(pool?.taskCpuMs, 4), fmt(lab((r) => r.taskCpuMs), 4), '–'],
    [
      "Node's own message as the lab's pool measured it, CPU ms: parent, workers; then paid on top, loop ms: parent, workers",
      '–',
      `${fmt(lab((r) => r.nodeParentCpuMs), 3)}, ${fmt(lab((r) => r.nodeWorkerCpuMs), 3)}; ${fmt(lab((r) => r.paidParentMs), 3)}, ${fmt(lab((r) => r.paidWorkerMs), 3)}`,
      '–',
    ],
  ];
  const checks: Check[] = [
    { goal: `lab: a process starts at least ${AT_LEAST}x slower than a thread`, measured: x(labStart), pass: labStart >= AT_LEAST },
    { goal: `lab: 1 MB to a process and back at least ${AT_LEAST}x a thread's`, measured: x(labTrip), pass: labTrip >= AT_LEAST },
    ...(pyParent !== undefined && pyWorkers !== undefined
      ? [
          { goal: `lab: the parent's price per pool task within ±${PRICE_BAND * 100} % of CPython's`, measured: fmt(labParent / pyParent), pass: within(labParent, pyParent) },
          { goal: `lab: the workers' price per pool task within ±${PRICE_BAND * 100} % of CPython's`, measured: fmt(labWorkers / pyWorkers), pass: within(labWorkers, pyWorkers) },
        ]
      : []),
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
      {
        title: 'The price of one task in a process pool, one message each',
        columns: ['figure', 'CPython', 'lab', 'lab / CPython'],
        rows: priceRows,
        notes: [
          `The lab's pool costs POOL_TASK_COST_OVER_NODE per task (parent ${POOL_TASK_COST_OVER_NODE.parent}x, workers ${POOL_TASK_COST_OVER_NODE.worker}x Node's own message on this machine, src/lessons/process-cost/lesson.ts, from CPython's figures beside the lab's meter): ` +
            "it measures Node's own message as it runs, every 250 results, and pays the rest as real work (never less than nothing).",
        ],
      },
    ],
    checks,
    ...(gap ? { gaps: [gap] } : {}),
    data: { lab: labRuns, python: py ?? null },
  };
}
