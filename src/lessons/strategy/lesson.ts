/** Choose a strategy: five workloads, each run by every strategy that applies, on the same work. */
import type { Experiment, Mode, Prediction } from '../../shared/experiments';

/** The workloads (the seeds' five types), by id, with the label each shows: the table's rows, in order. */
export const STEPS = {
  cpu: 'CPU-heavy',
  io: 'I/O-heavy',
  hybrid: 'Hybrid',
  gpu: 'GPU-bound',
  memory: 'Memory-bound',
} as const;
export type StrategyStep = keyof typeof STEPS;
export const WORKLOADS = Object.keys(STEPS) as StrategyStep[];

/** The strategies tried on each workload, beside its sequential baseline (same work, one thread). */
export const STRATEGIES: Readonly<Record<StrategyStep, readonly Mode[]>> = {
  cpu: ['threads', 'processes', 'asyncio'],
  io: ['threads', 'processes', 'asyncio'],
  // asyncio here is the seeds' recommendation: an event loop with a ProcessPoolExecutor.
  hybrid: ['threads', 'processes', 'hybrid', 'asyncio'],
  gpu: ['threads', 'processes'],
  memory: ['threads', 'processes'],
};

/**
 * A cell's step id: its workload, then its strategy (`cpu-threads`). Each cell is a step of its
 * own because a run's timelines are kept by step id; its row is the workload the id names.
 */
export type CellStep = `${StrategyStep}-${Mode}`;
export const cellStep = (step: StrategyStep, mode: Mode): CellStep => `${step}-${mode}`;
/** The workload a step id belongs to, or null (a bandwidth measurement). Workload ids hold no '-'. */
export function workloadOf(stepId: string | undefined): StrategyStep | null {
  const head = stepId?.split('-')[0];
  return WORKLOADS.find((w) => w === head && stepId !== head) ?? null;
}

/** A memory-bandwidth measurement with k workers copying at once: steps `bandwidth-1`, `bandwidth-2`… */
export type BandwidthStep = `bandwidth-${number}`;
export const bandwidthStep = (workers: number): BandwidthStep => `bandwidth-${workers}`;
export const isBandwidthStep = (id: string): id is BandwidthStep => /^bandwidth-\d+$/.test(id);
/** The workers the bandwidth is measured with: 1, 2, 4 … below the tasks and the cores, then that many. */
export function bandwidthSweep(workers: number, cores: number): number[] {
  const most = Math.max(1, Math.min(workers, cores));
  const counts: number[] = [];
  for (let k = 1; k < most; k *= 2) counts.push(k);
  counts.push(most);
  return counts;
}

/** Shares of a hybrid item beside its computation: the hybrid lesson's pipeline, the same waits. */
export { PIPELINE } from '../common/pipeline';
/** Share of a GPU-bound task spent in Python preparing and launching the device's work (the GIL held). */
export const GPU_LAUNCH_SHARE = 0.05;
/**
 * Size of each memory-bound array (each worker copies one into a second as big): 64 MB, smaller
 * with many workers so that all of them together stay near 512 MB of a laptop's memory.
 */
export const streamMegabytes = (workers: number): number => Math.max(1, Math.min(64, Math.floor(256 / Math.max(1, workers))));

/** How a cell's step is labelled: its workload, then how it ran. */
export function cellLabel(step: StrategyStep, mode: Mode): string {
  const how =
    mode === 'sequential' ? 'in sequence' : step === 'hybrid' && mode === 'hybrid' ? 'threads + process pool' : step === 'hybrid' && mode === 'asyncio' ? 'asyncio + process pool' : mode;
  return `${STEPS[step]} · ${how}`;
}

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
    'The decision table for five kinds of work, measured now on this machine. Each row is one ' +
    'piece of work, run in sequence for the baseline and then by each strategy, so the speedups ' +
    'in a row compare like with like. CPU-heavy: pure-Python sums. I/O-heavy: waits. Hybrid: ' +
    'fetch, compute, store. GPU-bound: work handed to a device while the thread waits with the ' +
    'GIL released; this lab has no GPU, so the device is modelled as that wait. Memory-bound: ' +
    'native code copying arrays far bigger than the cache with the GIL released, where the limit ' +
    "is the memory's bandwidth, measured first with 1, 2… workers copying at once.",
  python: [
    'CHOICE = {',
    "    'cpu': 'ProcessPoolExecutor',",
    "    'io': 'asyncio (or threads)',",
    "    'hybrid': 'asyncio + ProcessPoolExecutor',",
    '    # the GIL is released while the device works',
    "    'gpu': 'threads (or asyncio)',",
    '    # native code drops the GIL; past the memory',
    '    # bandwidth, more cores add nothing',
    "    'memory': 'threads running native code',",
    '}',
  ].join('\n'),
  task: 'mixed',
  modes: ['sequential', 'threads', 'processes', 'asyncio', 'hybrid', 'native'],
  modesSelectable: false,
  defaults: { workers: 4, seconds: 0.2, switchMs: 5 },
  controls: { workers: 'Tasks per workload', seconds: 'Seconds per task' },
  chart: 'strategy',
  cores: 'parallel',
  metrics: [
    { key: 'best', label: 'best for workload', digits: 0 },
    { key: 'gbps', label: 'bandwidth', unit: 'GB/s', digits: 1 },
  ],
  prompt: 'For CPU-heavy pure Python, the best tool here is…',
  predictions: ANSWERS,
};
