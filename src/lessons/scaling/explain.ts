/** The scaling curve: where threads stay and where processes level off; the 8-thread speedup scored. */
import { findStep, metric, nearestAnswer, type Explainer } from '../common/explainer';
import type { Mode } from '../../shared/experiments';
import { plural, timesText } from '../../shared/format';
import type { ModeResult } from '../../shared/results';
import { ANSWERS, type ScalingAnswer } from './lesson';

function scaling(results: readonly ModeResult[], cores: number): string[] {
  const series = (mode: Mode): ModeResult[] =>
    results.filter((r) => r.mode === mode && r.speedup !== null).sort((a, b) => a.workers - b.workers);
  const lines: string[] = [];
  const threads = series('threads');
  if (threads.length > 0) {
    const values = threads.map((r) => r.speedup as number);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const span = `from ${plural((threads[0] as ModeResult).workers, 'thread')} to ${(threads[threads.length - 1] as ModeResult).workers}`;
    // The cores the threads used decide, as in the other lessons: a baseline other programs slowed
    // raises every speedup, never the cores a step used.
    const used = threads.map((r) => r.coresUsed).filter((v): v is number => v !== null);
    const most = used.length > 0 ? Math.max(...used) : null;
    const parallel = most !== null ? most >= 1.3 : hi >= 1.3;
    lines.push(
      parallel
        ? `Threads reached ${timesText(hi)} at best ${span}: more than one made progress at once, which the GIL should not allow for pure Python.`
        : hi < 1.3
          ? `Threads stayed between ${timesText(lo)} and ${timesText(hi)} ${span}: however many there are, one holds the GIL at a time.`
          : `Threads used at most ${(most as number).toFixed(1)} of a core ${span}: one held the GIL at a time. Their speedups, up to ${timesText(hi)}, read high because the one-task baseline ran slower than they did.`,
    );
  }
  const procs = series('processes');
  if (procs.length > 0) {
    const best = Math.max(...procs.map((r) => r.speedup as number));
    const reached = procs.find((r) => (r.speedup as number) >= 0.9 * best) as ModeResult;
    const last = procs[procs.length - 1] as ModeResult;
    if (last.workers > cores && reached.workers < last.workers) {
      lines.push(
        `Processes climbed to ${timesText(reached.speedup)} at ${plural(reached.workers, 'process', 'processes')}, then levelled off (${timesText(last.speedup)} at ${last.workers}): this machine has ${plural(cores, 'core')}, and processes beyond that only take turns.`,
      );
    } else if (last.workers > cores) {
      lines.push(
        `Processes reached ${timesText(last.speedup)} at ${plural(last.workers, 'process', 'processes')}, against an ideal of ${cores}x: each has a GIL of its own, but this machine's ${plural(cores, 'core')} run no more than ${cores} at once.`,
      );
    } else {
      lines.push(
        `Processes reached ${timesText(last.speedup)} at ${plural(last.workers, 'process', 'processes')}, against an ideal of ${last.workers}x: each has a GIL and a core of its own.`,
      );
    }
  }
  return lines;
}

/** "About the cores" is worth this machine's ceiling, read from the run's ideal line. */
function choices(results: readonly ModeResult[]): typeof ANSWERS {
  const ideal = Math.max(0, ...results.map((r) => metric(r, 'ideal') ?? 0));
  return ANSWERS.map((p) => (p.answer === 'cores' && ideal > 0 ? { ...p, value: ideal } : p));
}

export const scalingExplainer: Explainer<ScalingAnswer> = {
  explain: (results, { cores }) => scaling(results, cores),
  measure: (results) => {
    // The prediction is about the most threads: the last threads step.
    const result = findStep(results, 'threads');
    if (!result || result.speedup === null) return null;
    return { text: `${result.step} gave ${timesText(result.speedup)}`, answer: nearestAnswer(choices(results), result.speedup) };
  },
};
