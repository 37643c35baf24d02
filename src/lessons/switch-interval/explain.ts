/** Turn-taking: how long holds last at each interval, switches a second and waits; the long interval's hold scored. */
import { metric, nearestAnswer, type Explainer } from '../common/explainer';
import { groupDigits, msText } from '../../shared/format';
import { osLateClause, type OsTiming } from '../../shared/os-timing';
import type { ModeResult } from '../../shared/results';
import { pythonOf, pythonShortName } from '../../shared/side-by-side';
import { ANSWERS, type SwitchIntervalAnswer } from './lesson';

function switchInterval(results: readonly ModeResult[]): string[] {
  const intervalOf = (r: ModeResult): number => metric(r, 'intervalMs') ?? r.switchMs;
  const steps = results.filter((r) => metric(r, 'medianHoldMs') !== null).sort((a, b) => intervalOf(a) - intervalOf(b));
  const first = steps[0];
  const last = steps[steps.length - 1];
  if (!first || !last) return [];
  const lines: string[] = [];
  const holds = steps.map((r, i) => `${msText(metric(r, 'medianHoldMs') as number)} at ${i === 0 ? 'a ' : ''}${msText(intervalOf(r))}${i === 0 ? ' interval' : ''}`);
  const ratios = steps.map((r) => (metric(r, 'medianHoldMs') as number) / intervalOf(r));
  // The program finds the steps whose holds missed the interval on a machine with no core to spare.
  const tooBusy = steps.filter((r) => r.findings?.interval === 'too busy');
  const idle = tooBusy.map((r) => metric(r, 'idleCores')).filter((v): v is number => v !== null);
  // On real CPython, the steps whose longer turns the OS's measured delays account for.
  const late = steps.filter((r) => r.findings?.interval === 'woken late' && r.osTiming);
  const name = pythonShortName(pythonOf(steps));
  const why = late.length > 0
    ? `longer than the interval where the OS did not keep it: ${late.map((r) => `at ${msText(intervalOf(r))}, ${osLateClause(r.osTiming as OsTiming, name, metric(r, 'medianHoldMs') as number, metric(r, 'meanHoldMs'))}`).join('; ')}. A waiting thread asks for the GIL only once its timed wait of the interval has returned and it has a core again`
    : tooBusy.length > 0
    ? `longer than the interval, because this machine was too busy to honour it: with ${idle.length > 0 ? `${Math.max(...idle).toFixed(1)} cores idle` : 'no core idle'}, a waiting thread asked for the GIL only when the OS next ran it. On a machine with a core to spare, a thread holds the GIL about one interval`
    : ratios.every((x) => x >= 0.7 && x <= 3)
    ? 'a thread keeps the GIL about one interval, or a little more: the holder lets go at its next check after being asked'
    : ratios.some((x) => x > 3)
      ? 'the holder kept the GIL well past the interval: it noticed the drop request late'
      : 'holds were shorter than the interval: the threads let go on their own before anyone asked';
  lines.push(`Median holds: ${holds.join(', ')}: ${why}.`);
  const r0 = metric(first, 'switchesPerSecond');
  const r1 = metric(last, 'switchesPerSecond');
  const w0 = metric(first, 'medianWaitMs');
  const w1 = metric(last, 'medianWaitMs');
  if (first !== last && r0 !== null && r1 !== null && w0 !== null && w1 !== null) {
    lines.push(
      `From ${msText(intervalOf(first))} to ${msText(intervalOf(last))}, switches fell from ${groupDigits(r0)} to ${groupDigits(r1)} a second while the median wait grew from ${msText(w0)} to ${msText(w1)}: a long interval switches less, and keeps the others waiting longer.`,
    );
  } else if (r0 !== null && w0 !== null) {
    lines.push(`That made ${groupDigits(r0)} switches a second; a waiting thread waited a median ${msText(w0)}.`);
  }
  return lines;
}

export const switchIntervalExplainer: Explainer<SwitchIntervalAnswer> = {
  busyNotes: false,
  explain: (results) => switchInterval(results),
  measure: (results) => {
    // The prompt asks about the longest interval: the last step.
    const result = [...results].reverse().find((r) => metric(r, 'medianHoldMs') !== null);
    const hold = metric(result, 'medianHoldMs');
    if (!result || hold === null) return null;
    const interval = metric(result, 'intervalMs') ?? result.switchMs;
    return { text: `at a ${msText(interval)} interval a thread held the GIL for a median ${msText(hold)}`, answer: nearestAnswer(ANSWERS, hold) };
  },
};
