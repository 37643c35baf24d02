/** The GIL does not make `counter += 1` safe: a Python-level read-modify-write loses updates under it. */
import type { Experiment, Prediction } from '../../shared/experiments';
import type { Findings } from '../../shared/results';

/** The steps, by id, with the label each shows. */
export const STEPS = {
  gil: 'under the GIL, no lock',
  lock: 'with a threading.Lock',
} as const;
export type CounterRaceStep = keyof typeof STEPS;

/** The prediction's answers, typed so the scoring compares ids, never labels. */
export type CounterRaceAnswer = NonNullable<Findings['lost']>;

export const ANSWERS: readonly Prediction<CounterRaceAnswer>[] = [
  { answer: 'none', label: 'none: the GIL protects it', value: 0 },
  { answer: 'a few', label: 'a few', value: 1 },
  { answer: 'many', label: 'many', value: 2 },
];

export const lesson: Experiment = {
  id: 'counter-race',
  short: 'counter += 1',
  title: 'The GIL does not make counter += 1 safe',
  question: 'Under the GIL, can two threads lose a counter update?',
  explanation:
    'The GIL keeps the interpreter whole: reference counts, lists, dicts. It does not keep your own ' +
    'invariants. Here each thread reads a shared counter, adds one in a call, and writes it back. ' +
    'A call is where CPython checks for a switch request, so a switch can land between the read ' +
    'and the write: the thread switched out there later writes back a stale value, and every ' +
    'increment made meanwhile is gone, GIL or not. The lab checks for a switch only at that gap, ' +
    'so every switch lands there; in CPython some land elsewhere in the loop and cost nothing, so ' +
    'fewer are lost, but not none. The second step puts each read-modify-write inside a ' +
    'threading.Lock: a thread that finds it taken waits, and the count is exact.',
  python: [
    'import threading',
    '',
    'counter = 0',
    'lock = threading.Lock()',
    '',
    'def bump(value):',
    '    return value + 1   # a call: a switch can land here',
    '',
    'def count_up(times):',
    '    global counter',
    '    for _ in range(times):',
    '        seen = counter            # read',
    '        counter = bump(seen)      # write back',
    '',
    'def count_up_locked(times):',
    '    global counter',
    '    for _ in range(times):',
    '        with lock:                # the fix',
    '            seen = counter',
    '            counter = bump(seen)',
  ].join('\n'),
  task: 'cpu',
  modes: ['threads'],
  modesSelectable: false,
  defaults: { workers: 2, seconds: 2, switchMs: 5 },
  controls: { workers: 'Threads', seconds: 'Millions of increments each', switchMs: 'Switch interval' },
  chart: 'counts',
  cores: 'none',
  metrics: [
    { key: 'expected', label: 'expected', digits: 0 },
    { key: 'actual', label: 'counted', digits: 0 },
    { key: 'lost', label: 'lost', digits: 0 },
  ],
  prompt: 'Under the GIL, with no lock of your own, how many increments will be lost?',
  predictions: ANSWERS,
};
