/** Free-threading: a sentence per step, the single-thread price of no GIL, and the speedup scored. */
import { findStep, metric, speedupMeasure, type Explainer } from '../common/explainer';
import { speedupLesson } from '../common/speedup-sentences';
import type { ModeResult } from '../../shared/results';
import { ANSWERS, SINGLE, type FreeThreadedAnswer } from './lesson';

function freeThreaded(results: readonly ModeResult[], cores: number): string[] {
  const single = results.find((r) => r.stepId === SINGLE.id);
  const lines = speedupLesson(results.filter((r) => r !== single), 'cpu', cores);
  const cost = metric(single, 'singleThreadCostPct');
  if (cost !== null) {
    lines.push(
      Math.abs(cost) < 2
        ? 'One thread without the GIL ran as fast as one with it (within 2 %) this time.'
        : cost > 0
          ? `One thread without the GIL took ${cost.toFixed(0)} % longer than one with it: reference counts made safe without one big lock cost every single thread a little.`
          : `One thread without the GIL was ${(-cost).toFixed(0)} % faster than one with it this time: the cost is small enough for noise to hide it.`,
    );
  }
  return lines;
}

export const freeThreadedExplainer: Explainer<FreeThreadedAnswer> = {
  explain: (results, { cores }) => freeThreaded(results, cores),
  measure: (results) => speedupMeasure(findStep(results, 'free-threaded'), ANSWERS),
};
