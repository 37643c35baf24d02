/**
 * Where a lock timeline goes in its canvas: the gutter for row names, the time axis and its end
 * (which grows in steps while a step runs), each row's bar snapped to backing pixels, and which
 * rows are in sight when there are more than fit (they scroll). Pure, so the axis and row rules
 * are tested without a canvas; the drawing is timeline-draw.ts.
 */
import type { StepTimeline } from '../store/run-archive';
import type { Size } from './canvas';
import { niceAbove, tickStep } from './nice-step';

const GUTTER_BASE_PX = 150;
const AXIS_BASE_PX = 30;
const MAX_BAR_PX = 56;
/**
 * The least height of a row: its name, in the gutter's 14 px type (18 px in presentation mode),
 * fits beside every row. Below it 64 rows read as one block; more rows than fit at it scroll.
 */
export const MIN_ROW_PX = 18;
/** Room kept right of the plot for the scroll bar when rows scroll. */
export const SCROLLBAR_PX = 14;
/** Rows thinner than this are drawn without a gap between them (a gap would eat the bar). */
const GAPLESS_ROW_PX = 8;

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

/**
 * The time axis after `end` while a step runs: the next of 1, 2, 3 or 5 times a power of ten
 * (liveDomainEnd's values), which the painter builds columns for ahead of time.
 */
export function nextLiveDomainEnd(end: number): number {
  return niceAbove(Math.max(end, 100) * (1 + 1e-9), [1, 2, 3, 5, 10]);
}

/** How a timeline's rows share the plot's height: all in sight, or at the least height, scrolling. */
export interface RowLayout {
  /** Height of the plot (layout px: the canvas less the axis). */
  height: number;
  rowH: number;
  /** Height of all rows; more than `height` when they scroll. */
  content: number;
  scrolls: boolean;
}

/**
 * Rows fill the plot while they are at least MIN_ROW_PX high (scaled with the type); past that
 * they keep that height and scroll. `fitAll` squeezes them in whatever their height: a picture for
 * a slide shows every worker (the pattern of turns is the point; a slide cannot scroll).
 */
export function rowLayout(size: Size, rows: number, scale: number, fitAll = false): RowLayout {
  const height = Math.max(0, size.height - Math.round(AXIS_BASE_PX * scale));
  const fit = rows > 0 ? height / rows : height;
  const least = Math.round(MIN_ROW_PX * scale);
  if (fitAll || fit >= least || rows === 0) return { height, rowH: fit, content: height, scrolls: false };
  return { height, rowH: least, content: rows * least, scrolls: true };
}

export interface TimelineGeometry {
  gutter: number;
  axis: number;
  /** Plot width and height (CSS pixels). */
  width: number;
  height: number;
  rows: number;
  rowH: number;
  barH: number;
  /** Layout px of rows scrolled out of sight above the plot (0 when they all fit). */
  top: number;
  /** Height of all rows: more than `height` when they scroll. */
  content: number;
  /** Ms shown on the axis (the span from t0), and its tick step. */
  end: number;
  /** The step time at the plot's left edge: 0, or a zoomed window's start. */
  t0: number;
  step: number;
  pxPerMs: number;
  /** Pixel columns of the plot. */
  columns: number;
}

/** How rows are laid out and scrolled: `top`, layout px scrolled (clamped); `fitAll`, see rowLayout. */
export interface RowPlacement {
  top: number;
  fitAll: boolean;
}

/**
 * `live`: the step is still running (see liveDomainEnd); `view`: a zoomed window of it (ms);
 * `placement`: the rows' scroll offset, or all rows squeezed in (a slide).
 */
export function timelineGeometry(
  size: Size,
  timeline: StepTimeline,
  scale: number,
  live = false,
  view: { t0: number; t1: number } | null = null,
  placement: RowPlacement = { top: 0, fitAll: false },
): TimelineGeometry | null {
  const px = (n: number): number => Math.round(n * scale);
  const gutter = px(GUTTER_BASE_PX);
  const axis = px(AXIS_BASE_PX);
  const rows = timeline.rows.length;
  const layout = rowLayout(size, rows, scale, placement.fitAll);
  const width = size.width - gutter - 12 - (layout.scrolls ? SCROLLBAR_PX : 0);
  const { height, rowH, content } = layout;
  if (width <= 0 || height <= 0 || rows === 0) return null;
  const top = Math.max(0, Math.min(placement.top, content - height));
  // Presentation mode fills more of each row: thick lanes read from the back of a room.
  const barH = Math.max(1, Math.min(MAX_BAR_PX * scale, rowH * (rows > 40 && rowH < GAPLESS_ROW_PX ? 1 : scale > 1 ? 0.84 : 0.72)));
  const end = view ? view.t1 - view.t0 : live ? liveDomainEnd(timeline.end) : domainEnd(timeline.end);
  return { gutter, axis, width, height, rows, rowH, barH, top, content, end, t0: view?.t0 ?? 0, step: tickStep(end, 8), pxPerMs: width / end, columns: Math.ceil(width) + 1 };
}

/** The rows at least partly in sight: [first, last). */
export function visibleRows(g: Pick<TimelineGeometry, 'rows' | 'rowH' | 'top' | 'height'>): [number, number] {
  const first = Math.max(0, Math.floor(g.top / g.rowH));
  return [Math.min(first, g.rows), Math.min(g.rows, Math.ceil((g.top + g.height) / g.rowH))];
}

/**
 * A row's bar in the plot, top and bottom snapped to backing pixels and cut to the plot (a row
 * scrolled out of sight has none: top equals bottom).
 */
export function barBox(g: TimelineGeometry, row: number, ratio: number): [number, number] {
  const snap = (v: number): number => Math.round(v * ratio) / ratio;
  const exact = row * g.rowH - g.top + (g.rowH - g.barH) / 2;
  const top = snap(exact);
  const bottom = Math.max(top + 1 / ratio, snap(exact + g.barH));
  const floor = snap(g.height);
  return [Math.min(floor, Math.max(0, top)), Math.min(floor, Math.max(0, bottom))];
}
