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
    'thousands of tiny tasks three ways: in sequence, one message per task to a process pool, and in batches.',
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
