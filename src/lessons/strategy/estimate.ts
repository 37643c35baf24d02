/**
 * How long a run takes, as the program runs it: each workload in sequence and then by each of its
 * strategies (the same n tasks of s seconds), and before the memory-bound row the bandwidth
 * measured with 1, 2, 4… workers (the first a short probe). Pure.
 */
import type { Mode } from '../../shared/experiments';
import { modeSeconds, processStart, spread, type EstimateShape, type LessonEstimate, type StepEstimate } from '../../shared/run-estimate';
import { bandwidthStep, bandwidthSweep, cellStep, PIPELINE, STRATEGIES, WORKLOADS, type StrategyStep } from './lesson';

/** The first bandwidth measurement: a few copies of 64 MB arrays. */
const STREAM_PROBE_S = 0.2;

/** One cell: n tasks of one workload run one way. */
function cellSeconds(workload: StrategyStep, mode: Mode, shape: EstimateShape): number {
  const { n, s, cores } = shape;
  switch (workload) {
    case 'cpu':
      return modeSeconds(mode, false, shape);
    // A device's work is a wait with the GIL released, as I/O is.
    case 'io':
    case 'gpu':
      return modeSeconds(mode, true, shape);
    case 'memory':
      // Copying releases the GIL: threads share the cores.
      return mode === 'threads' ? spread(n, s, cores) : modeSeconds(mode, false, shape);
    case 'hybrid': {
      const pool = Math.max(1, Math.min(n, cores));
      const item = (1 + PIPELINE.fetch + PIPELINE.store) * s;
      if (mode === 'sequential') return n * item;
      if (mode === 'threads') return Math.max(item, n * s);
      if (mode === 'processes') return processStart(pool, cores) + Math.ceil(n / pool) * item;
      // Threads or an event loop handing the computations to a process pool.
      return processStart(pool, cores) + Math.max(item, (n * s) / pool);
    }
  }
}

export const estimate: LessonEstimate = (shape) =>
  WORKLOADS.flatMap((workload): StepEstimate[] => [
    ...(workload === 'memory' ? bandwidthSweep(shape.n, shape.cores).map((k) => ({ id: bandwidthStep(k), seconds: k === 1 ? STREAM_PROBE_S : shape.s })) : []),
    ...(['sequential', ...STRATEGIES[workload]] as const).map((mode) => ({ id: cellStep(workload, mode), seconds: cellSeconds(workload, mode, shape) })),
  ]);
