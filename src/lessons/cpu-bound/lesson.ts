/** CPU-bound work: do 4 threads finish 4x faster? Steps are its modes. */
import type { Experiment, Prediction } from '../../shared/experiments';

/** The prediction's answers, typed so the scoring compares ids, never labels. */
export type CpuBoundAnswer = 'x1' | 'x2' | 'x4';

export const ANSWERS: readonly Prediction<CpuBoundAnswer>[] = [
  { answer: 'x1', label: 'about 1x', value: 1 },
  { answer: 'x2', label: 'about 2x', value: 2 },
  { answer: 'x4', label: 'about 4x', value: 4 },
];

export const lesson: Experiment = {
  id: 'cpu-bound',
  short: 'CPU-bound work',
  title: 'CPU-bound: threads vs processes',
  question: 'Do 4 threads finish CPU work 4x faster?',
  explanation:
    'Each worker adds up squares in a tight loop, the kind of pure-Python work that never waits. ' +
    'Threads share one interpreter and therefore one GIL: only the holder runs, the others sleep ' +
    'until it is handed over every switch interval. Processes each start their own interpreter ' +
    'with a GIL of their own, so they can use every core.',
  python: [
    'import threading, multiprocessing as mp',
    '',
    'def crunch(n: int) -> int:',
    '    return sum(i * i for i in range(n))',
    '',
    'N = 30_000_000   # calibrated: ~1 s per call here',
    '',
    'for _ in range(4):          # sequential',
    '    crunch(N)',
    '',
    'ts = [threading.Thread(target=crunch, args=(N,))',
    '      for _ in range(4)]',
    'for t in ts: t.start()',
    'for t in ts: t.join()      # threads: one GIL',
    '',
    'with mp.Pool(4) as pool:   # processes: a GIL each',
    '    pool.map(crunch, [N] * 4)',
  ].join('\n'),
  task: 'cpu',
  modes: ['sequential', 'threads', 'processes'],
  modesSelectable: true,
  defaults: { workers: 4, seconds: 1, switchMs: 5 },
  controls: { workers: 'Workers', seconds: 'Task seconds', switchMs: 'Switch interval' },
  chart: 'speedup',
  retimesBaseline: true,
  cores: 'parallel',
  metrics: [],
  prompt: 'How much faster than sequential will 4 threads be?',
  predictions: ANSWERS,
};
