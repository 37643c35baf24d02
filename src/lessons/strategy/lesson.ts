/** Choose a strategy: one step per workload, one result per strategy tried on it. */
import type { Experiment, Mode, Prediction } from '../../shared/experiments';

/** The steps, by id, with the label each shows. */
export const STEPS = {
  cpu: 'CPU-bound',
  io: 'I/O-bound',
  native: 'Native code',
  pipeline: 'Pipeline',
} as const;
export type StrategyStep = keyof typeof STEPS;

/** The prediction's answers, typed so the scoring compares ids, never labels. */
export type StrategyAnswer = Extract<Mode, 'threads' | 'processes' | 'asyncio'>;

export const ANSWERS: readonly Prediction<StrategyAnswer>[] = [
  { answer: 'threads', label: 'threads', value: 1 },
  { answer: 'processes', label: 'processes', value: 2 },
  { answer: 'asyncio', label: 'asyncio', value: 3 },
];

export const lesson: Experiment = {
  id: 'strategy',
  short: 'Choose a strategy',
  title: 'Choose a strategy',
  question: 'Which tool for which workload, on this machine?',
  explanation:
    'The decision table, filled with speedups measured on this machine: from the lessons already ' +
    'run in this session, or from a quick run of each when none exists. CPU-bound pure Python wants ' +
    'processes (or native code, or a free-threaded build); I/O-bound work wants threads or asyncio; ' +
    'a pipeline wants both.',
  python: [
    'def choose(workload: str) -> str:',
    '    return {',
    "        'cpu': 'ProcessPoolExecutor',",
    "        'native': 'threads (the C code drops the GIL)',",
    "        'io': 'threads or asyncio',",
    "        'hybrid': 'threads + a process pool',",
    '    }[workload]',
  ].join('\n'),
  task: 'mixed',
  modes: ['threads', 'processes', 'asyncio', 'native', 'hybrid'],
  modesSelectable: false,
  defaults: { workers: 4, seconds: 0.3, switchMs: 5 },
  controls: { workers: 'Workers for quick runs', seconds: 'Seconds for quick runs' },
  chart: 'strategy',
  cores: 'parallel',
  metrics: [{ key: 'best', label: 'best for workload', digits: 0 }],
  prompt: 'For CPU-bound pure Python, the best tool here is…',
  predictions: ANSWERS,
};
