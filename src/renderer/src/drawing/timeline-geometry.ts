/**
 * Where a lock timeline goes in its canvas: the gutter for row names, the time axis and its end
 * (which grows in steps while a step runs), each row's bar snapped to backing pixels. Pure, so the
 * axis rules are tested without a canvas; the drawing is timeline-draw.ts.
 */
import type { StepTimeline } from '../store/run-archive';
import type { Size } from './canvas';
import { niceAbove, tickStep } from './nice-step';

const GUTTER_BASE_PX = 150;
const AXIS_BASE_PX = 30;
const MAX_BAR_PX = 56;

/** A label for row `index`: the engine's name for it, else the main thread, thread k or process k. */
export function rowLabel(timeline: Pick<StepTimeline, 'mode' | 'labels'>, index: number): string {
  const named = timeline.labels[index];
  if (named) return named;
  if (timeline.mode === 'sequential') return 'main thread';
  return `${timeline.mode === 'processes' ? 'process' : timeline.mode === 'asyncio' ? 'event loop' : 'thread'} ${index + 1}`;
}

/** Row names longer than this are cut with an ellipsis so the gutter stays fixed. */
const LABEL_CHARS = 16;
export const fitLabel = (label: string): string => (label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label);

/** Time shown on the axis once a step is over: its span rounded up to a whole tick, at least 100 ms. */
export function domainEnd(end: number): number {
  const step = tickStep(Math.max(end, 100), 8);
  return Math.max(step, Math.ceil((Math.max(end, 100) * 1.01) / step) * step);
}

/**
 * Time shown on the axis while a step runs: the next of 1, 2, 3 or 5 times a power of ten past
 * the span, at least 100 ms. Every change of axis redraws the whole timeline, and rounding to a
 * tick would change it every few hundred milliseconds (ten times in a 4 s step); this changes it
 * about twice per tenfold of time, and the bars never jump about under the room's eyes. The axis
 * snaps to domainEnd when the step ends.
 */
export function liveDomainEnd(end: number): number {
  return niceAbove(Math.max(end, 100) * 1.01, [1, 2, 3, 5, 10]);
}

/** Where everything goes for a timeline in a canvas of some size; null when it does not fit. */
export interface TimelineGeometry {
  gutter: number;
  axis: number;
  /** Plot width and height (CSS pixels). */
  width: number;
  height: number;
  rows: number;
  rowH: number;
  barH: number;
  /** Ms shown on the axis (the span from t0), and its tick step. */
  end: number;
  /** The step time at the plot's left edge: 0, or a zoomed window's start. */
  t0: number;
  step: number;
  pxPerMs: number;
  /** Pixel columns of the plot. */
  columns: number;
}

/** `live`: the step is still running (see liveDomainEnd); `view`: a zoomed window of it (ms). */
export function timelineGeometry(size: Size, timeline: StepTimeline, scale: number, live = false, view: { t0: number; t1: number } | null = null): TimelineGeometry | null {
  const px = (n: number): number => Math.round(n * scale);
  const gutter = px(GUTTER_BASE_PX);
  const axis = px(AXIS_BASE_PX);
  const width = size.width - gutter - 12;
  const height = size.height - axis;
  const rows = timeline.rows.length;
  if (width <= 0 || height <= 0 || rows === 0) return null;
  const rowH = height / rows;
  // Presentation mode fills more of each row: thick lanes read from the back of a room.
  const barH = Math.max(1, Math.min(MAX_BAR_PX * scale, rowH * (rows > 40 ? 1 : scale > 1 ? 0.84 : 0.72)));
  const end = view ? view.t1 - view.t0 : live ? liveDomainEnd(timeline.end) : domainEnd(timeline.end);
  return { gutter, axis, width, height, rows, rowH, barH, end, t0: view?.t0 ?? 0, step: tickStep(end, 8), pxPerMs: width / end, columns: Math.ceil(width) + 1 };
}

/** A row's bar, top and bottom snapped to backing pixels. */
export function barBox(g: TimelineGeometry, row: number, ratio: number): [number, number] {
  const snap = (v: number): number => Math.round(v * ratio) / ratio;
  const top = row * g.rowH + (g.rowH - g.barH) / 2;
  const a = snap(top);
  return [a, Math.max(a + 1 / ratio, snap(top + g.barH))];
}
