/** The price of a process: start-up, memory, messages. */
import type { Experiment, Prediction } from '../../shared/experiments';
import type { StartMethod } from '../../shared/results';

/** The steps, by id, with the label each shows. */
export const STEPS = {
  'start-threads': 'start threads',
  'start-processes': 'start processes',
  'trip-thread': '1 MB to a thread and back',
  'trip-process': '1 MB to a process and back',
  'tiny-in-turn': 'tiny tasks in sequence',
  'tiny-each': 'tiny tasks, one message each',
  'tiny-batched': 'tiny tasks, batched',
} as const;
export type ProcessCostStep = keyof typeof STEPS;

/** The tiny tasks the same total CPU is cut into. */
export const TINY_TASKS = 20_000;

/**
 * What CPython's process pool costs per task, in ms of the calibrated loop (so the same share of a
 * tiny task on a fast laptop as on a slow one): the parent's CPU (submit, pickling the call, the
 * call queue's feeder thread, the result-handler thread, the future, and the pipe's own reads and
 * writes) and the workers' (receiving and unpickling the call, pickling and sending the result). The
 * parent's share is paid in one process, one task after another: it is what bounds the pool.
 *
 * Source: bench/python/process_cost.py (`npm run bench -- --only process-cost`), CPython 3.11.7 on
 * this 2-core Linux machine: the lesson's tiny tasks one per message to a ProcessPoolExecutor of 4
 * spawn processes, CPU per task over 5000-20 000 tasks, turned into calibrated-loop ms by the task's
 * own measured CPU (runs on 2026-12-02 and 12-03): parent 0.22-0.27 ms, workers 0.10-0.15 ms.
 * (3.10: parent 0.15, workers 0.06; 3.12: 0.29, 0.15; 3.13: 0.22, 0.12.)
 *
 * The lab's pool pays Node's own message and, as real work, what it leaves of these: Node's message
 * is measured as the pool runs (shared/pool-price.ts MessageMeter), since it is not sized by the
 * calibration and drifts (0.06 to 0.14 ms of the parent's CPU here between runs of one build).
 */
export const POOL_TASK_COST_MS = { parent: 0.24, worker: 0.125 };

/**
 * Node's own message, the parent's CPU and the workers', in calibrated-loop ms, as first measured
 * here: the pool's guess until it has measured its own, and the estimate's figure.
 */
export const NODE_MESSAGE_GUESS_MS = { parent: 0.06, worker: 0.1 };

/**
 * The start method the lab's processes stand for. A Node child process runs a fresh program that
 * loads its code and is then sent its work, as multiprocessing's `spawn` does; it cannot copy its
 * parent as `fork` does.
 */
export const MODELLED_START_METHOD: StartMethod = 'spawn';

/** What each start method is, in the lesson's words. */
export const START_METHOD_TEXT: Record<StartMethod, string> = {
  spawn: 'spawn (a fresh interpreter that imports the program; the default on macOS and Windows)',
  fork: 'fork (a copy of the parent, memory shared until written; the default on Linux up to 3.13)',
  forkserver: 'forkserver (forked from a clean server process; the default on Linux from 3.14)',
};

/** The prediction's answers, typed so the scoring compares ids, never labels. */
export type ProcessCostAnswer = 'slower' | 'same' | 'faster';

export const ANSWERS: readonly Prediction<ProcessCostAnswer>[] = [
  { answer: 'slower', label: 'slower than sequential', value: 0.5 },
  { answer: 'same', label: 'about the same', value: 1 },
  { answer: 'faster', label: 'faster', value: 2 },
];

export const lesson: Experiment = {
  id: 'process-cost',
  short: 'Price of a process',
  title: 'The price of a process',
  question: 'If processes use every core, why not always use them?',
  explanation:
    'A process is a whole interpreter: it takes time to start and memory to keep, and everything ' +
    'sent to it is serialised on the way in and out, as pickle does. A thread is an OS thread of the ' +
    'interpreter that already runs: it starts in a fraction of a millisecond and is handed objects by ' +
    'reference. The lab models both that way: its threads are started before anything is timed, so ' +
    'starting one is handing it a function, and 1 MB goes to a thread as shared memory, nothing copied; ' +
    `its processes are real child processes, started as multiprocessing's ${START_METHOD_TEXT[MODELLED_START_METHOD]} ` +
    'starts them, with the data serialised both ways. (fork starts a process in a few ms, forkserver, ' +
    'the default on Linux from 3.14 (fork before), in about ten, spawn in tens.) The lab times both starts, sends 1 MB to each and back, then runs ' +
    'thousands of tiny tasks three ways: in sequence, one message per task to a process pool, and in batches. ' +
    "Each task sent to the lab's pool costs what a task costs CPython's pool (pickling the call and the result, the queue " +
    `and the threads that carry them), sized by the calibration: ${POOL_TASK_COST_MS.parent} ms of the parent's CPU and ` +
    `${POOL_TASK_COST_MS.worker} ms of the worker's per task, measured with CPython 3.11's ProcessPoolExecutor on Linux. ` +
    "The lab measures what Node's own message costs as the pool runs and pays the rest as real work. " +
    'The parent pays its share one task after another: that is what bounds the pool.',
  python: [
    'import multiprocessing as mp',
    'from multiprocessing import Pool',
    '',
    "mp.set_start_method('spawn')  # what the lab's processes stand for",
    '',
    'def tiny(x: int) -> int:',
    '    return x * x',
    '',
    'items = range(20_000)',
    'sum(map(tiny, items))           # sequential',
    '',
    'with Pool(4) as pool:',
    '    pool.map(tiny, items, chunksize=1)  # a pickle',
    '                                        # per item',
    '    pool.map(tiny, items,',
    '             chunksize=5_000)   # batched',
  ].join('\n'),
  task: 'cpu',
  modes: ['sequential', 'threads', 'processes'],
  modesSelectable: false,
  defaults: { workers: 4, seconds: 0.2, switchMs: 5 },
  controls: { workers: 'Pool size', seconds: 'Tiny-task total seconds' },
  chart: 'costs',
  cores: 'parallel',
  metrics: [
    { key: 'startupMs', label: 'start-up', unit: 'ms', digits: 1 },
    { key: 'memoryMB', label: 'memory', unit: 'MB', digits: 0 },
    { key: 'bytes', label: 'bytes copied', digits: 0 },
    { key: 'roundTripMs', label: 'round trip', unit: 'ms', digits: 1 },
  ],
  prompt: 'Sent one message per task, a process pool will be…',
  predictions: ANSWERS,
};
