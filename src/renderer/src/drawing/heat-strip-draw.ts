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
  private next = 0;
  /** The slot found last: samples are asked for in time order, so the next one is most likely next to it. */
  private hint = -1;
  /** No sample owning a slot is later than this: a later one is new without a search. */
  private newest = Number.NEGATIVE_INFINITY;

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
    const known = this.find(sample);
    if (known >= 0) return known;
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
    this.hint = slot;
    if (sample.t > this.newest) this.newest = sample.t;
    return slot;
  }

  /**
   * The slot `sample` owns, or -1. Looked up in the ring itself (no map from samples to slots:
   * a WeakMap's table grew and was rebuilt with every sample, the strip's largest garbage): next
   * to the last slot found first, which is where a redraw in time order finds each sample; a
   * sample later than every owner (each new one, live) is known new at once.
   */
  private find(sample: CoreSample): number {
    const near = (this.hint + 1) % this.capacity;
    if (this.owners[near] === sample) return (this.hint = near);
    if (!(sample.t <= this.newest)) return -1;
    for (let i = 0; i < this.capacity; i++) if (this.owners[i] === sample) return (this.hint = i);
    return -1;
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
 *
 * Live, the pixels are a ring: the plot's column x is kept at (x + base) mod width, so scrolling
 * moves `base` instead of copying the whole picture onto itself every frame (which Chromium does
 * through a snapshot of the canvas: two full copies); copyTo() unrolls the ring onto the page in
 * two 1:1 copies, the very pixels the scrolled picture had.
 */
export class HeatGrid {
  readonly canvas = document.createElement('canvas');
  private readonly ctx: CanvasRenderingContext2D | null;
  /** Live: the time the pixel grid counts from, the pixel of the latest sample drawn, and that sample. */
  private origin = 0;
  private offset = 0;
  private last: CoreSample | undefined;
  /** The ring column holding the plot's leftmost column. */
  private base = 0;
  /** For smoothed columns (see paintSmooth), made when first needed. */
  private scratch: CanvasRenderingContext2D | null | undefined;

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
          // The ring turns by `shift`: what was the plot's column `shift` is now its first.
          this.base = (this.base + shift) % this.width;
          this.clear(this.width - shift, shift);
        }
        from = known + 1;
      }
    }
    if (from < 0) {
      this.origin = (samples[0] as CoreSample).t;
      this.base = 0;
      this.clear(0, this.width);
      from = 0;
    }
    const end = Math.round((latest.t - this.origin) * scale);
    const origin = this.origin;
    const width = this.width;
    this.paint(samples, from, (t) => width - (end - Math.round((t - origin) * scale)), columns);
    this.offset = end;
    this.last = latest;
  }

  /** A past run from `fromMs` to `toMs` (epoch), drawn whole. */
  recorded(samples: readonly CoreSample[], columns: () => HeatColumns, fromMs: number, toMs: number): void {
    // As the lanes' axis: at least half a second.
    const scale = this.width / Math.max(500, toMs - fromMs);
    this.base = 0;
    this.clear(0, this.width);
    this.paint(samples, 0, (t) => Math.round((t - fromMs) * scale), columns);
  }

  /** Draws the plot (the ring unrolled) at (x, y) of `ctx`, in its backing pixels (no transform). */
  copyTo(ctx: CanvasRenderingContext2D, x: number, y: number): void {
    const split = this.width - this.base;
    if (this.base === 0) ctx.drawImage(this.canvas, x, y);
    else {
      ctx.drawImage(this.canvas, this.base, 0, split, this.height, x, y, split, this.height);
      ctx.drawImage(this.canvas, 0, 0, this.base, this.height, x + split, y, this.base, this.height);
    }
  }

  private paint(samples: readonly CoreSample[], from: number, xOf: (t: number) => number, columns: () => HeatColumns): void {
    if (!this.ctx || from >= samples.length) return;
    const image = columns();
    // Crisp columns; but with fewer pixel rows than cores (256 in a short panel), nearest-neighbour
    // scaling would drop whole cores: smoothing lets every core colour the rows it falls in.
    const smooth = this.height < image.lanes;
    this.ctx.imageSmoothingEnabled = smooth;
    for (let i = from; i < samples.length; i++) {
      const sample = samples[i] as CoreSample;
      const previous = samples[i - 1];
      const x1 = xOf(sample.t);
      const x0 = Math.max(0, previous ? xOf(previous.t) : x1 - this.first);
      if (x1 <= x0) continue;
      const slot = image.slot(sample);
      if (this.base === 0) this.ctx.drawImage(image.canvas, slot, 0, 1, image.lanes, x0, 0, x1 - x0, this.height);
      else if (smooth) this.paintSmooth(image, slot, x0, x1);
      else {
        // Where the ring keeps plot column x0; a column that runs past the ring's end is drawn
        // again one ring to the left, whole.
        const at = (x0 + this.base) % this.width;
        this.ctx.drawImage(image.canvas, slot, 0, 1, image.lanes, at, 0, x1 - x0, this.height);
        if (at + (x1 - x0) > this.width) this.ctx.drawImage(image.canvas, slot, 0, 1, image.lanes, at - this.width, 0, x1 - x0, this.height);
      }
    }
  }

  /**
   * A smoothed column goes through a scratch canvas at its plot place: Chromium's filtering of a
   * stretched image depends on where it lands (its edge columns differ by up to 16 levels a few
   * pixels apart), so it is drawn where a picture that scrolls would draw it, then copied 1:1 into
   * the ring: the very pixels the scrolling picture had.
   */
  private paintSmooth(image: HeatColumns, slot: number, x0: number, x1: number): void {
    const scratch = (this.scratch ??= this.scratchContext());
    if (!this.ctx || !scratch) return;
    const width = x1 - x0;
    scratch.fillStyle = this.background;
    scratch.fillRect(x0, 0, width, this.height);
    scratch.drawImage(image.canvas, slot, 0, 1, image.lanes, x0, 0, width, this.height);
    const at = (x0 + this.base) % this.width;
    const head = Math.min(width, this.width - at);
    this.ctx.drawImage(scratch.canvas, x0, 0, head, this.height, at, 0, head, this.height);
    if (width > head) this.ctx.drawImage(scratch.canvas, x0 + head, 0, width - head, this.height, 0, 0, width - head, this.height);
  }

  private scratchContext(): CanvasRenderingContext2D | null {
    const canvas = document.createElement('canvas');
    canvas.width = this.canvas.width;
    canvas.height = this.canvas.height;
    const ctx = canvas.getContext('2d');
    if (ctx) ctx.imageSmoothingEnabled = true;
    return ctx;
  }

  /** Clears plot columns [x, x + width) (in the ring). */
  private clear(x: number, width: number): void {
    if (!this.ctx) return;
    this.ctx.fillStyle = this.background;
    const at = (x + this.base) % this.width;
    const head = Math.min(width, this.width - at);
    this.ctx.fillRect(at, 0, head, this.height);
    if (width > head) this.ctx.fillRect(0, 0, width - head, this.height);
  }
}

/** How far the first lane's name is pushed down from the top edge, at most (its centre). */
const FIRST_NAME_AT = 8;

/**
 * Every how many lanes a name is written: a power of two, so they read 0, 32, 64..., with names
 * at least 1.6 lines of their type apart (a gap of most of a line between them, readable from the
 * back of a room), counting the first one's push down from the top edge.
 */
export function laneLabelStep(lanes: number, height: number, typePx: number): number {
  const row = height / Math.max(1, lanes);
  const apart = typePx * 1.6;
  // The first name's centre sits at FIRST_NAME_AT (not row / 2) when rows are thin.
  const every = Math.max(1, Math.ceil(Math.max(apart, apart + FIRST_NAME_AT - row / 2) / row));
  let step = 1;
  while (step < every) step *= 2;
  return step;
}

/** Lane names and the time axis: drawn once per geometry. */
export function drawHeatFrame(ctx: CanvasRenderingContext2D, size: Size, range: LaneWindow, lanes: number, axis: { min: number; max: number }): void {
  const width = size.width - GUTTER;
  const height = size.height - AXIS;
  const row = height / lanes;
  const type = fontPx(14);
  ctx.fillStyle = cssVar('--muted');
  ctx.font = `${type}px ${fontFamily()}`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const step = laneLabelStep(lanes, height, type);
  for (let lane = 0; lane < lanes; lane += step) {
    // Clamped so the first and last labels are not cut in half by the canvas edge.
    ctx.fillText(`CPU ${lane}`, GUTTER - 8, Math.min(height - FIRST_NAME_AT, Math.max(FIRST_NAME_AT, (lane + 0.5) * row)));
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
