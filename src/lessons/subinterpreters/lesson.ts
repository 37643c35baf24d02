/** Subinterpreters: one process, one GIL per interpreter (PEP 684; concurrent.interpreters, PEP 734). */
import type { Experiment, Prediction } from '../../shared/experiments';

/** The prediction's answers, typed so the scoring compares ids, never labels. */
export type SubinterpretersAnswer = 'x1' | 'x2' | 'x4';

export const ANSWERS: readonly Prediction<SubinterpretersAnswer>[] = [
  { answer: 'x1', label: 'about 1x, like threads', value: 1 },
  { answer: 'x2', label: 'about 2x', value: 2 },
  { answer: 'x4', label: 'about 4x', value: 4 },
];

export const lesson: Experiment = {
  id: 'subinterpreters',
  short: 'Subinterpreters',
  realNeeds: { since: { version: [3, 14], feature: 'concurrent.interpreters' } },
  title: 'Subinterpreters: a GIL per interpreter',
  question: 'One process, four interpreters: do they share one GIL?',
  explanation:
    'Since Python 3.12 (PEP 684) each interpreter in a process can have a GIL of its own; 3.14 ' +
    'gives them a standard library module, concurrent.interpreters, and an ' +
    'InterpreterPoolExecutor (PEP 734). CPU-bound work then scales like processes, in one ' +
    'process. An interpreter starts cheaper than a process and dearer than a thread: it builds ' +
    'its own modules and state. Objects are not shared between interpreters: arguments and ' +
    'results are copied across, as with processes. In the lab each interpreter is a worker_thread ' +
    'with its own GIL in memory of its own, started on the clock; its start is a Node isolate, so ' +
    'read the start-up column as an order (thread < interpreter < process), not as CPython\'s times.',
  python: [
    '# Python 3.14+',
    'from concurrent.futures import (',
    '    InterpreterPoolExecutor)',
    '',
    '# one process; each worker an interpreter',
    '# with a GIL of its own (PEP 684)',
    'with InterpreterPoolExecutor(4) as pool:',
    '    totals = list(pool.map(crunch, [N] * 4))',
    '',
    '# crunch and N are copied into each',
    '# interpreter: no objects are shared',
  ].join('\n'),
  task: 'cpu',
  modes: ['sequential', 'threads', 'interpreters', 'processes'],
  modesSelectable: true,
  defaults: { workers: 4, seconds: 1, switchMs: 5 },
  controls: { workers: 'Workers', seconds: 'Task seconds', switchMs: 'Switch interval' },
  chart: 'speedup',
  retimesBaseline: true,
  cores: 'parallel',
  metrics: [{ key: 'startMs', label: 'start-up', unit: 'ms', digits: 0 }],
  prompt: 'Four subinterpreters in one process will be…',
  predictions: ANSWERS,
};
