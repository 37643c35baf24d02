/** Lessons 1–3: what the GIL does to CPU-bound and I/O-bound threads, and how that scales. */
import type { Experiment } from '../experiments';

const speedupChoices = [
  { label: 'about 1x', value: 1 },
  { label: 'about 2x', value: 2 },
  { label: 'about 4x', value: 4 },
];

export const cpuBound: Experiment = {
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
  metrics: [],
  prompt: 'How much faster than sequential will 4 threads be?',
  predictions: speedupChoices,
  predicted: { step: 'threads', figure: 'speedup' },
};

export const ioBound: Experiment = {
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
  metrics: [],
  prompt: 'How much faster than sequential will 4 waiting threads be?',
  predictions: speedupChoices,
  predicted: { step: 'threads', figure: 'speedup' },
};

export const scaling: Experiment = {
  id: 'scaling',
  short: 'Scaling curve',
  title: 'Scaling curve',
  question: 'What happens as you add threads, and as you add processes?',
  explanation:
    'The same CPU task runs with 1, 2, 4, 8 … workers, up to the count you choose, each worker ' +
    'doing one task. Speedup is the time one task takes alone times the number of tasks, divided ' +
    'by the wall time. Threads stay flat, or lose a little to switching; processes climb until ' +
    'every core is busy, then level off at the core count (the dashed ideal line).',
  python: [
    'from concurrent.futures import (',
    '    ThreadPoolExecutor, ProcessPoolExecutor)',
    '',
    'for n in (1, 2, 4, 8):',
    '    for Pool in (ThreadPoolExecutor,',
    '                 ProcessPoolExecutor):',
    '        with Pool(max_workers=n) as pool:',
    '            list(pool.map(crunch, [N] * n))',
  ].join('\n'),
  task: 'cpu',
  modes: ['threads', 'processes'],
  modesSelectable: true,
  defaults: { workers: 8, seconds: 0.5, switchMs: 5 },
  controls: { workers: 'Most workers', seconds: 'Task seconds', switchMs: 'Switch interval' },
  chart: 'scaling',
  metrics: [{ key: 'ideal', label: 'ideal', unit: 'x', digits: 0 }],
  prompt: 'With 8 threads, the speedup will be…',
  predictions: [
    { label: 'about 1x', value: 1 },
    { label: 'about the cores', value: 2 },
    { label: 'about 8x', value: 8 },
  ],
  predicted: { step: 'threads', figure: 'speedup' },
};
