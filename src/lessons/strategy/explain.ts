/** Choose a strategy: the winner of each workload on its own work, the memory's ceiling, and the CPU-heavy winner scored. */
import { metric, winnerMeasure, type Explainer } from '../common/explainer';
import type { Mode } from '../../shared/experiments';
import { MODE_PHRASE, secondsText, timesText, upperFirst } from '../../shared/format';
import type { ModeResult } from '../../shared/results';
import { ANSWERS, STEPS, WORKLOADS, type StrategyAnswer, type StrategyStep } from './lesson';
import { bandwidthCeiling, bandwidthPoints, workloadText, type BandwidthPoint } from './workloads';

/** A row's results, by its typed step id. */
export const rowOf = (results: readonly ModeResult[], step: StrategyStep): ModeResult[] => results.filter((r) => r.stepId === step);

/** The strategies of a row, without its sequential baseline. */
export const contendersOf = (row: readonly ModeResult[]): ModeResult[] => row.filter((r) => r.mode !== 'sequential');

/** The best cell of a row: the one the program marked, else the highest speedup. */
export function bestOf(row: readonly ModeResult[]): ModeResult | undefined {
  const contenders = contendersOf(row);
  const marked = contenders.find((r) => metric(r, 'best') === 1);
  if (marked) return marked;
  return contenders.filter((r) => r.speedup !== null).sort((a, b) => (b.speedup ?? 0) - (a.speedup ?? 0))[0];
}

/** Share of a row's best speedup within which another strategy counts as just as good on this machine. */
const AS_GOOD = 0.9;

/** The best of a row and every strategy within a tenth of it, best first. */
export function asGoodAsBest(row: readonly ModeResult[]): ModeResult[] {
  const best = bestOf(row);
  if (!best || best.speedup === null) return best ? [best] : [];
  const top = best.speedup;
  const others = contendersOf(row).filter((r) => r !== best && r.speedup !== null && r.speedup >= AS_GOOD * top);
  return [best, ...others.sort((a, b) => (b.speedup ?? 0) - (a.speedup ?? 0))];
}

/** How a strategy is named in a sentence; in the hybrid row both pool strategies say what runs the I/O. */
export function strategyPhrase(step: StrategyStep, mode: Mode): string {
  if (step === 'hybrid' && mode === 'asyncio') return 'asyncio + a process pool';
  if (step === 'hybrid' && mode === 'hybrid') return 'threads + a process pool';
  return MODE_PHRASE[mode];
}

/** "a, b and c" */
const andList = (items: readonly string[]): string => (items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

function rowSentence(step: StrategyStep, row: readonly ModeResult[]): string {
  const work = workloadText(step, row);
  const name = `${STEPS[step]}${work ? ` (${work})` : ''}`;
  const good = asGoodAsBest(row);
  const best = good[0];
  if (!best) return `${name}: nothing measured.`;
  const others = contendersOf(row)
    .filter((r) => !good.includes(r))
    .map((r) => `${strategyPhrase(step, r.mode)} ${timesText(r.speedup)}`);
  const rest = others.length > 0 ? ` (${others.join(', ')})` : '';
  // Speedups are timed from the moment every worker was ready: a process's start is not in them.
  const started = good.find((r) => r.mode === 'processes' && r.startupMs > 0);
  const start = started ? `; processes also took ${secondsText(started.startupMs)} to start, not counted in their time` : '';
  if (good.length > 1) {
    const tied = andList(good.map((r) => `${strategyPhrase(step, r.mode)} ${timesText(r.speedup)}`));
    return `${name}: ${tied}, within a tenth of each other${rest}${start}.`;
  }
  return `${name}: ${strategyPhrase(step, best.mode)} won at ${timesText(best.speedup)}${rest}${start}.`;
}

/** Share of the ideal (k workers, k times one's bandwidth) below which the memory, not the cores, is the limit. */
const SATURATED_SHARE = 0.9;

const gbText = (gbps: number): string => `${gbps.toFixed(1)} GB/s`;
const workersText = (k: number): string => (k === 1 ? '1 worker' : `${k} workers`);

/** The memory's ceiling in words, from the bandwidth the run measured. */
export function bandwidthSentence(points: readonly BandwidthPoint[]): string | null {
  const c = bandwidthCeiling(points);
  if (!c) return null;
  const list = points.map((p) => `${workersText(p.workers)} ${gbText(p.gbps)}`).join(', ');
  // Workers that got much less than a core each were held back by other programs, not by the memory.
  const crowded = points.filter((p) => p.workers > 1 && p.coresUsed !== null && p.coresUsed < 0.75 * p.workers);
  const busy = crowded.length > 0 ? ` (other programs left ${workersText(crowded[0]?.workers ?? 0)} only ${crowded[0]?.coresUsed?.toFixed(1)} cores, so part of that limit may be theirs)` : '';
  if (c.most.workers === 1) return `Memory bandwidth, measured by copying: ${list}; with one core there was no second worker to measure.`;
  if (c.saturatedAt !== null) {
    return (
      `Memory bandwidth, measured by copying: ${list}. Past ${workersText(c.saturatedAt)} more cores stopped helping: ` +
      `memory-bound work can gain at most ${timesText(c.ceiling)} here, whatever runs it${busy}.`
    );
  }
  if (c.ceiling < SATURATED_SHARE * c.best.workers) {
    return (
      `Memory bandwidth, measured by copying: ${list}. It rose with every worker measured, but ${workersText(c.best.workers)} copied only ` +
      `${timesText(c.ceiling)} what one did, not ${c.best.workers}x: the memory held them back, not the cores${busy}.`
    );
  }
  return `Memory bandwidth, measured by copying: ${list}. It rose in step with the workers (${timesText(c.ceiling)} with ${workersText(c.best.workers)}): the memory kept up with these cores${busy}.`;
}

function strategy(results: readonly ModeResult[]): string[] {
  const lines: string[] = [];
  for (const step of WORKLOADS) {
    const row = rowOf(results, step);
    if (row.length === 0) continue;
    lines.push(rowSentence(step, row));
    if (step === 'gpu') {
      lines.push(
        "This lab has no GPU: each batch's time on the device is modelled as a wait with the GIL released (GPU libraries release it while the device works), so threads overlap those waits.",
      );
    }
    if (step === 'memory') {
      const sentence = bandwidthSentence(bandwidthPoints(results));
      if (sentence) lines.push(sentence);
    }
  }
  if (lines.length === 0) return ['Nothing measured.'];
  return lines.map(upperFirst);
}

export const strategyExplainer: Explainer<StrategyAnswer> = {
  busyNotes: false,
  explain: (results) => strategy(results),
  // "Which wins for CPU-heavy work?": among that row's strategies, on its one piece of work.
  measure: (results) => winnerMeasure(bestOf(rowOf(results, 'cpu')), ANSWERS, ` for ${STEPS.cpu} work`),
};
