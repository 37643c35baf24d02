/** asyncio: waits overlap on one loop; CPU work as coroutines gains nothing and stalls it. */
import { byStep, metric, speedupMeasure, type Explainer } from '../common/explainer';
import { msText, plural, secondsText, timesText, upperFirst } from '../../shared/format';
import type { ModeResult } from '../../shared/results';
import { ANSWERS, type AsyncioAnswer } from './lesson';

function asyncio(results: readonly ModeResult[]): string[] {
  const waitsSeq = byStep(results, 'waits-in-turn');
  const waitsLoop = byStep(results, 'waits-on-loop');
  const cpuSeq = byStep(results, 'cpu-in-turn');
  const cpuLoop = byStep(results, 'cpu-on-loop');
  const lines: string[] = [];
  if (waitsSeq && waitsLoop) {
    // The loop is one thread; the number of waits is the sequential step's task count.
    const waits = waitsSeq.tasks > 1 ? waitsSeq.tasks : Math.max(waitsLoop.tasks, waitsLoop.workers);
    const overlapped = (waitsLoop.speedup ?? 0) >= 0.6 * waits;
    lines.push(
      `${upperFirst(plural(waits, 'wait'))} one after another took ${secondsText(waitsSeq.wallMs)}; on one event loop ${secondsText(waitsLoop.wallMs)} (${timesText(waitsLoop.speedup)}): ${overlapped ? 'the waits overlapped on a single thread, the loop asleep in one select() with the GIL released' : 'the waits overlapped only in part'}.`,
    );
  }
  if (cpuSeq && cpuLoop) {
    const stall = metric(cpuLoop, 'stallMs');
    lines.push(
      `CPU work as coroutines took ${secondsText(cpuLoop.wallMs)}, against ${secondsText(cpuSeq.wallMs)} one after another (${timesText(cpuLoop.speedup)}): one thread computes one thing at a time${stall !== null ? `, and the loop stalled for ${msText(stall)}, since a coroutine that computes never awaits` : ''}.`,
    );
  }
  return lines;
}

export const asyncioExplainer: Explainer<AsyncioAnswer> = {
  explain: (results) => asyncio(results),
  // The answers are durations, so the measurement is said in seconds.
  measure: (results) => speedupMeasure(byStep(results, 'waits-on-loop'), ANSWERS, true),
};
