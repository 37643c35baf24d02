/** The deadlock: the cycle the lab found, and the fix that let both threads finish. */
import { byStep, metric, type Explainer } from '../common/explainer';
import { msText, secondsText, upperFirst } from '../../shared/format';
import type { ModeResult } from '../../shared/results';
import type { DeadlockAnswer } from './lesson';

function deadlock(results: readonly ModeResult[]): string[] {
  const stuck = results.find((r) => r.cycle !== undefined || r.findings?.outcome === 'deadlocked') ?? byStep(results, 'stuck');
  const fixed = results.find((r) => r !== stuck && r.findings?.outcome === 'finished') ?? byStep(results, 'fixed');
  const lines: string[] = [];
  if (stuck) {
    const after = metric(stuck, 'detectedAfterMs');
    if (stuck.findings?.outcome === 'deadlocked' || stuck.cycle) {
      const cycle = stuck.cycle && stuck.cycle.length > 0 ? `${stuck.cycle.map((s) => s.replace(/\.$/, '')).join('; ')}.` : 'Each thread waited for a lock the other held.';
      lines.push(upperFirst(cycle));
      lines.push(`The lab found the cycle${after !== null ? ` after ${msText(after)}` : ''} and stopped every worker: neither thread could ever have gone on.`);
    } else {
      lines.push(`Without the fix the threads finished in ${secondsText(stuck.wallMs)} this time: the two locks were never taken in the fatal order.`);
    }
  }
  if (fixed && fixed !== stuck) {
    lines.push(
      fixed.findings?.outcome === 'deadlocked'
        ? 'With the GIL released around the lock the threads still deadlocked, which the fix should prevent.'
        : `With the GIL released around the lock both threads finished in ${msText(fixed.wallMs)}: the callback could take the GIL while the main thread waited for the mutex.`,
    );
  }
  return lines;
}

export const deadlockExplainer: Explainer<DeadlockAnswer> = {
  busyNotes: false,
  explain: (results) => deadlock(results),
  measure: (results) => {
    const result = byStep(results, 'stuck');
    const answer = result?.findings?.outcome;
    if (!result || !answer) return null;
    const text = answer === 'deadlocked' ? 'they deadlocked and never finished' : answer === 'finished slowly' ? 'they finished slowly' : `they finished in ${msText(result.wallMs)}`;
    return { text, answer, exact: true };
  },
};
