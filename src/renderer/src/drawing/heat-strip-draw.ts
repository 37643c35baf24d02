/**
 * The heat strip, the cores panel's view for many-core machines: one thin row per core, time left
 * to right, colour for load. Lines would be thinner than a few pixels there; a grid of colour stays
 * readable at 128.
 *
 * Each sample's colours are computed once, as one pixel column of a small image (a column per
 * sample, a row per core), and stretched once to its time span in the colour grid, an off-page
 * image of the plot. Live, each frame scrolls the grid left by the time passed and stretches in only
 * the new samples: times are snapped to whole backing pixels, so scrolling gives the very picture
 * a full redraw would. The labels are drawn off the page when the geometry changes; a frame copies
 * labels and grid onto the canvas and draws the step marks over them.
 */
import type { CoreSample } from '../../../shared/results';
import { HISTORY_SECONDS } from '../store/core-history';
import type { Size } from './canvas';
import { heatRgb } from './heat-colour';
import type { LaneWindow } from './lane-axis';
import { fontPx } from './look';
import { cssVar, fontFamily } from './theme-vars';

/** Room left of the grid for the core names, and below it for the time axis. */
export const GUTTER = 76;
export const AXIS = 28;
/** RGB of each whole load 0..100. */
export const RAMP = Array.from({ length: 101 }, (_, load) => heatRgb(load));

const rampIndex = (load: number | undefined): number => (load === undefined || !Number.isFinite(load) ? 0 : Math.round(Math.min(100, Math.max(0, load))));

/**
 * The colours of recent samples, a pixel column each, in a ring: a sample is coloured once, when
 * first drawn, and keeps its column until `capacity` newer samples have taken the ring round.
 */
export class HeatColumns {
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
export function columnsFor(current: HeatColumns | null, lanes: number, samples: number): HeatColumns {
  if (current && current.lanes === lanes && current.capacity >= samples) return current;
  return new HeatColumns(lanes, Math.min(32_000, Math.max(256, samples * 2)));
}

/**
 * The colours of the plot in backing pixels, kept between frames (see the top of this file). A
 * sample's column ends at its time stamp and starts at the one before (the first gets 2 px).
 */
export class HeatGrid {
  readonly canvas = document.createElement('canvas');
  private readonly ctx: CanvasRenderingContext2D | null;
  /** Live: the time the pixel grid counts from, the pixel of the latest sample drawn, and that sample. */
  private origin = 0;
  private offset = 0;
  private last: CoreSample | undefined;

  constructor(
    readonly width: number,
    readonly height: number,
    private readonly first: number,
    private readonly background: string,
  ) {
    this.canvas.width = Math.max(1, width);
    this.canvas.height = Math.max(1, height);
    this.ctx = this.canvas.getContext('2d');
    if (this.ctx) this.ctx.imageSmoothingEnabled = false;
    this.clear(0, width);
  }

  /** The last `spanMs` up to the latest sample: scrolls and adds the new samples, or redraws them all. */
  live(samples: readonly CoreSample[], columns: () => HeatColumns, spanMs: number): void {
    const latest = samples[samples.length - 1];
    if (!this.ctx || !latest) return;
    const scale = this.width / spanMs;
    let from = -1;
    if (this.last) {
      const known = samples.lastIndexOf(this.last);
      const shift = Math.round((latest.t - this.origin) * scale) - this.offset;
      if (known >= 0 && shift >= 0 && shift < this.width) {
        if (shift > 0) {
          this.ctx.drawImage(this.canvas, shift, 0, this.width - shift, this.height, 0, 0, this.width - shift, this.height);
          this.clear(this.width - shift, shift);
        }
        from = known + 1;
      }
    }
    if (from < 0) {
      this.origin = (samples[0] as CoreSample).t;
      this.clear(0, this.width);
      from = 0;
    }
    const at = (t: number): number => Math.round((t - this.origin) * scale);
    const end = at(latest.t);
    this.paint(samples, from, (t) => this.width - (end - at(t)), columns);
    this.offset = end;
    this.last = latest;
  }

  /** A past run from `fromMs` to `toMs` (epoch), drawn whole. */
  recorded(samples: readonly CoreSample[], columns: () => HeatColumns, fromMs: number, toMs: number): void {
    // As the lanes' axis: at least half a second.
    const scale = this.width / Math.max(500, toMs - fromMs);
    this.clear(0, this.width);
    this.paint(samples, 0, (t) => Math.round((t - fromMs) * scale), columns);
  }

  private paint(samples: readonly CoreSample[], from: number, xOf: (t: number) => number, columns: () => HeatColumns): void {
    if (!this.ctx || from >= samples.length) return;
    const image = columns();
    for (let i = from; i < samples.length; i++) {
      const sample = samples[i] as CoreSample;
      const previous = samples[i - 1];
      const x1 = xOf(sample.t);
      const x0 = Math.max(0, previous ? xOf(previous.t) : x1 - this.first);
      if (x1 <= x0) continue;
      // Crisp columns; but with fewer pixel rows than cores (256 in a short panel), nearest-neighbour
      // scaling would drop whole cores: smoothing lets every core colour the rows it falls in.
      this.ctx.imageSmoothingEnabled = this.height < image.lanes;
      this.ctx.drawImage(image.canvas, image.slot(sample), 0, 1, image.lanes, x0, 0, x1 - x0, this.height);
    }
  }

  private clear(x: number, width: number): void {
    if (!this.ctx) return;
    this.ctx.fillStyle = this.background;
    this.ctx.fillRect(x, 0, width, this.height);
  }
}

/** Lane names and the time axis: drawn once per geometry. */
export function drawHeatFrame(ctx: CanvasRenderingContext2D, size: Size, range: LaneWindow, lanes: number, axis: { min: number; max: number }): void {
  const width = size.width - GUTTER;
  const height = size.height - AXIS;
  const row = height / lanes;
  ctx.fillStyle = cssVar('--muted');
  ctx.font = `${fontPx(14)}px ${fontFamily()}`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  // Names at least 18 px apart, counting the first one's push down from the edge (to 8 px).
  const every = Math.max(1, Math.ceil(Math.max(18, 26 - row / 2) / row));
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
