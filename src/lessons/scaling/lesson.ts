/** The scaling curve: threads stay flat, processes climb to the core count. */
import type { Experiment, Prediction } from '../../shared/experiments';
import { plural } from '../../shared/format';

/** One task alone (the baseline), then each count of threads and of processes. */
export const ALONE = { id: 'alone', label: '1 task alone' } as const;
export type ScalingMode = 'threads' | 'processes';
export type ScalingStep = typeof ALONE.id | `${ScalingMode}-${number}`;
/** "threads-4" shown as "4 threads". */
export const countStep = (mode: ScalingMode, n: number): { id: ScalingStep; label: string } => ({
  id: `${mode}-${n}`,
  label: mode === 'threads' ? plural(n, 'thread') : plural(n, 'process', 'processes'),
});

/** The worker counts the curve runs: 1, 2, 4, … below `most`, then `most` itself. */
export function workerCounts(most: number): number[] {
  const counts: number[] = [];
  for (let n = 1; n < most; n *= 2) counts.push(n);
  counts.push(most);
  return counts;
}

/** The prediction's answers, typed so the scoring compares ids, never labels. */
export type ScalingAnswer = 'x1' | 'cores' | 'x8';

export const ANSWERS: readonly Prediction<ScalingAnswer>[] = [
  { answer: 'x1', label: 'about 1x', value: 1 },
  { answer: 'cores', label: 'about the cores', value: 2 },
  { answer: 'x8', label: 'about 8x', value: 8 },
];

export const lesson: Experiment = {
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
  retimesBaseline: true,
  cores: 'parallel',
  metrics: [{ key: 'ideal', label: 'ideal', unit: 'x', digits: 0 }],
  prompt: 'With 8 threads, the speedup will be…',
  predictions: ANSWERS,
};
