/** The hybrid pipeline: each strategy's time, and which finished first and why. */
import { metric, winner, winnerMeasure, type Explainer } from '../common/explainer';
import { speedupLesson } from '../common/speedup-sentences';
import type { Mode } from '../../shared/experiments';
import { MODE_PHRASE, plural, secondsText, timesText, upperFirst } from '../../shared/format';
import type { ModeResult } from '../../shared/results';
import { ANSWERS, type HybridAnswer } from './lesson';

function hybrid(results: readonly ModeResult[]): string[] {
  const contenders = results.filter((r) => r.mode !== 'sequential');
  if (contenders.length === 0) return speedupLesson(results, 'mixed', 1);
  const items = metric(contenders[0], 'items');
  const list = contenders.map((r) => `${MODE_PHRASE[r.mode]} ${secondsText(r.wallMs)} (${timesText(r.speedup)})`).join(', ');
  const lines = [`${items !== null ? `${upperFirst(plural(items, 'item'))}, fetched, processed and stored: ` : ''}${upperFirst(list)}.`];
  const first = winner(contenders);
  const why: Partial<Record<Mode, string>> = {
    hybrid: 'its threads overlapped the fetches and stores while the process pool computed in parallel',
    threads: 'with this much waiting per item, overlapping the waits mattered most, and the computing queued only briefly for the GIL',
    processes: 'with this much computing per item, doing it in parallel mattered most',
  };
  if (first) lines.push(`${upperFirst(MODE_PHRASE[first.mode])} finished first${why[first.mode] ? `: ${why[first.mode]}` : ''}.`);
  return lines;
}

export const hybridExplainer: Explainer<HybridAnswer> = {
  explain: (results) => hybrid(results),
  measure: (results) => winnerMeasure(winner(results.filter((r) => r.mode !== 'sequential')), ANSWERS),
};
