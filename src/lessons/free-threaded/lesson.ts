/** Free-threaded Python: no GIL at all. Steps are its modes, then one thread alone without a GIL. */
import type { Experiment, Prediction } from '../../shared/experiments';

/** After its modes (step id = the mode), one thread alone without a GIL: the single-thread price. */
export const SINGLE = { id: 'single-thread', label: '1 thread, no GIL' } as const;

/** The prediction's answers, typed so the scoring compares ids, never labels. */
export type FreeThreadedAnswer = 'x1' | 'x2' | 'x4';

export const ANSWERS: readonly Prediction<FreeThreadedAnswer>[] = [
  { answer: 'x1', label: 'about 1x', value: 1 },
  { answer: 'x2', label: 'about 2x', value: 2 },
  { answer: 'x4', label: 'about 4x', value: 4 },
];

export const lesson: Experiment = {
  id: 'free-threaded',
  short: 'Free-threading',
  title: 'Free-threaded Python (3.13t, 3.14t)',
  question: 'What if the interpreter has no GIL at all?',
  explanation:
    'The free-threaded build switches the GIL off. Reference counts are then made safe another ' +
    'way: biased reference counting, cheap for the owning thread, atomic for the others. Threads ' +
    'now scale like processes, without a process each. The price is a slower single thread: the ' +
    'lab measures its model of that cost by running one thread without the GIL against one with it.',
  python: [
    '# python3.14t (free-threaded build)',
    'import sys, threading',
    '',
    'print(sys._is_gil_enabled())   # False',
    '',
    'ts = [threading.Thread(target=crunch, args=(N,))',
    '      for _ in range(4)]',
    'for t in ts: t.start()',
    'for t in ts: t.join()   # on every core',
  ].join('\n'),
  task: 'cpu',
  modes: ['sequential', 'threads', 'free-threaded'],
  modesSelectable: true,
  defaults: { workers: 4, seconds: 1, switchMs: 5 },
  controls: { workers: 'Threads', seconds: 'Task seconds', switchMs: 'Switch interval' },
  chart: 'speedup',
  cores: 'parallel',
  metrics: [{ key: 'singleThreadCostPct', label: '1-thread cost', unit: '%', digits: 0 }],
  prompt: 'Without a GIL, 4 threads will be…',
  predictions: ANSWERS,
};
