/**
 * The sentences shown after a run, built only from the numbers just measured: what each mode did
 * and what that says about the GIL. The explanation is chosen by the figures, never assumed, so a
 * surprising run gets an honest sentence rather than the textbook one.
 */
import type { Experiment } from '../../../shared/experiments';
import type { ModeResult } from '../../../shared/results';
import { coresFigure, seconds, times, workersNoun } from './format';

/**
 * Why a mode came out as it did, judged from its own figures. The speedup decides when there is
 * one: cores busy counts the whole machine, so other programs can raise it, and a sentence built
 * on it alone could credit threads with parallelism they never had.
 */
function reason(result: ModeResult, task: Experiment['task']): string {
  const speedup = result.speedup;
  const busy = result.coresBusy;
  if (result.mode === 'sequential') return 'one task after another, the baseline';
  if (result.mode === 'threads' && task === 'io') {
    if (speedup === null) return 'compare it with a sequential run to see the overlap';
    if (speedup >= 0.6 * result.workers) return 'the waits overlapped, because a blocking call releases the GIL';
    if (speedup >= 1.2) return 'the waits overlapped only in part';
    return 'the waits did not overlap';
  }
  const parallel = speedup !== null ? speedup >= 1.3 : busy !== null && busy >= 1.5;
  const othersBusy = busy !== null && busy >= 1.5 ? '; other work on this machine kept the extra cores busy' : '';
  if (result.mode === 'threads') {
    return parallel ? 'more than one thread made progress at once' : `the GIL let one thread run at a time${othersBusy}`;
  }
  if (parallel) return 'each has a GIL of its own, so several cores worked at once';
  return speedup === null ? 'too few busy cores to tell' : 'no faster than in sequence on this machine right now';
}

/** One sentence per mode of a run, e.g. "4 threads took 4.10 s, speedup 0.98x, keeping 1.0 cores busy: …". */
export function modeSentence(result: ModeResult, task: Experiment['task']): string {
  const parts = [`${workersNoun(result.mode, result.workers)} took ${seconds(result.wallMs)} s`];
  if (result.mode !== 'sequential' && result.speedup !== null) parts.push(`speedup ${times(result.speedup)}`);
  if (result.coresBusy !== null) parts.push(`keeping ${coresFigure(result.coresBusy, 1)} cores busy`);
  return `${parts.join(', ')}: ${reason(result, task)}.`;
}

/** "You predicted about 4x; threads gave 0.98x." or null when there is nothing to compare. */
export function predictionSentence(prediction: number | null, results: readonly ModeResult[]): string | null {
  if (prediction === null) return null;
  const threads = results.find((r) => r.mode === 'threads');
  if (!threads || threads.speedup === null) return `You predicted about ${prediction}x.`;
  return `You predicted about ${prediction}x; threads gave ${times(threads.speedup)}.`;
}
