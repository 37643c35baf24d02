/**
 * Draws one step's lock timeline. Thousands of segments (a 0.1 ms switch interval) are coalesced
 * per pixel column as they arrive (timeline-columns.ts): a column narrower than its segments shows
 * the state that filled most of it, so the picture stays true and each frame stays cheap.
 *
 * The frame (grid, axis, row names) is drawn off the page and changes only with the geometry (size,
 * look, a longer axis, more rows); a batch of segments redraws only the bar columns it changed,
 * with the frame copied back under them (TimelinePainter).
 */
import { DRAWN_STATES, type DrawnState, type StepTimeline } from '../store/run-archive';
import { listOf, SegmentRow, type SegmentList } from '../store/run-archive-rows';
import type { ViewWindow } from '../store/stage';
import { EMPTY, RowColumns } from './timeline-columns';
import { restoreUnder, sizeCanvas, type Size } from './canvas';
import { getLook, typeScale } from './look';
import { stateFills } from './palette';
import { cssVar, fontFamily } from './theme-vars';
import { barBox, domainEnd, fitLabel, liveDomainEnd, rowLabel, timelineGeometry, type TimelineGeometry } from './timeline-geometry';
import { drawPlayhead, drawStartMarker } from './timeline-marks';
import { tickLabel, viewFor, windowSegments, type TimelineView } from './timeline-view';

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
function drawHint(ctx: CanvasRenderingContext2D, size: Size, style: TimelineStyle, hint: string): void {
  ctx.fillStyle = style.muted;
  ctx.font = `${Math.round(20 * style.scale)}px ${style.font}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(hint, size.width / 2, size.height / 2);
}

/** The frame: grid lines and time labels, each row's ground and name. */
function drawFrame(ctx: CanvasRenderingContext2D, size: Size, g: TimelineGeometry, timeline: StepTimeline, style: TimelineStyle): void {
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
  // Names at least px(18) apart, counting the first one's push down from the edge (px(9)).
  const labelEvery = Math.max(1, Math.ceil(Math.max(px(18), px(27) - rowH / 2) / rowH));
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.font = `${px(rowH >= 30 ? 17 : 14)}px ${style.font}`;
  for (let row = 0; row < rows; row++) {
    if (rows <= 64) {
      const [top, bottom] = barBox(g, row, style.ratio);
      ctx.fillStyle = style.rowBg;
      ctx.fillRect(gutter, top, width, bottom - top);
    }
    if (row % labelEvery === 0) {
      ctx.fillStyle = style.text;
      ctx.fillText(fitLabel(rowLabel(timeline, row)), gutter - 12, Math.min(height - 8, Math.max(px(9), row * rowH + rowH / 2)));
    }
  }
}

/** Under the bars' place: that nothing was recorded, when nothing was. */
function drawEmptyNote(ctx: CanvasRenderingContext2D, g: TimelineGeometry, timeline: StepTimeline, style: TimelineStyle): void {
  if (timeline.segments !== 0) return;
  ctx.fillStyle = style.muted;
  ctx.font = `${Math.round(18 * style.scale)}px ${style.font}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('No lock activity was recorded in this step.', g.gutter + g.width / 2, g.height / 2);
}

/** Over the bars: where the start signal was given (only inside the band [clipFrom, clipTo) just redrawn, when given; CSS px). */
function drawStart(ctx: CanvasRenderingContext2D, g: TimelineGeometry, timeline: StepTimeline, style: TimelineStyle, clipFrom?: number, clipTo?: number): void {
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

/** Bars of columns [from, to) of every row, one fill per state (the context's own path: no Path2D per state and batch). */
function drawBars(ctx: CanvasRenderingContext2D, g: TimelineGeometry, rows: readonly RowColumns[], from: number, to: number, style: TimelineStyle): void {
  const ratio = style.ratio;
  let count = 0;
  let present = 0;
  for (let row = 0; row < rows.length; row++) {
    // barBox's edges, without a pair allocated per row and batch.
    const exact = row * g.rowH + (g.rowH - g.barH) / 2;
    const top = Math.round(exact * ratio) / ratio;
    const bottom = Math.max(top + 1 / ratio, Math.round((exact + g.barH) * ratio) / ratio);
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
function restoreBand(ctx: CanvasRenderingContext2D, g: TimelineGeometry, from: number, to: number, ratio: number, under: HTMLCanvasElement): void {
  const x0 = Math.round((g.gutter + from) * ratio);
  const x1 = Math.round((g.gutter + to) * ratio);
  const height = Math.round(g.height * ratio);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(x0, 0, x1 - x0, height);
  ctx.drawImage(under, x0, 0, x1 - x0, height, x0, 0, x1 - x0, height);
  ctx.restore();
}

const NO_SEGMENTS: SegmentList = new SegmentRow();

/** Columns of every row of `timeline` at the geometry's scale. */
function columnsOf(timeline: StepTimeline, g: TimelineGeometry): RowColumns[] {
  return timeline.rows.map((segments) => {
    const row = new RowColumns(g.columns, g.pxPerMs);
    row.update(segments);
    row.takeDirty();
    return row;
  });
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
  drawBars(ctx, g, columnsOf(timeline, g), 0, g.columns, style);
  drawStart(ctx, g, timeline, style);
}

/**
 * Keeps a timeline on its canvas. paint() redraws everything when the geometry changed (size,
 * style, another step, more rows, a longer axis, the start marker) and otherwise only the bar
 * columns the new segments changed.
 */
export class TimelinePainter {
  private key = '';
  private timeline: StepTimeline | undefined;
  private labels: readonly string[] | undefined;
  private style: TimelineStyle | undefined;
  private rows: RowColumns[] = [];
  /** The columns a batch changed, [from, to), reused from batch to batch. */
  private readonly band = new Float64Array(2);
  /** The frame, off the page (see restoreUnder). */
  private readonly frame = document.createElement('canvas');
  /** What the canvas shows now, for hit-testing the pointer (see timeline-view.hitTest). */
  private shown: { g: TimelineGeometry; view: TimelineView; timeline: StepTimeline } | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  /** The geometry, window and step on the canvas now, or null when it shows none. */
  showing(): { g: TimelineGeometry; view: TimelineView; timeline: StepTimeline } | null {
    return this.shown;
  }

  /**
   * `live`: the step shown is still running (its axis grows in steps, see liveDomainEnd).
   * `window`: a zoom and/or a replay's clock (step ms); drawn whole each time, from the segments
   * inside the window only, so its cost follows what is visible.
   */
  paint(size: Size, timeline: StepTimeline | undefined, style: TimelineStyle, hint: string, live = false, window: { zoom: ViewWindow | null; until: number | null } | null = null): void {
    if (timeline && window && (window.zoom !== null || window.until !== null)) {
      this.paintWindow(size, timeline, style, live, window.zoom, window.until);
      return;
    }
    const g = timeline ? timelineGeometry(size, timeline, style.scale, live) : null;
    this.shown = g && timeline ? { g, view: { t0: 0, t1: g.end, until: Number.POSITIVE_INFINITY }, timeline } : null;
    const key = g && timeline ? `${size.width}x${size.height}|${g.rows}|${g.end}|${g.columns}|${timeline.goMs}|${timeline.segments === 0}` : `${size.width}x${size.height}|${hint}|${timeline?.rows.length ?? -1}`;
    const same = key === this.key && timeline === this.timeline && timeline?.labels === this.labels && style === this.style;
    if (same && g && timeline) {
      const ctx = this.canvas.getContext('2d');
      if (!ctx) return;
      // New segments of all rows mostly land in the same few columns: one band is given back its
      // frame and drawn again, whatever row changed in it.
      const band = this.band;
      band[0] = Number.POSITIVE_INFINITY;
      band[1] = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < this.rows.length; i++) {
        const row = this.rows[i] as RowColumns;
        row.update(timeline.rows[i] ?? NO_SEGMENTS);
        row.takeDirtyInto(band);
      }
      const from = band[0] as number;
      const to = band[1] as number;
      if (!(to > from)) return;
      restoreBand(ctx, g, from, to, style.ratio, this.frame);
      drawBars(ctx, g, this.rows, from, to, style);
      drawStart(ctx, g, timeline, style, Math.round((g.gutter + from) * style.ratio) / style.ratio, Math.round((g.gutter + to) * style.ratio) / style.ratio);
      return;
    }
    if (same) return;
    this.key = key;
    this.timeline = timeline;
    this.labels = timeline?.labels;
    this.style = style;
    const frame = sizeCanvas(this.frame, size, style.ratio);
    const ctx = sizeCanvas(this.canvas, size, style.ratio);
    if (!frame || !ctx) return;
    if (!timeline || !g) {
      this.rows = [];
      if (!timeline || timeline.rows.length === 0) drawHint(ctx, size, style, hint);
      return;
    }
    this.rows = columnsOf(timeline, g);
    drawFrame(frame, size, g, timeline, style);
    drawEmptyNote(frame, g, timeline, style);
    restoreUnder(ctx, this.frame, style.ratio);
    drawBars(ctx, g, this.rows, 0, g.columns, style);
    drawStart(ctx, g, timeline, style);
  }

  /** Draws everything again on the next paint (the look changed, or the canvas was resized). */
  reset(): void {
    this.key = '';
  }

  private paintWindow(size: Size, timeline: StepTimeline, style: TimelineStyle, live: boolean, zoom: ViewWindow | null, until: number | null): void {
    // The plain view draws everything again when it comes back.
    this.key = '';
    const domain = live ? liveDomainEnd(timeline.end) : domainEnd(timeline.end);
    const view = viewFor(domain, zoom, until);
    const g = timelineGeometry(size, timeline, style.scale, live, view);
    const ctx = sizeCanvas(this.canvas, size, style.ratio);
    this.shown = g ? { g, view, timeline } : null;
    if (!ctx || !g) return;
    drawFrame(ctx, size, g, timeline, style);
    const rows = timeline.rows.map((row) => {
      const columns = new RowColumns(g.columns, g.pxPerMs);
      columns.update(listOf(windowSegments(row, view)));
      return columns;
    });
    drawBars(ctx, g, rows, 0, g.columns, style);
    drawStart(ctx, g, timeline, style);
    if (until !== null) drawPlayhead(ctx, g, until, style);
  }
}
