/** The price of a process: start-up, memory, messages. */
import type { Experiment, Prediction } from '../../shared/experiments';

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
    'sent to it is serialised on the way in and out, as pickle does. The lab starts threads and ' +
    'processes and times them, sends 1 MB to each and back, then runs thousands of tiny tasks ' +
    'three ways: in sequence, one message per task to a process pool, and in batches.',
  python: [
    'from multiprocessing import Pool',
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
    { key: 'bytes', label: 'bytes sent', digits: 0 },
    { key: 'roundTripMs', label: 'round trip', unit: 'ms', digits: 1 },
  ],
  prompt: 'Sent one message per task, a process pool will be…',
  predictions: ANSWERS,
};
