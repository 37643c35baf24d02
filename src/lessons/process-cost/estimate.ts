/** How long a run takes: start-ups, round trips of 1 MB, and the tiny tasks three ways. Pure. */
import { perStep, processStart, spread, type LessonEstimate } from '../../shared/run-estimate';
import { NODE_MESSAGE_GUESS_MS, POOL_TASK_COST_OVER_NODE, TINY_TASKS, type ProcessCostStep } from './lesson';
/** One process started and a few 1 MB round trips to it, serialised each way; to a thread they are references. */
const PROCESS_TRIPS_S = 0.5;

export const estimate: LessonEstimate = ({ n, s, cores }) => {
  const pool = processStart(n, cores);
  // The same total CPU split over the pool's processes.
  const shared = spread(n, s / n, cores);
  // A message costs the parent its share one after another, the workers theirs side by side: CPython's
  // cost, or Node's own message where that is dearer (the pool pays the difference, never less than nothing).
  const parent = (Math.max(1, POOL_TASK_COST_OVER_NODE.parent) * NODE_MESSAGE_GUESS_MS.parent) / 1000;
  const worker = (Math.max(1, POOL_TASK_COST_OVER_NODE.worker) * NODE_MESSAGE_GUESS_MS.worker) / 1000;
  const message = Math.max(parent, (parent + worker) / Math.min(n, cores));
  return perStep<ProcessCostStep>({
    'start-threads': 0,
    'start-processes': pool,
    'trip-thread': 0,
    'trip-process': PROCESS_TRIPS_S,
    'tiny-in-turn': s,
    'tiny-each': pool + shared + TINY_TASKS * message,
    'tiny-batched': pool + shared + n * message,
  });
};
