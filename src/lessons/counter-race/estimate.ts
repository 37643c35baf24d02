/** How long a run takes: the increments under the GIL alone, then each behind a threading.Lock. Pure. */
import { INCREMENT_S, perStep, type LessonEstimate } from '../../shared/run-estimate';
import { incrementsFor } from '../common/counted-increments';
import type { CounterRaceStep } from './lesson';

/** A threading.Lock around each increment: a compare-and-swap and a wake-up more (measured about 7x). */
const LOCK_FACTOR = 8;

export const estimate: LessonEstimate = ({ n, s }) => {
  const one = incrementsFor(s) * INCREMENT_S;
  return perStep<CounterRaceStep>({ gil: n * one, lock: LOCK_FACTOR * n * one });
};
