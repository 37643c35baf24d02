/** How long a run takes: start-ups, round trips of 1 MB, and the tiny tasks three ways. Pure. */
import { perStep, processStart, spread, type LessonEstimate } from '../../shared/run-estimate';
import { POOL_TASK_PRICE_MS, TINY_TASKS, type ProcessCostStep } from './lesson';

/** Node's own IPC per message, the parent's CPU and the worker's, before CPython's price (lesson.ts). */
const NODE_MESSAGE_S = { parent: 6e-5, worker: 1e-4 };
/** One process started and a few 1 MB round trips to it, serialised each way; to a thread they are references. */
const PROCESS_TRIPS_S = 0.5;

export const estimate: LessonEstimate = ({ n, s, cores }) => {
  const pool = processStart(n, cores);
  // The same total CPU split over the pool's processes.
  const shared = spread(n, s / n, cores);
  // A message costs the parent its share one after another, the workers theirs side by side.
  const parent = NODE_MESSAGE_S.parent + POOL_TASK_PRICE_MS.parent / 1000;
  const worker = NODE_MESSAGE_S.worker + POOL_TASK_PRICE_MS.worker / 1000;
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
