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
 * What CPython's process pool costs per task, as a multiple of what Node's own IPC message costs on
 * the same machine: the parent's CPU (submit, pickling the call, the call queue's feeder thread,
 * the result-handler thread, the future, and the pipe's own reads and writes) and the workers'
 * (receiving and unpickling the call, pickling and sending the result). The parent's share is paid
 * in one process, one task after another: it is what bounds the pool.
 *
 * A multiple of Node's message, not a figure in ms of the calibrated loop: both are mostly system
 * calls and thread wake-ups, whose price moves from machine to machine apart from the loop's. On
 * this project's 2-core Linux VM, CPython 3.11's parent paid 0.22-0.27 ms a task on 2026-12-02/03
 * and 0.077-0.086 ms (3.11-3.13) on 12-04, the same loop at the same speed, while Node's message
 * went from 0.06-0.14 ms to 0.036-0.038; a figure in loop ms from the first days made the lab's
 * tiny tasks 2.4x slower than CPython's on the last.
 *
 * Source: bench/python/process_cost.py (`npm run bench -- --only process-cost`): the lesson's tiny
 * tasks one per message to a ProcessPoolExecutor of 4 spawn processes, CPU per task over 5000
 * tasks, beside the lab's pool's own meter of Node's message in the same minutes (2026-12-04):
 * CPython's parent 0.083 ms (3.12: 0.077, 3.13: 0.086) against Node's 0.033-0.037, so 2.2-2.5;
 * 2.4 put the lab's one-message-each step (about 2 s for 20 000 tasks) amid CPython 3.11's own in the
 * fidelity bench's runs that day (1.69-2.13 s). The workers: CPython's 0.036-0.049 ms against
 * Node's 0.045-0.051, below 1 (it was 0.5-0.9 on the earlier days too): Node's worker side already
 * costs what CPython's does or more, so the lab's workers pay nothing more. The multiple is of the
 * lab's message as it is: a change to what the pool's messages carry or check needs it measured again.
 *
 * The lab's pool pays Node's own message and, as real work, what it leaves of these
 * (shared/pool-price.ts MessageMeter).
 */
export const POOL_TASK_COST_OVER_NODE = { parent: 2.4, worker: 0.85 };

/**
 * Node's own message, the parent's CPU and the workers', in calibrated-loop ms, as measured here on
 * 2026-12-04: the pool's guess until it has measured its own, and the estimate's figure.
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
    "and the threads that carry them). That is mostly system calls and thread wake-ups, whose price differs from machine to " +
    "machine, so the lab measures what its own message costs as the pool runs and prices CPython's from it: " +
    `${POOL_TASK_COST_OVER_NODE.parent} times as much of the parent's CPU, as measured with CPython 3.11-3.13's ProcessPoolExecutor ` +
    "beside the lab's pool on Linux, paid as real work. " +
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
  retimesBaseline: true,
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
