/** counter += 1: how many updates the GIL let go missing, and that the Lock kept them all. */
import { byStep, metric, type Explainer } from '../common/explainer';
import { groupDigits, plural } from '../../shared/format';
import type { ModeResult } from '../../shared/results';
import { ANSWERS, type CounterRaceAnswer } from './lesson';

const percent = (part: number, whole: number): string => {
  const pct = whole > 0 ? (part / whole) * 100 : 0;
  return pct < 0.1 ? pct.toFixed(3) : pct.toFixed(1);
};

function counterRace(results: readonly ModeResult[]): string[] {
  const lines: string[] = [];
  const bare = byStep(results, 'gil');
  const expected = metric(bare, 'expected');
  const actual = metric(bare, 'actual');
  if (bare && expected !== null && actual !== null) {
    const lost = expected - actual;
    lines.push(
      lost > 0
        ? `Under the GIL ${plural(bare.workers, 'thread')} counted ${groupDigits(actual)} of ${groupDigits(expected)}: ${groupDigits(lost)} updates (${percent(lost, expected)} %) were lost. ` +
            `Some of the ${groupDigits(bare.gilSwitches)} GIL switches landed between a read and its write (in CPython 3.11 to 3.13 about a third do; the rest land at the loop's jump back and cost nothing), ` +
            'and the thread switched out there wrote back a stale count over everything done meanwhile.'
        : `Under the GIL ${plural(bare.workers, 'thread')} counted all ${groupDigits(expected)} this time: no switch landed between a read and its write (${groupDigits(bare.gilSwitches)} switches). Count more, or shorten the switch interval, and it will.`,
    );
  }
  const locked = byStep(results, 'lock');
  const lockedExpected = metric(locked, 'expected');
  const lockedActual = metric(locked, 'actual');
  if (locked && lockedExpected !== null && lockedActual !== null) {
    lines.push(
      lockedActual === lockedExpected
        ? `With a threading.Lock around each read-modify-write the count was exact: ${groupDigits(lockedActual)} of ${groupDigits(lockedExpected)}. A thread switched out while holding the lock kept it, so the other waited instead of reading.`
        : `With the lock ${groupDigits(lockedExpected - lockedActual)} updates were still lost, which a correct lock never allows: the lab reports it rather than hide it.`,
    );
    if (bare && bare.wallMs > 0) lines.push(lockCost(locked, bare));
  }
  return lines;
}

/** What the lock cost, from the two steps' times: the acquire and release alone, or the wake-ups too. */
function lockCost(locked: ModeResult, bare: ModeResult): string {
  const took = `The lock is not free: that step took ${(locked.wallMs / bare.wallMs).toFixed(1)}x as long.`;
  const why =
    locked.workers > 1
      ? ` Every increment takes and releases it, and while another thread is blocked on it each release wakes that thread (in CPython a system call), ` +
        `mostly to find the lock taken again. The GIL changed hands ${groupDigits(locked.gilSwitches)} times in that step against ${groupDigits(bare.gilSwitches)} without the lock: a thread blocked on the lock gives the GIL up.`
      : ' Every increment takes and releases it; with one thread nobody waits on it, so nobody is woken.';
  return `${took}${why} The GIL protects the interpreter; your own invariants need your own lock.`;
}

export const counterRaceExplainer: Explainer<CounterRaceAnswer> = {
  explain: (results) => counterRace(results),
  busyNotes: false,
  measure: (results) => {
    const bare = byStep(results, 'gil');
    const answer = bare?.findings?.lost;
    if (!bare || !answer) return null;
    const lost = metric(bare, 'lost');
    const expected = metric(bare, 'expected');
    const label = ANSWERS.find((a) => a.answer === answer)?.label ?? answer;
    return { text: lost !== null && expected !== null ? `${groupDigits(lost)} of ${groupDigits(expected)} were lost under the GIL` : `${label} were lost`, answer, exact: true };
  },
};
