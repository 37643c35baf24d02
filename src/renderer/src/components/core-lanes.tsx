/**
 * One lane per logical core, 0–100 %: the last 30 s live, or a past run from start to end. Drawn by
 * hand: the frame (lane bands, grid, axis labels) off the page when the geometry changes, then
 * copied under the lines once per frame in which a sample arrived. Each lane is a filled
 * polyline; no animation (a projector shows lag, and interpolated motion would show load that
 * never happened). Step starts are marked with a labelled line, so the room sees which step lit
 * which core.
 */
import { memo, useEffect, useRef } from 'react';
import { useFit } from '../lib/fit';
import { frameSignal } from '../lib/frame-signal';
import { fontPx, useLook } from '../lib/look';
import { tickStep } from '../lib/nice-step';
import type { ThemeName } from '../lib/theme';
import { cssVar, fontFamily } from '../lib/theme';
import { canvasRatio, restoreUnder, sizeCanvas, type Size } from '../lib/use-size';
import { laneAxis, markCanvas, type LaneMark, type LaneSource, type LaneWindow } from '../state/core-history';

interface Props {
  source: LaneSource;
  range: LaneWindow;
  marks: readonly LaneMark[];
  lanes: number;
  size: Size;
  theme: ThemeName;
}

/** Units of one lane on the y axis: 100 for the load plus a gap so lanes never touch. */
const LOAD_UNITS = 100;
const GAP_UNITS = 16;
const LANE_UNITS = LOAD_UNITS + GAP_UNITS;
/** Room right of the plot for each lane's current load. */
const VALUE_PX = 76;
/** Tick marks below the plot, and the gap between a tick and its label. */
const TICK_PX = 8;
const LABEL_GAP_PX = 3;
/** Below this lane height the current loads are left out: they would not fit. */
const MIN_VALUE_LANE_PX = 14;

const laneBase = (lane: number, lanes: number): number => (lanes - 1 - lane) * LANE_UNITS;
const clampLoad = (load: number | undefined): number => (load === undefined || !Number.isFinite(load) ? 0 : Math.min(100, Math.max(0, load)));

/** Colours and font of the marks, read once per draw setup. */
export interface MarkLook {
  text: string;
  panel: string;
  font: string;
}

export function markLook(): MarkLook {
  return { text: cssVar('--text'), panel: cssVar('--panel'), font: `600 ${fontPx(13)}px ${fontFamily()}` };
}

/** Draws step starts as dashed lines with their label at the top; shared with the heat strip. */
export function drawMarks(
  ctx: CanvasRenderingContext2D,
  marks: readonly { x: number; label: string }[],
  top: number,
  bottom: number,
  left: number,
  right: number,
  look: MarkLook = markLook(),
): void {
  if (marks.length === 0) return;
  ctx.save();
  ctx.strokeStyle = look.text;
  ctx.globalAlpha = 0.55;
  ctx.setLineDash([5, 4]);
  ctx.lineWidth = 1.5;
  ctx.font = look.font;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const mark of marks) {
    if (mark.x < left || mark.x > right) continue;
    const x = Math.round(mark.x) + 0.5;
    ctx.globalAlpha = 0.55;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    const text = mark.label.length > 22 ? `${mark.label.slice(0, 21)}…` : mark.label;
    const width = ctx.measureText(text).width;
    // Labels that would overlap the previous one are left out; the line still shows.
    if (x + 4 < lastEnd || x + 4 + width > right) continue;
    ctx.globalAlpha = 0.9;
    ctx.fillStyle = look.panel;
    ctx.fillRect(x + 2, top, width + 6, fontPx(17));
    ctx.fillStyle = look.text;
    ctx.fillText(text, x + 5, top + 2);
    lastEnd = x + 10 + width;
  }
  ctx.restore();
}

/** Where the x axis has ticks (seconds on the lane axis) and how each is labelled. */
function xTicks(range: LaneWindow, min: number, max: number): { value: number; label: string }[] {
  if (range.kind === 'live') {
    const ticks: { value: number; label: string }[] = [];
    for (let s = Math.ceil(min / 5) * 5; s <= max + 1e-9; s += 5) ticks.push({ value: s, label: s === 0 ? 'now' : `${s.toFixed(0)} s` });
    return ticks;
  }
  const digits = max < 10 ? 1 : 0;
  const step = tickStep(max - min, 9);
  const values: number[] = [];
  for (let s = min; s < max - step * 0.5 + 1e-9; s += step) values.push(s);
  values.push(max);
  return values.map((value) => ({ value, label: `${value.toFixed(digits)} s` }));
}

/** Everything both canvases need, worked out once per geometry. */
interface Geometry {
  size: Size;
  ratio: number;
  lanes: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Pixels of one load unit. */
  unit: number;
  laneHeight: number;
  lineWidth: number;
  valueFont: string | null;
  colours: { muted: string; line: string; fill: string; grid: string; laneBg: string; text: string };
  marks: MarkLook;
}

const yOf = (g: Geometry, value: number): number => g.bottom - value * g.unit;

function geometry(ctx: CanvasRenderingContext2D, size: Size, ratio: number, lanes: number, recorded: boolean, presentation: boolean): Geometry {
  const family = fontFamily();
  const labelSize = fontPx(15);
  ctx.font = `${labelSize}px ${family}`;
  let widest = 0;
  for (let lane = 0; lane < lanes; lane++) widest = Math.max(widest, ctx.measureText(`CPU ${lane}`).width);
  const left = Math.ceil(widest) + 14;
  const right = size.width - (recorded ? 12 : fontPx(VALUE_PX) + 4);
  const top = 4;
  const bottom = size.height - (TICK_PX + 2 * LABEL_GAP_PX + Math.ceil(labelSize * 1.2));
  const unit = Math.max(0, bottom - top) / (lanes * LANE_UNITS - GAP_UNITS);
  const laneHeight = unit * LOAD_UNITS;
  const valueSize = Math.round(Math.min(fontPx(22), Math.max(12, laneHeight * 0.4)));
  return {
    size,
    ratio,
    lanes,
    left,
    right,
    top,
    bottom,
    unit,
    laneHeight,
    // Thick lines in presentation mode: a projector thins and blurs them.
    lineWidth: (lanes > 16 ? 1.5 : 2.5) * (presentation ? 1.6 : 1),
    valueFont: recorded || laneHeight < MIN_VALUE_LANE_PX ? null : `700 ${valueSize}px ${family}`,
    colours: {
      muted: cssVar('--muted'),
      line: cssVar('--core-line'),
      fill: cssVar('--core-fill'),
      grid: cssVar('--grid'),
      laneBg: cssVar('--lane-bg'),
      text: cssVar('--text'),
    },
    marks: markLook(),
  };
}

/** The frame: grid lines and ticks, lane bands, lane names and time labels. */
function drawFrame(ctx: CanvasRenderingContext2D, g: Geometry, range: LaneWindow, min: number, max: number): void {
  if (g.right <= g.left || g.bottom <= g.top) return;
  const family = fontFamily();
  const labelSize = fontPx(15);
  const { colours } = g;
  // Grid lines one device pixel wide on whole pixels, with their tick marks below the plot.
  const hair = Math.max(1, Math.round(g.ratio));
  ctx.lineWidth = hair / g.ratio;
  ctx.strokeStyle = colours.grid;
  ctx.fillStyle = colours.muted;
  ctx.font = `${labelSize}px ${family}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.beginPath();
  for (const tick of xTicks(range, min, max)) {
    const x = g.left + ((tick.value - min) / (max - min)) * (g.right - g.left);
    const crisp = (Math.round(x * g.ratio) + (hair % 2 === 1 ? 0.5 : 0)) / g.ratio;
    ctx.moveTo(crisp, g.top);
    ctx.lineTo(crisp, g.bottom + TICK_PX);
    ctx.fillText(tick.label, x, g.bottom + TICK_PX + LABEL_GAP_PX);
  }
  ctx.stroke();
  ctx.fillStyle = colours.laneBg;
  for (let lane = 0; lane < g.lanes; lane++) {
    const top = yOf(g, laneBase(lane, g.lanes) + LOAD_UNITS);
    ctx.fillRect(g.left, top, g.right - g.left, yOf(g, laneBase(lane, g.lanes)) - top);
  }
  // Every lane named when there is room; else every 2nd, 4th… so names never overlap.
  const spacing = g.unit * LANE_UNITS;
  const every = Math.max(1, Math.ceil((labelSize * 1.2 + 2) / Math.max(spacing, 1e-9)));
  const step = [1, 2, 4, 8, 16, 32, 64].find((s) => s >= every) ?? every;
  ctx.fillStyle = colours.muted;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let lane = 0; lane < g.lanes; lane += step) ctx.fillText(`CPU ${lane}`, g.left - 11, yOf(g, laneBase(lane, g.lanes) + LOAD_UNITS / 2));
}

/** The lines: each lane's load as a filled polyline, the step marks, and each lane's load now. */
function drawPlot(ctx: CanvasRenderingContext2D, g: Geometry, source: LaneSource, range: LaneWindow, marks: readonly LaneMark[]): void {
  if (g.right <= g.left || g.bottom <= g.top) return;
  const samples = source.all();
  const latest = samples[samples.length - 1];
  const axis = laneAxis(range, latest?.t);
  const scale = (g.right - g.left) / (axis.max - axis.min);
  const xOf = (t: number): number => g.left + (axis.x(t) - axis.min) * scale;
  if (latest) {
    // Samples left of the window (history keeps a little more than it shows) are clipped away.
    let first = 0;
    while (first < samples.length - 1 && xOf((samples[first + 1] as (typeof samples)[number]).t) < g.left) first++;
    const xs = new Float64Array(samples.length - first);
    for (let i = first; i < samples.length; i++) xs[i - first] = xOf((samples[i] as (typeof samples)[number]).t);
    ctx.save();
    ctx.beginPath();
    ctx.rect(g.left, g.top - g.lineWidth, g.right - g.left, g.bottom - g.top + 2 * g.lineWidth);
    ctx.clip();
    ctx.lineWidth = g.lineWidth;
    ctx.lineJoin = 'miter';
    ctx.lineCap = 'butt';
    for (let lane = 0; lane < g.lanes; lane++) {
      const base = laneBase(lane, g.lanes);
      const y0 = yOf(g, base);
      const line = new Path2D();
      for (let i = first; i < samples.length; i++) {
        const y = yOf(g, base + clampLoad((samples[i] as (typeof samples)[number]).loads[lane]));
        if (i === first) line.moveTo(xs[0] as number, y);
        else line.lineTo(xs[i - first] as number, y);
      }
      const area = new Path2D(line);
      area.lineTo(xs[xs.length - 1] as number, y0);
      area.lineTo(xs[0] as number, y0);
      area.closePath();
      ctx.fillStyle = g.colours.fill;
      ctx.fill(area);
      ctx.strokeStyle = g.colours.line;
      ctx.stroke(line);
    }
    ctx.restore();
  }
  drawMarks(
    ctx,
    marks.map((m) => ({ x: xOf(m.t), label: m.label })),
    g.top,
    g.bottom,
    g.left,
    g.right,
    g.marks,
  );
  if (!latest || g.valueFont === null) return;
  ctx.font = g.valueFont;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = g.colours.text;
  for (let lane = 0; lane < g.lanes; lane++) {
    // Right of the plot, in the room kept for it, so the newest data is never covered.
    ctx.fillText(`${Math.round(clampLoad(latest.loads[lane]))}%`, g.right + fontPx(VALUE_PX), yOf(g, laneBase(lane, g.lanes) + LOAD_UNITS / 2));
  }
}

/** The lanes; the frame is drawn when the geometry changes, the lines once per frame with news. */
export const CoreLanes = memo(function CoreLanes({ source, range, marks, lanes, size, theme }: Props) {
  const plotRef = useRef<HTMLCanvasElement>(null);
  // The frame, kept off the page (see restoreUnder).
  const frameRef = useRef<HTMLCanvasElement | null>(null);
  const recorded = range.kind === 'recorded';
  const look = useLook();
  const fit = useFit();

  useEffect(() => {
    const plot = plotRef.current;
    if (!plot || size.width <= 0 || size.height <= 0) return;
    const frame = (frameRef.current ??= document.createElement('canvas'));
    const ratio = canvasRatio(plot);
    // Opaque, on the panel's own colour (see sizeCanvas).
    const panel = cssVar('--panel');
    const frameCtx = sizeCanvas(frame, size, ratio, panel);
    const plotCtx = sizeCanvas(plot, size, ratio, panel);
    if (!frameCtx || !plotCtx) return;
    const g = geometry(frameCtx, size, ratio, lanes, recorded, look.presentation);
    const axis = laneAxis(range, source.latest()?.t);
    drawFrame(frameCtx, g, range, axis.min, axis.max);
    const redraw = (): void => {
      restoreUnder(plotCtx, frame, ratio);
      drawPlot(plotCtx, g, source, range, marks);
      markCanvas(plot, source, lanes);
    };
    redraw();
    return frameSignal(source).subscribe(redraw);
  }, [source, range, marks, lanes, size, theme, recorded, look, fit]);

  return (
    <div className="chart-box">
      <canvas
        ref={plotRef}
        className="fill-canvas"
        data-testid="core-lanes"
        data-window={range.kind}
        role="img"
        aria-label={recorded ? `Load of each of ${lanes} cores during the run` : `Load of each of ${lanes} cores, last 30 s`}
      />
    </div>
  );
});
