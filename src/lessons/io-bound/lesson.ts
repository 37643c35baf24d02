/** I/O-bound threads do scale: the waits overlap. Steps are its modes. */
import type { Experiment, Prediction } from '../../shared/experiments';

/** The prediction's answers, typed so the scoring compares ids, never labels. */
export type IoBoundAnswer = 'x1' | 'x2' | 'x4';

export const ANSWERS: readonly Prediction<IoBoundAnswer>[] = [
  { answer: 'x1', label: 'about 1x', value: 1 },
  { answer: 'x2', label: 'about 2x', value: 2 },
  { answer: 'x4', label: 'about 4x', value: 4 },
];

export const lesson: Experiment = {
  id: 'io-bound',
  short: 'I/O-bound work',
  title: 'I/O-bound threads do scale',
  question: 'Can 4 threads that wait on I/O finish in the time of one?',
  explanation:
    'Each worker does a little Python work, then blocks on I/O the way a network call or ' +
    'time.sleep() does. CPython releases the GIL around a blocking call, so while one thread ' +
    'waits another can run: the waits overlap even though only one thread holds the lock at a time.',
  python: [
    'import threading, time',
    '',
    'def fetch(delay: float) -> None:',
    '    time.sleep(delay)   # blocking: GIL released',
    '',
    'for _ in range(4):',
    '    fetch(1.0)          # sequential: ~4 s',
    '',
    'ts = [threading.Thread(target=fetch, args=(1.0,))',
    '      for _ in range(4)]',
    'for t in ts: t.start()',
    'for t in ts: t.join()  # threads: ~1 s',
  ].join('\n'),
  task: 'io',
  modes: ['sequential', 'threads'],
  modesSelectable: true,
  defaults: { workers: 4, seconds: 1, switchMs: 5 },
  controls: { workers: 'Workers', seconds: 'Wait seconds', switchMs: 'Switch interval' },
  chart: 'speedup',
  cores: 'none',
  metrics: [],
  prompt: 'How much faster than sequential will 4 waiting threads be?',
  predictions: ANSWERS,
};
