/**
 * How long a run takes: n threads' items through fetch, compute and store, each way. An item's
 * fetch and store together take as long as its computation. Pure.
 */
import { processStart, type LessonEstimate } from '../../shared/run-estimate';
import type { Mode } from '../../shared/experiments';
import { ITEMS_PER_THREAD, PIPELINE } from './lesson';

export const estimate: LessonEstimate = ({ n, s, cores, modes }) => {
  const items = n * ITEMS_PER_THREAD;
  const pool = Math.max(1, Math.min(n, cores));
  const perThread = Math.ceil(items / n);
  const item = (1 + PIPELINE.fetch + PIPELINE.store) * s;
  // The waits of an item overlap other items' on threads; the computations take turns but on a pool's processes.
  const cost: Partial<Record<Mode, number>> = {
    sequential: items * item,
    threads: Math.max(perThread * item, items * s),
    processes: processStart(pool, cores) + Math.ceil(items / pool) * item,
    hybrid: processStart(pool, cores) + Math.max(perThread * item, (items * s) / pool),
    // One event loop with every item in flight: the pool is all that queues.
    asyncio: processStart(pool, cores) + Math.max(item, (items * s) / pool),
  };
  return modes.map((mode) => ({ id: mode, seconds: cost[mode] ?? items * item }));
};
