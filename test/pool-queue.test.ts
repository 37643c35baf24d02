/**
 * A process pool keeps its queue in one place, as CPython's ProcessPoolExecutor does: a long task
 * goes to whichever worker frees first, never to wait behind another task on a busy one. Read from
 * the order the tasks finish in, which no machine's speed changes (the tasks' lengths differ 10x).
 */
import { describe, expect, it } from 'vitest';
import { builtEntries } from '../src/engine/entries';
import { Pool } from '../src/engine/pool';
import { switchInterval } from '../src/shared/units';
import { OUT_MAIN } from './build-state';
import { loopIterationsPerMs } from './loop-speed';

const entries = builtEntries(OUT_MAIN);

describe('a process pool', () => {
  it('sends a long task to the worker that frees first, not behind a running one', async () => {
    const perMs = loopIterationsPerMs();
    const pool = await Pool.start({ entries, host: 'process', size: 2, chunkIterations: 1000, switchInterval: switchInterval(5) });
    try {
      const finished: string[] = [];
      const task = (name: string, ms: number): Promise<void> => pool.run(Math.round(ms * perMs)).then(() => void finished.push(name));
      // Two workers: the long task takes one, the first short one the other, and the third waits
      // for whichever frees first, which is the short one's worker, long before the long one's.
      await Promise.all([task('long', 600), task('short', 30), task('next', 60)]);
      expect(finished).toEqual(['short', 'next', 'long']);
    } finally {
      await pool.stop();
    }
  });

  it('still queues tiny tasks behind running ones, so a worker never idles between them', async () => {
    const pool = await Pool.start({ entries, host: 'process', size: 2, chunkIterations: 1000, switchInterval: switchInterval(5) });
    try {
      const sent: Promise<unknown>[] = Array.from({ length: 6 }, () => pool.run(10));
      // Each worker holds two tiny tasks at once; the rest wait in the pool's queue.
      expect(pool.tasksInFlight).toBe(4);
      await Promise.all(sent);
      expect(pool.tasksInFlight).toBe(0);
    } finally {
      await pool.stop();
    }
  });
});
