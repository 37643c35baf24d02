/** C extensions release the GIL. Steps are its modes. */
import type { Experiment, Prediction } from '../../shared/experiments';

/** The prediction's answers, typed so the scoring compares ids, never labels. */
export type NativeReleaseAnswer = 'x1' | 'x2' | 'x4';

export const ANSWERS: readonly Prediction<NativeReleaseAnswer>[] = [
  { answer: 'x1', label: 'about 1x', value: 1 },
  { answer: 'x2', label: 'about 2x', value: 2 },
  { answer: 'x4', label: 'about 4x', value: 4 },
];

export const lesson: Experiment = {
  id: 'native-release',
  short: 'Native code',
  title: 'C extensions release the GIL',
  question: 'Why do NumPy threads scale when Python threads do not?',
  explanation:
    'The same sum of squares, now as "native" code that releases the GIL around its hot loop ' +
    '(Py_BEGIN_ALLOW_THREADS), as NumPy, hashlib or zlib do for large inputs. The threads take ' +
    'the GIL only to enter and leave the call, and the loops run on every core at once. "Large" ' +
    'is a threshold: hashlib releases the GIL only for inputs of 2048 bytes or more, since for a ' +
    'few bytes dropping and retaking the lock would cost more than the hash.',
  python: [
    'import hashlib, threading',
    '',
    'data = bytes(200_000_000)',
    '',
    'def digest() -> None:',
    '    # C code; the GIL is released inside',
    '    hashlib.sha256(data).hexdigest()',
    '',
    'ts = [threading.Thread(target=digest)',
    '      for _ in range(4)]',
    'for t in ts: t.start()',
    'for t in ts: t.join()',
  ].join('\n'),
  task: 'cpu',
  modes: ['sequential', 'threads', 'native'],
  modesSelectable: true,
  defaults: { workers: 4, seconds: 1, switchMs: 5 },
  controls: { workers: 'Threads', seconds: 'Task seconds', switchMs: 'Switch interval' },
  chart: 'speedup',
  retimesBaseline: true,
  cores: 'parallel',
  metrics: [],
  prompt: 'With the GIL released, 4 threads will be…',
  predictions: ANSWERS,
};
