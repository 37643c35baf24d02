/** How long a run takes: the increments under the GIL alone, then each behind a threading.Lock. Pure. */
import { INCREMENT_S, perStep, type LessonEstimate } from '../../shared/run-estimate';
import { incrementsFor } from '../common/counted-increments';
import { LOCK_PRICE, type CounterRaceStep } from './lesson';

/** What the lab's own lock (Atomics, and waking a blocked thread) costs Node per increment before any price, in increments (measured). */
export const NODE_LOCK = 1;

export const estimate: LessonEstimate = ({ n, s }) => {
  const one = incrementsFor(s) * INCREMENT_S;
  // With another thread, nearly every release finds it blocked on the lock and pays the wake-up.
  const locked = 1 + NODE_LOCK + LOCK_PRICE.lock + (n > 1 ? LOCK_PRICE.wake : 0);
  return perStep<CounterRaceStep>({ gil: n * one, lock: locked * n * one });
};
