/**
 * The sentences of the speedup lessons, built only from the numbers just measured: what each step
 * did and what that says about the GIL. Every explanation is chosen by the figures, never assumed,
 * so a surprising run gets an honest sentence rather than the textbook one. Pure: the renderer
 * shows these sentences and the CLI prints them; each lesson's explain.ts builds on them.
 */
import { coresBusyElsewhere } from '../../shared/busy-machine';
import type { Mode, TaskKind } from '../../shared/experiments';
import { plural, secondsText, timesText, upperFirst, workersPhrase } from '../../shared/format';
import type { ModeResult } from '../../shared/results';

const runsInParallel = (mode: Mode): boolean => mode === 'processes' || mode === 'native' || mode === 'free-threaded' || mode === 'interpreters';

/**
 * Why a step came out as it did, judged from its own figures. The cores the step itself used
 * decide first: other programs cannot raise them, and a baseline other programs slowed cannot
 * either, so they never credit threads with parallelism they did not have. The speedup decides
 * for results without them; the machine's cores busy only as a last resort.
 */
function reason(result: ModeResult, task: TaskKind): string {
  const { speedup, coresBusy: busy, coresUsed: used, mode } = result;
  if (mode === 'sequential') return 'one task after another, the baseline';
  if (task === 'io' && (mode === 'threads' || mode === 'asyncio')) {
    if (speedup === null) return 'compare it with a sequential run to see the overlap';
    if (speedup >= 0.6 * result.workers) return 'the waits overlapped, because a blocking call releases the GIL';
    if (speedup >= 1.2) return 'the waits overlapped only in part';
    return 'the waits did not overlap';
  }
  const parallel = used !== null ? used >= 1.3 : speedup !== null ? speedup >= 1.3 : busy !== null && busy >= 1.5;
  const elsewhere = coresBusyElsewhere(result);
  const othersBusy = elsewhere !== null ? elsewhere >= 0.5 : busy !== null && busy >= 1.5;
  if (mode === 'threads' || mode === 'asyncio') {
    const others = elsewhere !== null ? `; other programs kept ${elsewhere.toFixed(1)} more cores busy` : '; other work on this machine kept the extra cores busy';
    return parallel ? 'more than one thread made progress at once' : `the GIL let one thread run at a time${othersBusy ? others : ''}`;
  }
  if (parallel) {
    if (mode === 'native') return 'the loops ran on several cores at once, taking the GIL only to enter and leave the call';
    if (mode === 'free-threaded') return 'with no GIL to take turns on, every thread ran on a core of its own';
    return 'each has a GIL of its own, so several cores worked at once';
  }
  if (elsewhere !== null && othersBusy) return `other programs kept ${elsewhere.toFixed(1)} cores busy, leaving too few to run in parallel`;
  return speedup === null ? 'too few busy cores to tell' : 'no faster than in sequence on this machine right now';
}

/** The step's cores: those it used, beside the machine's when other programs added to them. */
function coresPhrase(result: ModeResult): string | null {
  const { coresUsed: used, coresBusy: busy } = result;
  if (used === null) return busy !== null ? `keeping ${busy.toFixed(1)} cores busy` : null;
  return `using ${used.toFixed(1)} cores${busy !== null && (coresBusyElsewhere(result) ?? 0) >= 0.5 ? ` (${busy.toFixed(1)} busy on the machine)` : ''}`;
}

/** "4 threads took 4.10 s, speedup 0.98x, using 1.0 cores: the GIL let one thread run at a time." */
export function stepSentence(result: ModeResult, task: TaskKind): string {
  const parts = [`${workersPhrase(result.mode, result.workers)} took ${secondsText(result.wallMs)}`];
  if (result.mode !== 'sequential' && result.speedup !== null) parts.push(`speedup ${timesText(result.speedup)}`);
  const cores = coresPhrase(result);
  if (cores !== null) parts.push(cores);
  return `${upperFirst(parts.join(', '))}: ${reason(result, task)}.`;
}

/** A speedup this far past the cores that could give it is past the ceiling, not rounding. */
const PAST_CEILING = 1.03;

/**
 * The ceiling of CPU-bound parallel work on this machine, said once when it caps what was
 * measured, and said again when a step reads above it: n cores cannot make work more than n times
 * faster, so a figure past that means the one-core baseline ran slower than the parallel steps did
 * per core, and every speedup against it reads high by the same factor.
 */
export function coreCap(results: readonly ModeResult[], cores: number, task: TaskKind = 'cpu'): string[] {
  if (task !== 'cpu') return [];
  const lines: string[] = [];
  const capped = results.find((r) => runsInParallel(r.mode) && r.workers > cores && r.speedup !== null);
  if (capped) lines.push(`This machine has ${plural(cores, 'core')}, so ${workersPhrase(capped.mode, capped.workers)} can be at most ${cores}x faster than sequential.`);
  const past = results.find((r) => r.mode !== 'sequential' && r.speedup !== null && r.speedup > Math.min(cores, r.workers) * PAST_CEILING);
  if (past) {
    const ceiling = Math.min(cores, past.workers);
    lines.push(
      `${upperFirst(workersPhrase(past.mode, past.workers))} measured ${timesText(past.speedup as number)}, more than ${plural(ceiling, 'core')} can give: the sequential baseline ran slower than it would alone (another program took part of its core, or the machine ran it at a lower clock), so the speedups here read at least ${Math.round(((past.speedup as number) / ceiling - 1) * 100)} % high.`,
    );
  }
  return lines;
}

export function speedupLesson(results: readonly ModeResult[], task: TaskKind, cores: number): string[] {
  const shown = results.length > 1 ? results.filter((r) => r.mode !== 'sequential') : results;
  return [...shown.map((r) => stepSentence(r, task)), ...coreCap(results, cores, task)];
}
