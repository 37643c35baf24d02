/** The lost update: how many increments went missing without a lock, and that none did under the GIL. */
import { byStep, metric, type Explainer } from '../common/explainer';
import { groupDigits, plural } from '../../shared/format';
import type { ModeResult } from '../../shared/results';
import { ANSWERS, type LostUpdateAnswer } from './lesson';

function lostUpdate(results: readonly ModeResult[]): string[] {
  const lines: string[] = [];
  const free = byStep(results, 'no-lock');
  const locked = byStep(results, 'gil');
  const expected = metric(free, 'expected');
  const actual = metric(free, 'actual');
  const lost = metric(free, 'lost');
  if (free && expected !== null && actual !== null) {
    const missing = lost ?? expected - actual;
    const pct = expected > 0 ? (missing / expected) * 100 : 0;
    lines.push(
      missing > 0
        ? `With no lock at all ${plural(free.workers, 'thread')} counted ${groupDigits(actual)} of ${groupDigits(expected)} increments: ${groupDigits(missing)} (${pct < 0.1 ? pct.toFixed(3) : pct.toFixed(1)} %) were lost, because two threads read the same value and both wrote it back plus one.`
        : `With no lock at all ${plural(free.workers, 'thread')} counted all ${groupDigits(expected)} increments this time: they never collided on the counter. Collisions need two cores at once; run again or count more.`,
    );
  }
  const lockedExpected = metric(locked, 'expected');
  const lockedActual = metric(locked, 'actual');
  if (locked && lockedExpected !== null && lockedActual !== null) {
    lines.push(
      lockedActual === lockedExpected
        ? `Under the GIL the count was exact: ${groupDigits(lockedActual)} of ${groupDigits(lockedExpected)}, because only the holder ever runs a read-add-write.`
        : `Under the GIL ${groupDigits(lockedExpected - lockedActual)} increments were lost, which a correct lock never allows: the lab reports it rather than hide it.`,
    );
  }
  return lines;
}

export const lostUpdateExplainer: Explainer<LostUpdateAnswer> = {
  explain: (results) => lostUpdate(results),
  measure: (results) => {
    const free = byStep(results, 'no-lock');
    const answer = free?.findings?.lost;
    if (!free || !answer) return null;
    const lost = metric(free, 'lost');
    const expected = metric(free, 'expected');
    const label = ANSWERS.find((a) => a.answer === answer)?.label ?? answer;
    return { text: lost !== null && expected !== null ? `${groupDigits(lost)} of ${groupDigits(expected)} were lost` : `${label} were lost`, answer, exact: true };
  },
};
