/** The hybrid pipeline: each strategy's time, and which finished first and why. */
import { metric, winner, winnerMeasure, type Explainer } from '../common/explainer';
import { speedupLesson } from '../common/speedup-sentences';
import type { Mode } from '../../shared/experiments';
import { MODE_PHRASE, plural, secondsText, timesText, upperFirst } from '../../shared/format';
import type { ModeResult } from '../../shared/results';
import { ANSWERS, type HybridAnswer } from './lesson';

/** How a step is named in a sentence: asyncio here always has its process pool. */
const phrase = (mode: Mode): string => (mode === 'asyncio' ? 'asyncio + a process pool' : MODE_PHRASE[mode]);

function hybrid(results: readonly ModeResult[]): string[] {
  const contenders = results.filter((r) => r.mode !== 'sequential');
  if (contenders.length === 0) return speedupLesson(results, 'mixed', 1);
  const items = metric(contenders[0], 'items');
  const list = contenders.map((r) => `${phrase(r.mode)} ${secondsText(r.wallMs)} (${timesText(r.speedup)})`).join(', ');
  const lines = [`${items !== null ? `${upperFirst(plural(items, 'item'))}, fetched, processed and stored: ` : ''}${upperFirst(list)}.`];
  const first = winner(contenders);
  const why: Partial<Record<Mode, string>> = {
    hybrid: 'its threads overlapped the fetches and stores while the process pool computed in parallel',
    threads: 'with this much waiting per item, overlapping the waits mattered most, and the computing queued only briefly for the GIL',
    processes: 'with this much computing per item, doing it in parallel mattered most',
    asyncio: 'its one event loop kept every item in flight at once (threads, one item each), while the process pool computed in parallel',
  };
  if (first) lines.push(`${upperFirst(phrase(first.mode))} finished first${why[first.mode] ? `: ${why[first.mode]}` : ''}.`);
  // The two pool strategies differ only in what waits on the I/O; within a tenth of each other, neither really won.
  const pooled = contenders.filter((r) => r.mode === 'hybrid' || r.mode === 'asyncio');
  const [a, b] = pooled;
  if (a && b && Math.abs(a.wallMs - b.wallMs) <= 0.1 * Math.max(a.wallMs, b.wallMs)) {
    lines.push('Threads and asyncio with the same process pool finished within a tenth of each other: the pool does the computing, and either overlaps the waits.');
  }
  return lines;
}

export const hybridExplainer: Explainer<HybridAnswer> = {
  explain: (results) => hybrid(results),
  measure: (results) => winnerMeasure(winner(results.filter((r) => r.mode !== 'sequential')), ANSWERS),
};
