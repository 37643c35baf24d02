/**
 * The sentences of the speedup lessons, built only from the numbers just measured: what each step
 * did and what that says about the GIL. Every explanation is chosen by the figures, never assumed,
 * so a surprising run gets an honest sentence rather than the textbook one. Pure: the renderer
 * shows these sentences and the CLI prints them; each lesson's explain.ts builds on them.
 */
import type { Mode, TaskKind } from '../../shared/experiments';
import { plural, secondsText, timesText, upperFirst, workersPhrase } from '../../shared/format';
import type { ModeResult } from '../../shared/results';

const runsInParallel = (mode: Mode): boolean => mode === 'processes' || mode === 'native' || mode === 'free-threaded';

/**
 * Why a step came out as it did, judged from its own figures. The speedup decides when there is
 * one: cores busy counts the whole machine, so other programs can raise it, and a sentence built
 * on it alone could credit threads with parallelism they never had.
 */
function reason(result: ModeResult, task: TaskKind): string {
  const { speedup, coresBusy: busy, mode } = result;
  if (mode === 'sequential') return 'one task after another, the baseline';
  if (task === 'io' && (mode === 'threads' || mode === 'asyncio')) {
    if (speedup === null) return 'compare it with a sequential run to see the overlap';
    if (speedup >= 0.6 * result.workers) return 'the waits overlapped, because a blocking call releases the GIL';
    if (speedup >= 1.2) return 'the waits overlapped only in part';
    return 'the waits did not overlap';
  }
  const parallel = speedup !== null ? speedup >= 1.3 : busy !== null && busy >= 1.5;
  const othersBusy = busy !== null && busy >= 1.5 ? '; other work on this machine kept the extra cores busy' : '';
  if (mode === 'threads' || mode === 'asyncio') {
    return parallel ? 'more than one thread made progress at once' : `the GIL let one thread run at a time${othersBusy}`;
  }
  if (parallel) {
    if (mode === 'native') return 'the loops ran on several cores at once, taking the GIL only to enter and leave the call';
    if (mode === 'free-threaded') return 'with no GIL to take turns on, every thread ran on a core of its own';
    return 'each has a GIL of its own, so several cores worked at once';
  }
  return speedup === null ? 'too few busy cores to tell' : 'no faster than in sequence on this machine right now';
}

/** "4 threads took 4.10 s, speedup 0.98x, keeping 1.0 cores busy: the GIL let one thread run at a time." */
export function stepSentence(result: ModeResult, task: TaskKind): string {
  const parts = [`${workersPhrase(result.mode, result.workers)} took ${secondsText(result.wallMs)}`];
  if (result.mode !== 'sequential' && result.speedup !== null) parts.push(`speedup ${timesText(result.speedup)}`);
  if (result.coresBusy !== null) parts.push(`keeping ${result.coresBusy.toFixed(1)} cores busy`);
  return `${upperFirst(parts.join(', '))}: ${reason(result, task)}.`;
}

/** The ceiling of parallel work on this machine, said once when it caps what was measured. */
export function coreCap(results: readonly ModeResult[], cores: number): string[] {
  const parallel = results.find((r) => runsInParallel(r.mode) && r.workers > cores && r.speedup !== null);
  if (!parallel) return [];
  return [`This machine has ${plural(cores, 'core')}, so ${workersPhrase(parallel.mode, parallel.workers)} can be at most ${cores}x faster than sequential.`];
}

export function speedupLesson(results: readonly ModeResult[], task: TaskKind, cores: number): string[] {
  const shown = results.length > 1 ? results.filter((r) => r.mode !== 'sequential') : results;
  return [...shown.map((r) => stepSentence(r, task)), ...coreCap(results, cores)];
}
