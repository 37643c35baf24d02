/**
 * Readings of the strategy lesson's results that its explainer and its table share: what each
 * row's work was, and the memory bandwidth measured with 1, 2… workers copying at once. Pure.
 */
import { metric } from '../common/explainer';
import { groupDigits, plural, secondsText } from '../../shared/format';
import type { ModeResult } from '../../shared/results';
import { GPU_LAUNCH_SHARE, isBandwidthStep, PIPELINE, type StrategyStep } from './lesson';

/** What one streaming worker reported: when its timed copies ran (ms on the step's clock) and the bytes they moved. */
export interface StreamPhases {
  streamFrom: number;
  streamTo: number;
  bytes: number;
}

/**
 * The bandwidth of workers copying at once: every byte they moved over the span from the first
 * one's start to the last one's end. A worker that started late or was held up by another program
 * only lengthens the span, so this can understate the memory, never overstate it.
 */
export function aggregateBandwidth(phases: readonly StreamPhases[]): { bytes: number; spanMs: number; gbps: number } | null {
  if (phases.length === 0) return null;
  const bytes = phases.reduce((sum, p) => sum + p.bytes, 0);
  const spanMs = Math.max(...phases.map((p) => p.streamTo)) - Math.min(...phases.map((p) => p.streamFrom));
  if (!(spanMs > 0) || !(bytes > 0)) return null;
  return { bytes, spanMs, gbps: bytes / spanMs / 1e6 };
}

export interface BandwidthPoint {
  workers: number;
  gbps: number;
  /** Cores the measurement's workers used: below `workers`, other programs took some of the machine. */
  coresUsed: number | null;
}

/** The bandwidth measurements of a run, by number of workers. */
export function bandwidthPoints(results: readonly ModeResult[]): BandwidthPoint[] {
  const points: BandwidthPoint[] = [];
  for (const r of results) {
    const gbps = metric(r, 'gbps');
    const workers = metric(r, 'streamers');
    if (isBandwidthStep(r.stepId) && gbps !== null && workers !== null) points.push({ workers, gbps, coresUsed: r.coresUsed });
  }
  return points.sort((a, b) => a.workers - b.workers);
}

export interface BandwidthCeiling {
  /** One worker copying alone. */
  alone: BandwidthPoint;
  /** The highest bandwidth measured, and with how many workers. */
  best: BandwidthPoint;
  /** The most workers measured. */
  most: BandwidthPoint;
  /** Most a memory-bound job can gain from more workers here: best bandwidth over one worker's. */
  ceiling: number;
  /**
   * The fewest workers that reached 90 % of the best bandwidth, when that is fewer than the most
   * measured: from there on, more cores stopped helping. null when the bandwidth kept rising.
   */
  saturatedAt: number | null;
}

/** Share of the best bandwidth at which more workers count as no longer helping. */
const SATURATED = 0.9;

/** The ceiling the memory puts on memory-bound work, from the measured points alone. */
export function bandwidthCeiling(points: readonly BandwidthPoint[]): BandwidthCeiling | null {
  const alone = points.find((p) => p.workers === 1);
  if (!alone || !(alone.gbps > 0)) return null;
  const best = points.reduce((a, b) => (b.gbps > a.gbps ? b : a));
  const most = points.reduce((a, b) => (b.workers > a.workers ? b : a));
  const first = points.find((p) => p.gbps >= SATURATED * best.gbps) ?? best;
  return { alone, best, most, ceiling: best.gbps / alone.gbps, saturatedAt: first.workers < most.workers ? first.workers : null };
}

/** What a row's work was, in words, from the figures its results carry; null before it ran. */
export function workloadText(step: StrategyStep, row: readonly ModeResult[]): string | null {
  const r = row[0];
  const units = metric(r, 'units');
  if (!r || units === null) return null;
  const ms = r.taskSeconds * 1000;
  switch (step) {
    case 'cpu':
      return `${plural(units, 'task')} of ${secondsText(ms)} of Python sums`;
    case 'io':
      return `${plural(units, 'wait')} of ${secondsText(ms)}, a little Python around each`;
    case 'hybrid':
      return `${plural(units, 'item')}: fetch ${secondsText(ms * PIPELINE.fetch)}, compute ${secondsText(ms)}, store ${secondsText(ms * PIPELINE.store)}`;
    case 'gpu':
      return `${plural(units, 'batch', 'batches')}: launch ${secondsText(ms * GPU_LAUNCH_SHARE)}, then ${secondsText(ms * (1 - GPU_LAUNCH_SHARE))} on the device`;
    case 'memory': {
      const mb = metric(r, 'megabytes');
      const passes = metric(r, 'passes');
      if (mb === null || passes === null) return plural(units, 'array');
      // The program times this row over the copies alone: allocating the arrays is page faults, not bandwidth.
      return `${plural(units, 'array')} of ${groupDigits(mb)} MB, each copied ${plural(passes, 'time')}, timed over the copies`;
    }
  }
}
