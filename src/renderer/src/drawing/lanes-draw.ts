/**
 * One lane per logical core, 0–100 %, drawn by hand: the frame (lane bands, grid, axis labels) when
 * the geometry changes, then the lines over it once per frame in which a sample arrived. Each lane
 * is a filled polyline; no animation (a projector shows lag, and interpolated motion would show load
 * that never happened). The component that owns the canvases is components/core-lanes.tsx.
 */
import type { LaneSource } from '../store/core-history';
import { laneAxis, type LaneMark, type LaneWindow } from './lane-axis';
import { fontPx } from './look';
import { tickStep } from './nice-step';
import { drawMarks, markLook, type MarkLook } from './step-marks';
import type { Size } from './canvas';
import { cssVar, fontFamily } from './theme-vars';

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
export interface LaneGeometry {
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

const yOf = (g: LaneGeometry, value: number): number => g.bottom - value * g.unit;

export function laneGeometry(ctx: CanvasRenderingContext2D, size: Size, ratio: number, lanes: number, recorded: boolean, presentation: boolean): LaneGeometry {
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
export function drawLaneFrame(ctx: CanvasRenderingContext2D, g: LaneGeometry, range: LaneWindow, min: number, max: number): void {
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
export function drawLanePlot(ctx: CanvasRenderingContext2D, g: LaneGeometry, source: LaneSource, range: LaneWindow, marks: readonly LaneMark[]): void {
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
