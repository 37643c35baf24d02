/** The convoy effect: the I/O thread's response alone, beside a CPU thread, and with the CPU work in a process. */
import { byStep, metric, nearestAnswer, type Explainer } from '../common/explainer';
import { msText, timesText } from '../../shared/format';
import type { ModeResult } from '../../shared/results';
import { ANSWERS, type ConvoyAnswer } from './lesson';

function convoy(results: readonly ModeResult[], switchMs: number): string[] {
  const alone = byStep(results, 'alone');
  const beside = byStep(results, 'beside');
  const apart = byStep(results, 'apart');
  const median = (r: ModeResult | undefined): number | null => metric(r, 'medianLatencyMs');
  const slower = (r: ModeResult | undefined): number | null => {
    const own = metric(r, 'slowdown');
    const a = median(alone);
    const m = median(r);
    return own ?? (a !== null && m !== null && a > 0 ? m / a : null);
  };
  const lines: string[] = [];
  const a = median(alone);
  if (a !== null) {
    const p95 = metric(alone, 'p95LatencyMs');
    lines.push(`Alone, the I/O thread answered in a median ${msText(a)}${p95 !== null ? ` (95th percentile ${msText(p95)})` : ''}.`);
  }
  const b = median(beside);
  const bx = slower(beside);
  if (b !== null) {
    lines.push(
      bx !== null && bx >= 1.5
        ? `Beside a CPU-bound thread the median response grew to ${msText(b)}, ${timesText(bx)} slower: every return from I/O waited for the busy thread to drop the GIL, which it does only when asked after a switch interval (${msText(switchMs)}).`
        : `Beside a CPU-bound thread the median response was ${msText(b)}${bx !== null ? ` (${timesText(bx)})` : ''}: hardly slower this time.`,
    );
  }
  const c = median(apart);
  const cx = slower(apart);
  if (c !== null) {
    lines.push(
      `With the CPU work in a process it answered in ${msText(c)}${cx !== null ? ` (${timesText(cx)})` : ''}: the I/O thread ${cx !== null && cx < 1.5 ? 'had its GIL to itself again' : 'still waited, for a core this time'}.`,
    );
  }
  return lines;
}

export const convoyExplainer: Explainer<ConvoyAnswer> = {
  explain: (results, { switchMs }) => convoy(results, switchMs),
  measure: (results) => {
    const slowdown = metric(byStep(results, 'beside'), 'slowdown');
    if (slowdown === null) return null;
    return { text: `the I/O thread answered ${timesText(slowdown)} slower`, answer: nearestAnswer(ANSWERS, slowdown) };
  },
};
