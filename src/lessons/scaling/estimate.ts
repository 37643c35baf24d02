/** How long a run takes: one task alone, then each count of threads (taking turns) and of processes (sharing the cores). Pure. */
import { processStart, spread, type LessonEstimate } from '../../shared/run-estimate';
import { ALONE, countStep, workerCounts } from './lesson';

export const estimate: LessonEstimate = ({ n, s, cores, modes }) => [
  { id: ALONE.id, seconds: s },
  ...modes.flatMap((mode) =>
    mode === 'threads' || mode === 'processes'
      ? workerCounts(n).map((k) => ({ id: countStep(mode, k).id, seconds: mode === 'processes' ? processStart(k, cores) + spread(k, s, cores) : k * s }))
      : [],
  ),
];
