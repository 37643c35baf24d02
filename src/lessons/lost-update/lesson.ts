/** Why the GIL exists: increments lost without a lock. */
import type { Experiment, Prediction } from '../../shared/experiments';
import type { Findings } from '../../shared/results';

/** The steps, by id, with the label each shows. */
export const STEPS = {
  'no-lock': 'no lock',
  gil: 'with the GIL',
} as const;
export type LostUpdateStep = keyof typeof STEPS;

/** The prediction's answers, typed so the scoring compares ids, never labels. */
export type LostUpdateAnswer = NonNullable<Findings['lost']>;

export const ANSWERS: readonly Prediction<LostUpdateAnswer>[] = [
  { answer: 'none', label: 'none', value: 0 },
  { answer: 'a few', label: 'a few', value: 1 },
  { answer: 'many', label: 'many', value: 2 },
];

export const lesson: Experiment = {
  id: 'lost-update',
  short: 'The lost update',
  title: 'Why the GIL exists: the lost update',
  question: 'If two threads bump one reference count, is anything lost?',
  explanation:
    'Every Python object carries a reference count, changed by read, add one, write back. Here ' +
    'the workers really do that on one shared counter in memory. The first step is an ' +
    'interpreter with no lock at all, which no CPython build is: two threads running at the same ' +
    'instant read the same value and both write value + 1, one increment vanishes, and an object ' +
    'would be freed while still in use. Under the GIL only the holder runs, so every increment ' +
    'lands. A free-threaded build (3.13t, 3.14t) does not lose them either: it counts with biased ' +
    'reference counting (the owning thread alone, cheaply) and atomic updates for the others. ' +
    'That safety is what the GIL was for.',
  python: [
    'import sys, threading',
    '',
    'obj = object()',
    '',
    'def borrow(times: int) -> None:',
    '    for _ in range(times):',
    '        ref = obj          # Py_INCREF(obj):',
    '        del ref            # read, add one, write',
    '',
    'ts = [threading.Thread(target=borrow,',
    '                       args=(1_000_000,))',
    '      for _ in range(2)]',
    'for t in ts: t.start()',
    'for t in ts: t.join()',
    'print(sys.getrefcount(obj))  # exact under the GIL',
  ].join('\n'),
  task: 'cpu',
  modes: ['no-lock', 'threads'],
  modesSelectable: false,
  defaults: { workers: 2, seconds: 0.5, switchMs: 5 },
  controls: { workers: 'Threads', seconds: 'Millions of increments each' },
  chart: 'counts',
  cores: 'collisions',
  metrics: [
    { key: 'expected', label: 'expected', digits: 0 },
    { key: 'actual', label: 'counted', digits: 0 },
    { key: 'lost', label: 'lost', digits: 0 },
  ],
  prompt: 'Without any lock, how many increments will be lost?',
  predictions: ANSWERS,
};
