/**
 * Time on the cores' x axis, shared by the lanes and the heat strip: the live window or a past
 * run's span, and the step marks placed on it.
 */
import { busyCores } from '../../../shared/stats';
import { HISTORY_SECONDS, type LaneSource } from '../store/core-history';

/**
 * Which time the lanes cover: the last HISTORY_SECONDS up to now, or a past run from its start to
 * its end (epoch ms). Marks are step starts, drawn as labelled lines.
 */
export type LaneWindow = { kind: 'live' } | { kind: 'recorded'; from: number; to: number };

/** A step start on the lanes. */
export interface LaneMark {
  t: number;
  label: string;
}

/** Seconds on the x axis for a sample time, and the axis range, for a window. */
export function laneAxis(window: LaneWindow, latest: number | undefined): { x: (t: number) => number; min: number; max: number } {
  if (window.kind === 'recorded') return { x: (t) => (t - window.from) / 1000, min: 0, max: Math.max(0.5, (window.to - window.from) / 1000) };
  return { x: (t) => (t - (latest ?? t)) / 1000, min: -HISTORY_SECONDS, max: 0 };
}

/**
 * Writes what the canvas shows into data attributes (lanes, samples received, latest cores
 * busy), so end-to-end tests can check that the lanes move without reading pixels.
 */
export function markCanvas(canvas: HTMLCanvasElement, history: LaneSource, lanes: number): void {
  const latest = history.latest();
  canvas.dataset.lanes = String(lanes);
  canvas.dataset.samples = String(history.received);
  canvas.dataset.lastBusy = latest ? busyCores(latest).toFixed(3) : '0';
}
