/** Choose a strategy: the winner of each workload, and the CPU-bound winner scored. */
import { byStep, winner, winnerMeasure, type Explainer } from '../common/explainer';
import { MODE_PHRASE, timesText } from '../../shared/format';
import type { ModeResult } from '../../shared/results';
import { ANSWERS, STEPS, type StrategyAnswer } from './lesson';

function strategy(results: readonly ModeResult[]): string[] {
  const workloads = [...new Set(results.map((r) => r.stepId))];
  return workloads.map((workload) => {
    const own = results.filter((r) => r.stepId === workload);
    const name = own[0]?.step ?? workload;
    const best = winner(own);
    const others = own.filter((r) => r !== best).map((r) => `${MODE_PHRASE[r.mode]} ${timesText(r.speedup)}`);
    if (!best) return `${name}: nothing measured.`;
    return `${name}: ${MODE_PHRASE[best.mode]} ${best.speedup !== null ? `won at ${timesText(best.speedup)}` : 'won'}${others.length > 0 ? ` (${others.join(', ')})` : ''}.`;
  });
}

export const strategyExplainer: Explainer<StrategyAnswer> = {
  busyNotes: false,
  explain: (results) => strategy(results),
  measure: (results) => {
    // "Which wins for CPU-bound work?": among that workload's results, else the whole run's.
    const group = results.filter((r) => r.stepId === 'cpu');
    const where = group.length > 1 ? ` for ${byStep(group, 'cpu')?.step ?? STEPS.cpu} work` : '';
    return winnerMeasure(winner(group.length > 1 ? group : results), ANSWERS, where);
  },
};
