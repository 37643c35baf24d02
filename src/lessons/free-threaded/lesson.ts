/** Free-threaded Python: no GIL at all. Steps are its modes, then one thread alone without a GIL. */
import type { Experiment, FreeThreadedBuild, Prediction } from '../../shared/experiments';

/** After its modes (step id = the mode), one thread alone without a GIL: the single-thread price. */
export const SINGLE = { id: 'single-thread', label: '1 thread, no GIL' } as const;

/** The prediction's answers, typed so the scoring compares ids, never labels. */
export type FreeThreadedAnswer = 'x1' | 'x2' | 'x4';

export const ANSWERS: readonly Prediction<FreeThreadedAnswer>[] = [
  { answer: 'x1', label: 'about 1x', value: 1 },
  { answer: 'x2', label: 'about 2x', value: 2 },
  { answer: 'x4', label: 'about 4x', value: 4 },
];

/** What each build costs a single thread, as published; the model charges exactly this. */
export interface BuildCost {
  /** The published single-thread overhead, % (the middle of a published range). */
  pct: number;
  /** The figure as said, with its source. */
  said: string;
}

export const BUILD_COST: Readonly<Record<FreeThreadedBuild, BuildCost>> = {
  '3.13t': { pct: 40, said: 'about 40 % slower on one thread (pyperformance, per the 3.13 free-threading HOWTO): the specialising adaptive interpreter (PEP 659) is off in that build' },
  '3.14t': { pct: 7.5, said: 'about 5-10 % slower on one thread (What\'s New in Python 3.14): specialisation works again without the GIL' },
};

export const DEFAULT_BUILD: FreeThreadedBuild = '3.14t';

export const lesson: Experiment = {
  id: 'free-threaded',
  short: 'Free-threading',
  realNeeds: { freeThreadedBuild: true },
  // On one free-threaded interpreter: its threads cannot run under a GIL it can turn back on
  // (PYTHON_GIL is read at start-up), and the single-thread price needs a GIL build of the same
  // version beside it.
  realOmits: ['threads', SINGLE.id],
  title: 'Free-threaded Python (3.13t, 3.14t)',
  question: 'What if the interpreter has no GIL at all?',
  explanation:
    'The free-threaded build switches the GIL off. Reference counts are then made safe another ' +
    'way: biased reference counting, cheap for the owning thread, atomic for the others, so no ' +
    'count is lost. Threads now scale like processes, without a process each. The price is a ' +
    'slower single thread, and it depends on the build: about 40 % in 3.13t, about 5-10 % in ' +
    '3.14t. Since 3.14 the free-threaded build is supported but optional (PEP 779); the default ' +
    'build still has the GIL. Choose the build: the lab cannot run a free-threaded CPython in ' +
    'Node, so it charges each thread that build\'s published price in atomic reference-count ' +
    'updates, and measures that one thread without the GIL really paid it.',
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
  defaults: { workers: 4, seconds: 1, switchMs: 5, build: DEFAULT_BUILD },
  controls: { workers: 'Threads', seconds: 'Task seconds', switchMs: 'Switch interval', build: 'Build modelled' },
  chart: 'speedup',
  retimesBaseline: true,
  cores: 'parallel',
  // The published figure travels with the results (publishedCostPct) and is said in the explanation.
  metrics: [{ key: 'singleThreadCostPct', label: '1-thread cost', unit: '%', digits: 0 }],
  prompt: 'Without a GIL, 4 threads will be…',
  predictions: ANSWERS,
};
