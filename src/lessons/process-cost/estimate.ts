/** How long a run takes: start-ups, round trips of 1 MB, and the tiny tasks three ways. Pure. */
import { perStep, processStart, spread, type LessonEstimate } from '../../shared/run-estimate';
import { TINY_TASKS, type ProcessCostStep } from './lesson';

/** One message to a pool process and its answer. */
const MESSAGE_S = 1.5e-4;
/** One process started and a few 1 MB round trips to it, serialised each way; to a thread they are references. */
const PROCESS_TRIPS_S = 0.5;

export const estimate: LessonEstimate = ({ n, s, cores }) => {
  const pool = processStart(n, cores);
  // The same total CPU split over the pool's processes.
  const shared = spread(n, s / n, cores);
  return perStep<ProcessCostStep>({
    'start-threads': 0,
    'start-processes': pool,
    'trip-thread': 0,
    'trip-process': PROCESS_TRIPS_S,
    'tiny-in-turn': s,
    'tiny-each': pool + shared + TINY_TASKS * MESSAGE_S,
    'tiny-batched': pool + shared,
  });
};
