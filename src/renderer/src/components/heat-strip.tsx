/**
 * The cores panel for many-core machines: one thin row per core, time left to right, colour for
 * load. Lines would be thinner than a few pixels there; a grid of colour stays readable at 128.
 *
 * Each sample's colours are computed once, as one pixel column of a small image (a column per
 * sample, a row per core); a frame copies each visible column, stretched, to its time span. The
 * labels are drawn off the page when the geometry changes and copied in (see restoreUnder).
 */
import { memo, useEffect, useRef } from 'react';
import type { CoreSample } from '../../../shared/results';
import { useFit } from '../lib/fit';
import { frameSignal } from '../lib/frame-signal';
import { heatRgb } from '../lib/heat-colour';
import { fontPx, useLook } from '../lib/look';
import { cssVar, fontFamily, type ThemeName } from '../lib/theme';
import { canvasRatio, restoreUnder, sizeCanvas, type Size } from '../lib/use-size';
import { HISTORY_SECONDS, laneAxis, markCanvas, type LaneMark, type LaneSource, type LaneWindow } from '../state/core-history';
import { drawMarks, markLook, type MarkLook } from './core-lanes';

interface Props {
  history: LaneSource;
  range: LaneWindow;
  marks: readonly LaneMark[];
  lanes: number;
  size: Size;
  theme: ThemeName;
}

const GUTTER = 76;
const AXIS = 28;
/** RGB of each whole load 0..100. */
const RAMP = Array.from({ length: 101 }, (_, load) => heatRgb(load));

const rampIndex = (load: number | undefined): number => (load === undefined || !Number.isFinite(load) ? 0 : Math.round(Math.min(100, Math.max(0, load))));

/**
 * The colours of recent samples, a pixel column each, in a ring: a sample is coloured once, when
 * first drawn, and keeps its column until `capacity` newer samples have taken the ring round.
 */
class HeatColumns {
  readonly canvas = document.createElement('canvas');
  private readonly ctx: CanvasRenderingContext2D | null;
  private readonly column: ImageData | null;
  private readonly owners: (CoreSample | undefined)[];
  private readonly slots = new WeakMap<CoreSample, number>();
  private next = 0;

  constructor(
    readonly lanes: number,
    readonly capacity: number,
  ) {
    this.canvas.width = capacity;
    this.canvas.height = lanes;
    this.ctx = this.canvas.getContext('2d');
    this.column = this.ctx?.createImageData(1, lanes) ?? null;
    this.owners = new Array<CoreSample | undefined>(capacity);
  }

  /** The column holding `sample`'s colours. */
  slot(sample: CoreSample): number {
    const known = this.slots.get(sample);
    if (known !== undefined && this.owners[known] === sample) return known;
    const slot = this.next;
    this.next = (this.next + 1) % this.capacity;
    if (this.ctx && this.column) {
      const data = this.column.data;
      for (let lane = 0; lane < this.lanes; lane++) {
        const rgb = RAMP[rampIndex(sample.loads[lane])] as [number, number, number];
        data[lane * 4] = rgb[0];
        data[lane * 4 + 1] = rgb[1];
        data[lane * 4 + 2] = rgb[2];
        data[lane * 4 + 3] = 255;
      }
      this.ctx.putImageData(this.column, slot, 0);
    }
    this.owners[slot] = sample;
    this.slots.set(sample, slot);
    return slot;
  }
}

/** The columns for `samples`: the same ring while it can hold them all, a larger one otherwise. */
function columnsFor(current: HeatColumns | null, lanes: number, samples: number): HeatColumns {
  if (current && current.lanes === lanes && current.capacity >= samples) return current;
  return new HeatColumns(lanes, Math.min(32_000, Math.max(256, samples * 2)));
}

interface Geometry {
  width: number;
  height: number;
  background: string;
  marks: MarkLook;
}

/** Lane names and the time axis: drawn once per geometry. */
function drawFrame(ctx: CanvasRenderingContext2D, size: Size, range: LaneWindow, lanes: number, axis: { min: number; max: number }): void {
  const width = size.width - GUTTER;
  const height = size.height - AXIS;
  const row = height / lanes;
  ctx.fillStyle = cssVar('--muted');
  ctx.font = `${fontPx(14)}px ${fontFamily()}`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const every = Math.max(1, Math.ceil(18 / row));
  const step = [1, 2, 4, 8, 16, 32, 64].find((s) => s >= every) ?? every;
  for (let lane = 0; lane < lanes; lane += step) {
    // Clamped so the first and last labels are not cut in half by the canvas edge.
    ctx.fillText(`CPU ${lane}`, GUTTER - 8, Math.min(height - 8, Math.max(8, (lane + 0.5) * row)));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const span = axis.max - axis.min;
  const tick = range.kind === 'live' ? 5 : ([0.5, 1, 2, 5, 10, 20, 30, 60].find((s) => span / s <= 8) ?? 120);
  for (let s = 0; s <= span + 1e-9; s += tick) {
    const x = GUTTER + width * (s / span);
    const label = range.kind === 'live' ? (s === span ? 'now' : `-${HISTORY_SECONDS - s} s`) : `${s} s`;
    ctx.fillText(label, Math.min(size.width - 16, Math.max(GUTTER + 16, x)), height + 6);
  }
}

/** The colour grid and the step marks: drawn once per frame with news. */
function drawPlot(ctx: CanvasRenderingContext2D, g: Geometry, columns: HeatColumns, samples: readonly CoreSample[], range: LaneWindow, marks: readonly LaneMark[]): void {
  const latest = samples[samples.length - 1];
  const axis = laneAxis(range, latest?.t);
  const xOf = (t: number): number => GUTTER + (g.width * (axis.x(t) - axis.min)) / (axis.max - axis.min);
  ctx.fillStyle = g.background;
  ctx.fillRect(GUTTER, 0, g.width, g.height);
  if (latest) {
    ctx.imageSmoothingEnabled = false;
    const rows = Math.floor(g.height);
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i] as CoreSample;
      // A sample covers the interval that ends at its time stamp.
      const previous = samples[i - 1];
      const x1 = xOf(sample.t);
      if (x1 <= GUTTER) continue;
      const x0 = Math.max(GUTTER, previous ? xOf(previous.t) : x1 - 2);
      ctx.drawImage(columns.canvas, columns.slot(sample), 0, 1, columns.lanes, Math.floor(x0), 0, Math.ceil(x1 - x0) + 1, rows);
    }
  }
  drawMarks(ctx, marks.map((m) => ({ x: xOf(m.t), label: m.label })), 0, g.height, GUTTER, g.width + GUTTER, g.marks);
}

/** The heat strip; labels drawn on geometry changes, colours once per frame with news. */
export const HeatStrip = memo(function HeatStrip({ history, range, marks, lanes, size, theme }: Props) {
  const plotRef = useRef<HTMLCanvasElement>(null);
  const frameRef = useRef<HTMLCanvasElement | null>(null);
  const columnsRef = useRef<HeatColumns | null>(null);
  const look = useLook();
  const fit = useFit();
  useEffect(() => {
    const plot = plotRef.current;
    if (!plot) return;
    const frame = (frameRef.current ??= document.createElement('canvas'));
    const ratio = canvasRatio(plot);
    const frameCtx = sizeCanvas(frame, size, ratio);
    const plotCtx = sizeCanvas(plot, size, ratio);
    if (!frameCtx || !plotCtx || size.width <= GUTTER || size.height <= AXIS) return;
    drawFrame(frameCtx, size, range, lanes, laneAxis(range, history.latest()?.t));
    const g: Geometry = { width: size.width - GUTTER, height: size.height - AXIS, background: `rgb(${(RAMP[0] as number[]).join(',')})`, marks: markLook() };
    const redraw = (): void => {
      const samples = history.all();
      columnsRef.current = columnsFor(columnsRef.current, lanes, samples.length);
      restoreUnder(plotCtx, frame, ratio);
      drawPlot(plotCtx, g, columnsRef.current, samples, range, marks);
      markCanvas(plot, history, lanes);
    };
    redraw();
    return frameSignal(history).subscribe(redraw);
  }, [history, range, marks, lanes, size, theme, look, fit]);
  return (
    <canvas
      ref={plotRef}
      className="fill-canvas"
      data-testid="heat-strip"
      role="img"
      aria-label={`Load of each of ${lanes} cores as colour, last ${HISTORY_SECONDS} s`}
    />
  );
});
