/**
 * Keeps a step's lock timeline on its canvas. The frame (grid, axis, row names) is drawn off the
 * page and changes only with the geometry (size, look, a longer axis, more rows, a scroll); a
 * batch of segments redraws only the bar columns it changed, with the frame copied back under them.
 * The rows' columns outlive a new frame: they are built again only for another step or a new
 * scale, and a live axis's next scale is built ahead (timeline-column-set.ts), so its growth costs
 * no pass over the run's history.
 */
import type { StepTimeline } from '../store/run-archive';
import { listOf } from '../store/run-archive-rows';
import type { ViewWindow } from '../store/stage';
import { restoreUnder, sizeCanvas, type Size } from './canvas';
import { ColumnSet } from './timeline-column-set';
import { RowColumns } from './timeline-columns';
import { drawBars, drawEmptyNote, drawFrame, drawHint, drawStart, restoreBand, type TimelineStyle } from './timeline-draw';
import { domainEnd, liveDomainEnd, nextLiveDomainEnd, timelineGeometry, visibleRows, type RowPlacement, type TimelineGeometry } from './timeline-geometry';
import { drawPlayhead } from './timeline-marks';
import { viewFor, windowSegments, type TimelineView } from './timeline-view';

/** What the canvas shows, beyond the step: how it is windowed, scrolled and whether it is held still. */
export interface PaintOptions {
  /** The step shown is still running (its axis grows in steps, see liveDomainEnd). */
  live: boolean;
  /** A zoomed window of the step (ms), or null for all of it. */
  zoom: ViewWindow | null;
  /** A replay's clock (step ms), or null. */
  until: number | null;
  /** Layout px of rows scrolled out of sight, and whether every row is squeezed in instead (a slide). */
  rows: RowPlacement;
  /** The live panels are paused: the bars and axis stay as they are, whatever arrives (a scroll still moves the rows). */
  hold: boolean;
}

/** A row out of sight in a window: never drawn. */
const NOT_SHOWN = new RowColumns(0, 1);

const PLAIN: PaintOptions = { live: false, zoom: null, until: null, rows: { top: 0, fitAll: false }, hold: false };

/** What the canvas shows now, for hit-testing the pointer (see timeline-view.hitTest). */
export interface Showing {
  g: TimelineGeometry;
  view: TimelineView;
  timeline: StepTimeline;
}

export class TimelinePainter {
  /** What the frame on the canvas was drawn for: another key draws everything again. */
  private key = '';
  private timeline: StepTimeline | undefined;
  private labels: readonly string[] | undefined;
  private style: TimelineStyle | undefined;
  /** The rows' columns at the plain view's scale, for `timeline`. */
  private columns: ColumnSet | null = null;
  /** The columns a batch changed, [from, to), reused from batch to batch. */
  private readonly band = new Float64Array(2);
  /** The frame, off the page (see restoreUnder). */
  private readonly frame = document.createElement('canvas');
  private shown: Showing | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  /** The geometry, window and step on the canvas now, or null when it shows none. */
  showing(): Showing | null {
    return this.shown;
  }

  /**
   * Draws `timeline` (or `hint` without one). A zoom or a replay's window is drawn whole each time,
   * from the segments inside the window only, so its cost follows what is visible.
   */
  paint(size: Size, timeline: StepTimeline | undefined, style: TimelineStyle, hint: string, options: PaintOptions = PLAIN): void {
    if (timeline && (options.zoom !== null || options.until !== null)) {
      this.paintWindow(size, timeline, style, options);
      return;
    }
    if (timeline !== this.timeline) this.columns = null;
    // Held: the axis the picture was drawn with, not the one the segments since would give.
    const held = options.hold && timeline !== undefined && timeline === this.shown?.timeline ? this.shown.g : null;
    const g = timeline ? timelineGeometry(size, timeline, style.scale, options.live, held ? { t0: 0, t1: held.end } : null, options.rows) : null;
    this.shown = g && timeline ? { g, view: { t0: 0, t1: g.end, until: Number.POSITIVE_INFINITY }, timeline } : null;
    const key = g && timeline ? `${size.width}x${size.height}|${g.rows}|${g.end}|${g.columns}|${g.rowH}|${g.top}|${timeline.goMs}|${timeline.segments === 0}` : `${size.width}x${size.height}|${hint}|${timeline?.rows.length ?? -1}`;
    const same = key === this.key && timeline === this.timeline && timeline?.labels === this.labels && style === this.style;
    this.timeline = timeline;
    if (same && g && timeline && this.columns) {
      if (!options.hold) this.paintBatch(g, timeline, style);
      return;
    }
    if (same) return;
    this.key = key;
    this.labels = timeline?.labels;
    this.style = style;
    const frame = sizeCanvas(this.frame, size, style.ratio);
    const ctx = sizeCanvas(this.canvas, size, style.ratio);
    if (!frame || !ctx) return;
    if (!timeline || !g) {
      this.columns = null;
      if (!timeline || timeline.rows.length === 0) drawHint(ctx, size, style, hint);
      return;
    }
    const columns = this.columnsFor(timeline, g, options.hold);
    if (options.live && !held) columns.buildAhead(g.width / nextLiveDomainEnd(g.end));
    drawFrame(frame, size, g, timeline, style);
    drawEmptyNote(frame, g, timeline, style);
    restoreUnder(ctx, this.frame, style.ratio);
    drawBars(ctx, g, columns.rows, 0, g.columns, style);
    drawStart(ctx, g, timeline, style);
  }

  /** Draws everything again on the next paint (the look changed, or the canvas was resized). */
  reset(): void {
    this.key = '';
  }

  /** Columns of every row at the geometry's scale: kept, built ahead, or (another step, a new size) built from the segments. */
  private columnsFor(timeline: StepTimeline, g: TimelineGeometry, hold: boolean): ColumnSet {
    const kept = this.columns;
    const columns = kept?.fits(timeline.rows, g.columns, g.pxPerMs) ? kept : (kept?.rescaled(timeline.rows, g.columns, g.pxPerMs) ?? ColumnSet.build(timeline.rows, g.columns, g.pxPerMs));
    if (!hold) columns.update(timeline.rows);
    // Nothing is left marked as changed: the whole plot is drawn next.
    for (const row of columns.rows) row.takeDirty();
    this.columns = columns;
    return columns;
  }

  /** New segments of all rows mostly land in the same few columns: one band is given back its frame and drawn again, whatever row changed in it. */
  private paintBatch(g: TimelineGeometry, timeline: StepTimeline, style: TimelineStyle): void {
    const columns = this.columns as ColumnSet;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    columns.update(timeline.rows);
    const band = this.band;
    band[0] = Number.POSITIVE_INFINITY;
    band[1] = Number.NEGATIVE_INFINITY;
    for (const row of columns.rows) row.takeDirtyInto(band);
    const from = band[0] as number;
    const to = band[1] as number;
    if (!(to > from)) return;
    restoreBand(ctx, g, from, to, style.ratio, this.frame);
    drawBars(ctx, g, columns.rows, from, to, style);
    drawStart(ctx, g, timeline, style, Math.round((g.gutter + from) * style.ratio) / style.ratio, Math.round((g.gutter + to) * style.ratio) / style.ratio);
  }

  private paintWindow(size: Size, timeline: StepTimeline, style: TimelineStyle, options: PaintOptions): void {
    // The plain view draws its frame again when it comes back (its columns are kept, and catch up then).
    this.key = '';
    const domain = options.live ? liveDomainEnd(timeline.end) : domainEnd(timeline.end);
    const view = viewFor(domain, options.zoom, options.until);
    const g = timelineGeometry(size, timeline, style.scale, options.live, view, options.rows);
    const ctx = sizeCanvas(this.canvas, size, style.ratio);
    this.shown = g ? { g, view, timeline } : null;
    if (!ctx || !g) return;
    drawFrame(ctx, size, g, timeline, style);
    // Only the rows in sight are drawn, so only theirs are built.
    const [first, last] = visibleRows(g);
    const rows = timeline.rows.map((row, i) => {
      if (i < first || i >= last) return NOT_SHOWN;
      const columns = new RowColumns(g.columns, g.pxPerMs);
      columns.update(listOf(windowSegments(row, view)));
      return columns;
    });
    drawBars(ctx, g, rows, 0, g.columns, style);
    drawStart(ctx, g, timeline, style);
    if (options.until !== null) drawPlayhead(ctx, g, options.until, style);
  }
}
