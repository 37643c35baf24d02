/**
 * What the two counter lessons (lost-update, counter-race) share: how many increments the
 * "seconds" control asks of each thread, and how a step's count is judged against the sum
 * every thread added. Pure, so lessons' explainers may read the same thresholds.
 */
import type { ModeResult } from '../../shared/results';

/** Increments per thread for the "seconds" control: a million per unit, never under a thousand. */
export const incrementsFor = (seconds: number): number => Math.max(1_000, Math.round(seconds * 1_000_000));

/** Below this share of lost updates the loss reads as "a few" rather than "many". */
const FEW_LOST = 0.01;

/** The metrics and finding of a step whose threads added `expected` in all and left `actual`. */
export function countedOutcome(expected: number, actual: number): Pick<ModeResult, 'metrics' | 'findings'> {
  const lost = expected - actual;
  const share = lost / expected;
  return {
    metrics: { expected, actual, lost, lostPct: share * 100 },
    findings: { lost: lost === 0 ? 'none' : share < FEW_LOST ? 'a few' : 'many' },
  };
}
