/**
 * Draws one step's lock timeline: the frame (grid, axis, row names), the bars from rows coalesced
 * to pixel columns (timeline-columns.ts: a column narrower than its segments shows the state that
 * filled most of it, so the picture stays true and each frame stays cheap), and the start marker.
 * Only the rows in sight are drawn when they scroll. TimelinePainter (timeline-painter.ts) keeps
 * them on the page a batch at a time.
 */
import { DRAWN_STATES, type DrawnState, type StepTimeline } from '../store/run-archive';
import { ColumnSet } from './timeline-column-set';
import { EMPTY, type RowColumns } from './timeline-columns';
import type { Size } from './canvas';
import { getLook, typeScale } from './look';
import { stateFills } from './palette';
import { cssVar, fontFamily } from './theme-vars';
import { barBox, fitLabel, rowLabel, timelineGeometry, visibleRows, type TimelineGeometry } from './timeline-geometry';
import { drawStartMarker } from './timeline-marks';
import { tickLabel } from './timeline-view';

/** How each state is filled; see palette.ts (patterns, so states differ in more than hue). */
export type StateFills = Readonly<Record<DrawnState, string | CanvasPattern>>;

/** Colours and font read from the theme once per draw setup, not per segment. */
export interface TimelineStyle {
  fills: StateFills;
  text: string;
  muted: string;
  grid: string;
  rowBg: string;
  /** Behind small labels drawn over the bars. */
  panel: string;
  font: string;
  /** Text and bar scale: 1 on a desk, more in presentation mode. */
  scale: number;
  /** Backing pixels per layout pixel; bars are snapped to them, so redrawing part of a row leaves no seams. */
  ratio: number;
}

/** The style of the look in force, read once per look and size (colours, patterns, pixel ratio), not per frame. */
export function timelineStyle(ctx: CanvasRenderingContext2D, ratio: number): TimelineStyle {
  return {
    ratio,
    fills: stateFills(ctx, cssVar, ratio),
    scale: typeScale(getLook()),
    text: cssVar('--text'),
    muted: cssVar('--muted'),
    grid: cssVar('--grid'),
    rowBg: cssVar('--lane-bg'),
    panel: cssVar('--panel'),
    font: fontFamily(),
  };
}

/** The hint shown with no timeline to draw. */
export function drawHint(ctx: CanvasRenderingContext2D, size: Size, style: TimelineStyle, hint: string): void {
  ctx.fillStyle = style.muted;
  ctx.font = `${Math.round(20 * style.scale)}px ${style.font}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(hint, size.width / 2, size.height / 2);
}

/** The frame: grid lines and time labels, the ground and name of each row in sight. */
export function drawFrame(ctx: CanvasRenderingContext2D, size: Size, g: TimelineGeometry, timeline: StepTimeline, style: TimelineStyle): void {
  const px = (n: number): number => Math.round(n * style.scale);
  const { gutter, width, height, rows, rowH, pxPerMs, step, end } = g;
  ctx.font = `${px(15)}px ${style.font}`;
  ctx.strokeStyle = style.grid;
  ctx.lineWidth = 1;
  ctx.fillStyle = style.muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  // Ticks on whole steps of the axis, also when a zoomed window starts between two.
  const first = Math.ceil(g.t0 / step - 1e-9) * step;
  for (let t = first; t - g.t0 <= end + (g.t0 === 0 ? step / 2 : 1e-9); t += step) {
    const x = Math.round(gutter + (t - g.t0) * pxPerMs) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, 0);
    ctx.lineTo(x, height);
    ctx.stroke();
    const label = tickLabel(t, step);
    // The last label stays whole inside the canvas, whatever the type size.
    ctx.fillText(label, Math.min(size.width - ctx.measureText(label).width / 2 - 2, x), height + 6);
  }
  const scrolls = g.content > g.height;
  // Names at least px(18) apart, counting the first one's push down from the edge (px(9)); rows
  // that scroll are at least that high, and every one is named.
  const labelEvery = scrolls ? Math.max(1, Math.ceil(px(18) / rowH)) : Math.max(1, Math.ceil(Math.max(px(18), px(27) - rowH / 2) / rowH));
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.font = `${px(rowH >= 30 ? 17 : 14)}px ${style.font}`;
  if (scrolls) {
    // A name half scrolled out is cut at the plot's edge, not drawn over the axis.
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, 0, size.width, height);
    ctx.clip();
  }
  const [from, to] = visibleRows(g);
  for (let row = from; row < to; row++) {
    if (rows <= 64 || scrolls) {
      const [top, bottom] = barBox(g, row, style.ratio);
      ctx.fillStyle = style.rowBg;
      if (bottom > top) ctx.fillRect(gutter, top, width, bottom - top);
    }
    if (row % labelEvery === 0) {
      const middle = row * rowH + rowH / 2 - g.top;
      ctx.fillStyle = style.text;
      ctx.fillText(fitLabel(rowLabel(timeline, row)), gutter - 12, scrolls ? middle : Math.min(height - 8, Math.max(px(9), middle)));
    }
  }
  if (scrolls) ctx.restore();
}

/** Under the bars' place: that nothing was recorded, when nothing was. */
export function drawEmptyNote(ctx: CanvasRenderingContext2D, g: TimelineGeometry, timeline: StepTimeline, style: TimelineStyle): void {
  if (timeline.segments !== 0) return;
  ctx.fillStyle = style.muted;
  // A real CPython thread is seen only while its stamped loop runs: a wait (I/O, a sleep) or a step timed around the lesson's own calls leaves nothing.
  const note = timeline.python ? 'Nothing seen running: the threads waited, or were timed only around their calls.' : 'No lock activity was recorded in this step.';
  let size = Math.round(18 * style.scale);
  ctx.font = `${size}px ${style.font}`;
  // Smaller type rather than a sentence cut by the panel's edge on a narrow window.
  const room = g.width - 24;
  const wide = ctx.measureText(note).width;
  if (wide > room && room > 0) {
    size = Math.max(11, Math.floor((size * room) / wide));
    ctx.font = `${size}px ${style.font}`;
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(note, g.gutter + g.width / 2, g.height / 2);
}

/** Over the bars: where the start signal was given (only inside the band [clipFrom, clipTo) just redrawn, when given; CSS px). */
export function drawStart(ctx: CanvasRenderingContext2D, g: TimelineGeometry, timeline: StepTimeline, style: TimelineStyle, clipFrom?: number, clipTo?: number): void {
  if (timeline.goMs === null || !(timeline.goMs > 0)) return;
  const x = g.gutter + (timeline.goMs - g.t0) * g.pxPerMs;
  if (x < g.gutter || x > g.gutter + g.width) return;
  const clipped = clipFrom !== undefined && clipTo !== undefined;
  if (clipped) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(clipFrom, 0, clipTo - clipFrom, Math.round(g.height * style.ratio) / style.ratio);
    ctx.clip();
  }
  drawStartMarker(ctx, x, g.height, style);
  if (clipped) ctx.restore();
}

/**
 * Runs of the bars being drawn, five numbers each (state index, x, top, width, height), kept
 * between paints: a batch's bars cost no allocation, and the heap the collector walks stays small.
 */
let runs = new Float64Array(5 * 1024);

/** Bars of columns [from, to) of every row in sight, one fill per state (the context's own path: no Path2D per state and batch). */
export function drawBars(ctx: CanvasRenderingContext2D, g: TimelineGeometry, rows: readonly RowColumns[], from: number, to: number, style: TimelineStyle): void {
  const ratio = style.ratio;
  const floor = Math.round(g.height * ratio) / ratio;
  const [first, last] = visibleRows(g);
  let count = 0;
  let present = 0;
  for (let row = first; row < Math.min(last, rows.length); row++) {
    // barBox's edges, without a pair allocated per row and batch.
    const exact = row * g.rowH - g.top + (g.rowH - g.barH) / 2;
    const snapped = Math.round(exact * ratio) / ratio;
    const top = Math.min(floor, Math.max(0, snapped));
    const bottom = Math.min(floor, Math.max(0, Math.max(snapped + 1 / ratio, Math.round((exact + g.barH) * ratio) / ratio)));
    if (!(bottom > top)) continue;
    const winners = (rows[row] as RowColumns).winners;
    let start = from;
    while (start < to) {
      const value = winners[start] as number;
      let end = start + 1;
      while (end < to && winners[end] === value) end++;
      if (value !== EMPTY && value < DRAWN_STATES.length) {
        if ((count + 1) * 5 > runs.length) {
          const grown = new Float64Array(runs.length * 2);
          grown.set(runs);
          runs = grown;
        }
        const x = Math.round((g.gutter + start) * ratio) / ratio;
        const i = count * 5;
        runs[i] = value;
        runs[i + 1] = x;
        runs[i + 2] = top;
        runs[i + 3] = Math.round((g.gutter + end) * ratio) / ratio - x;
        runs[i + 4] = bottom - top;
        count++;
        present |= 1 << value;
      }
      start = end;
    }
  }
  for (let state = 0; state < DRAWN_STATES.length; state++) {
    if ((present & (1 << state)) === 0) continue;
    ctx.fillStyle = style.fills[DRAWN_STATES[state] as DrawnState];
    ctx.beginPath();
    for (let i = 0; i < count * 5; i += 5) if (runs[i] === state) ctx.rect(runs[i + 1] as number, runs[i + 2] as number, runs[i + 3] as number, runs[i + 4] as number);
    ctx.fill();
  }
}

/**
 * Gives columns [from, to) back the frame under them (`under`, see restoreUnder), full height,
 * pixel for pixel: snapped edges meet the bars beside them exactly.
 */
export function restoreBand(ctx: CanvasRenderingContext2D, g: TimelineGeometry, from: number, to: number, ratio: number, under: HTMLCanvasElement): void {
  const x0 = Math.round((g.gutter + from) * ratio);
  const x1 = Math.round((g.gutter + to) * ratio);
  const height = Math.round(g.height * ratio);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(x0, 0, x1 - x0, height);
  ctx.drawImage(under, x0, 0, x1 - x0, height, x0, 0, x1 - x0, height);
  ctx.restore();
}

/** Draws the timeline on one canvas, or a hint when there is none yet (the painter's layers, flattened). */
export function drawTimeline(ctx: CanvasRenderingContext2D, size: Size, timeline: StepTimeline | undefined, style: TimelineStyle, hint: string): void {
  const g = timeline ? timelineGeometry(size, timeline, style.scale) : null;
  if (!timeline || !g) {
    if (!timeline || timeline.rows.length === 0) drawHint(ctx, size, style, hint);
    return;
  }
  drawFrame(ctx, size, g, timeline, style);
  drawEmptyNote(ctx, g, timeline, style);
  drawBars(ctx, g, ColumnSet.build(timeline.rows, g.columns, g.pxPerMs).rows, 0, g.columns, style);
  drawStart(ctx, g, timeline, style);
}
