/**
 * Draws one step's lock timeline on a canvas. Thousands of segments (a 0.1 ms switch interval)
 * are coalesced per pixel column: a column narrower than its segments shows the state that
 * filled most of it, so the picture stays true and each frame stays cheap.
 */
import { DRAWN_STATES, type DrawnState, type Segment, type StepTimeline } from '../state/run-archive';
import type { Size } from './use-size';

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
}

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
const fitLabel = (label: string): string => (label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label);

/** A tick step (ms) giving about `target` ticks over `span` ms: 1, 2 or 5 times a power of ten. */
export function tickStep(span: number, target: number): number {
  const raw = Math.max(span, 1) / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 5, 10].find((m) => m * power >= raw) ?? 10;
  return nice * power;
}

/** Time shown on the axis: the mode's span rounded up to a whole tick, at least 100 ms. */
export function domainEnd(end: number): number {
  const step = tickStep(Math.max(end, 100), 8);
  return Math.max(step, Math.ceil((Math.max(end, 100) * 1.01) / step) * step);
}

/**
 * Adds a row's segments to one path per state. Segments spanning whole pixels become one rect;
 * the pixel columns they only partly cover are tallied and given to the state that filled most.
 */
function rowPaths(segments: readonly Segment[], pxPerMs: number, x0: number, y: number, h: number, paths: Record<DrawnState, Path2D>): void {
  const tally: Record<DrawnState, number> = { holding: 0, waiting: 0, io: 0, free: 0, blocked: 0 };
  let column = Number.NEGATIVE_INFINITY;
  const flush = (): void => {
    if (!Number.isFinite(column)) return;
    let best: DrawnState | null = null;
    let total = 0;
    for (const state of DRAWN_STATES) {
      total += tally[state];
      if (best === null || tally[state] > tally[best]) best = state;
      tally[state] = 0;
    }
    // A column mostly empty stays background: a sliver must not look like a full pixel of work.
    if (best !== null && total >= 0.35) paths[best].rect(x0 + column, y, 1, h);
    column = Number.NEGATIVE_INFINITY;
  };
  const add = (c: number, state: DrawnState, amount: number): void => {
    if (c !== column) {
      flush();
      column = c;
    }
    tally[state] += amount;
  };
  for (const segment of segments) {
    const a = segment.start * pxPerMs;
    const b = segment.end * pxPerMs;
    const first = Math.floor(a);
    const last = Math.floor(b);
    if (first === last) {
      add(first, segment.state, b - a);
      continue;
    }
    add(first, segment.state, first + 1 - a);
    flush();
    if (last > first + 1) paths[segment.state].rect(x0 + first + 1, y, last - first - 1, h);
    if (b > last) add(last, segment.state, b - last);
  }
  flush();
}

/** Draws the timeline, or a hint when there is none yet. */
export function drawTimeline(ctx: CanvasRenderingContext2D, size: Size, timeline: StepTimeline | undefined, style: TimelineStyle, hint: string): void {
  const k = style.scale;
  const px = (n: number): number => Math.round(n * k);
  const gutter = px(GUTTER_BASE_PX);
  const axis = px(AXIS_BASE_PX);
  const width = size.width - gutter - 12;
  const height = size.height - axis;
  if (width <= 0 || height <= 0) return;
  if (!timeline || timeline.rows.length === 0) {
    ctx.fillStyle = style.muted;
    ctx.font = `${px(20)}px ${style.font}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(hint, size.width / 2, size.height / 2);
    return;
  }
  const rows = timeline.rows.length;
  const rowH = height / rows;
  // Presentation mode fills more of each row: thick lanes read from the back of a room.
  const barH = Math.max(1, Math.min(MAX_BAR_PX * k, rowH * (rows > 40 ? 1 : k > 1 ? 0.84 : 0.72)));
  const end = domainEnd(timeline.end);
  const pxPerMs = width / end;
  const step = tickStep(end, 8);

  ctx.font = `${px(15)}px ${style.font}`;
  ctx.strokeStyle = style.grid;
  ctx.lineWidth = 1;
  ctx.fillStyle = style.muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let t = 0; t <= end + step / 2; t += step) {
    const x = Math.round(gutter + t * pxPerMs) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, 0);
    ctx.lineTo(x, height);
    ctx.stroke();
    const label = step >= 1000 ? `${(t / 1000).toFixed(0)} s` : step >= 100 ? `${(t / 1000).toFixed(1)} s` : `${t.toFixed(0)} ms`;
    // The last label stays whole inside the canvas, whatever the type size.
    ctx.fillText(label, Math.min(size.width - ctx.measureText(label).width / 2 - 2, x), height + 6);
  }

  const paths: Record<DrawnState, Path2D> = { holding: new Path2D(), waiting: new Path2D(), io: new Path2D(), free: new Path2D(), blocked: new Path2D() };
  const labelEvery = Math.max(1, Math.ceil(px(18) / rowH));
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.font = `${px(rowH >= 30 ? 17 : 14)}px ${style.font}`;
  for (let row = 0; row < rows; row++) {
    const top = row * rowH + (rowH - barH) / 2;
    if (rows <= 64) {
      ctx.fillStyle = style.rowBg;
      ctx.fillRect(gutter, top, width, barH);
    }
    if (row % labelEvery === 0) {
      ctx.fillStyle = style.text;
      ctx.fillText(fitLabel(rowLabel(timeline, row)), gutter - 12, Math.min(height - 8, Math.max(px(9), row * rowH + rowH / 2)));
    }
    rowPaths(timeline.rows[row] ?? [], pxPerMs, gutter, top, barH, paths);
  }
  for (const state of DRAWN_STATES) {
    ctx.fillStyle = style.fills[state];
    ctx.fill(paths[state]);
  }
  if (timeline.goMs !== null && timeline.goMs > 0) drawStartMarker(ctx, gutter + timeline.goMs * pxPerMs, height, style);
  if (timeline.segments === 0) {
    ctx.fillStyle = style.muted;
    ctx.font = `${px(18)}px ${style.font}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText('No lock activity was recorded in this step.', gutter + width / 2, height / 2);
  }
}

/**
 * A quiet dashed line where the start signal was given: before it the workers were being spawned
 * (interpreter start-up, which is part of what a process costs), after it they ran.
 */
function drawStartMarker(ctx: CanvasRenderingContext2D, x: number, height: number, style: TimelineStyle): void {
  const px = Math.round(x) + 0.5;
  ctx.save();
  ctx.strokeStyle = style.muted;
  ctx.globalAlpha = 0.8;
  ctx.setLineDash([4, 4]);
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(px, 0);
  ctx.lineTo(px, height);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  ctx.font = `${Math.round(13 * style.scale)}px ${style.font}`;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  const label = 'start';
  const w = ctx.measureText(label).width + 8;
  ctx.fillStyle = style.panel;
  ctx.fillRect(px + 2, 1, w, Math.round(17 * style.scale));
  ctx.fillStyle = style.muted;
  ctx.fillText(label, px + 6, 3);
  ctx.restore();
}
