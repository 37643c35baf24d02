/** Free-threading: a sentence per step, the single-thread price of no GIL beside the build's published one, and the speedup scored. */
import { findStep, metric, speedupMeasure, type Explainer } from '../common/explainer';
import { speedupLesson } from '../common/speedup-sentences';
import { FREE_THREADED_BUILDS, type FreeThreadedBuild } from '../../shared/experiments';
import { plural } from '../../shared/format';
import type { ModeResult } from '../../shared/results';
import { ANSWERS, BUILD_COST, SINGLE, type FreeThreadedAnswer } from './lesson';

/** The build a run modelled, read back from the published figure it carried. */
function buildOf(published: number | null): FreeThreadedBuild | null {
  return FREE_THREADED_BUILDS.find((b) => BUILD_COST[b].pct === published) ?? null;
}

/** Why a price read off the published one: CPU time is not stretched by a program that takes the core, but it still varies. */
function offBecause(inCpuTime: boolean): string {
  return inCpuTime
    ? 'the same work can take more or less CPU time from one step to the next when the processor changes speed or another program crowds its caches'
    : 'other programs shared the cores between the two steps';
}

function freeThreaded(results: readonly ModeResult[], cores: number): string[] {
  const single = results.find((r) => r.stepId === SINGLE.id);
  const lines = speedupLesson(results.filter((r) => r !== single), 'cpu', cores);
  const cost = metric(single, 'singleThreadCostPct');
  const published = metric(single, 'publishedCostPct');
  const build = buildOf(published);
  if (cost !== null && build !== null && published !== null) {
    const off = cost - published;
    lines.push(
      `The ${build} build is ${BUILD_COST[build].said}. ` +
        (metric(single, 'costInCpuTime') === 1
          ? `One thread without the GIL here used ${cost.toFixed(0)} % more CPU time for the same task than one with it (CPU time, which other programs cannot stretch): `
          : `One thread without the GIL here took ${cost.toFixed(0)} % longer than one with it: `) +
        (Math.abs(off) <= 5
          ? `the model paid the published price (within ${plural(Math.max(1, Math.ceil(Math.abs(off))), 'point')}), in atomic reference-count updates.`
          : `${Math.abs(off).toFixed(0)} points ${off > 0 ? 'above' : 'below'} the published price: ${offBecause(metric(single, 'costInCpuTime') === 1)}; run again on a quieter machine.`),
    );
    lines.push(
      build === '3.13t'
        ? 'At 40 % a single thread pays a lot: a program with one busy thread is slower on 3.13t; with two threads on two cores the build wins it back.'
        : 'At 5-10 % the price is small: two threads on two cores win it back many times over.',
    );
  } else if (cost !== null) {
    lines.push(`One thread without the GIL took ${cost.toFixed(0)} % longer than one with it: that is the price the model charged, without a build named.`);
  }
  return lines;
}

export const freeThreadedExplainer: Explainer<FreeThreadedAnswer> = {
  explain: (results, { cores }) => freeThreaded(results, cores),
  measure: (results) => speedupMeasure(findStep(results, 'free-threaded'), ANSWERS),
};
