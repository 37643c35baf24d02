/**
 * The lock timeline as something to read, not only watch: which stretch of the step is shown (the
 * "view window", zoomed and panned, or following a replay's clock), and which worker's segment is
 * under the pointer. Pure, so zoom, pan, replay and hit-testing are tested without a canvas.
 */
import type { Segment, StepTimeline } from '../store/run-archive';
import type { SegmentList } from '../store/run-archive-rows';
import type { ViewWindow } from '../store/stage';
import type { TimelineGeometry } from './timeline-geometry';

/** The narrowest window a zoom reaches: a GIL hand-over (5 ms by default) still fills the width. */
export const MIN_SPAN_MS = 1;

/** What is drawn: the window's ms, and the step time up to which segments are shown (a replay's clock). */
export interface TimelineView extends ViewWindow {
  until: number;
}

const clampWindow = (t0: number, span: number, domain: number): ViewWindow => {
  const width = Math.min(Math.max(span, MIN_SPAN_MS), Math.max(domain, MIN_SPAN_MS));
  const start = Math.min(Math.max(0, t0), Math.max(0, domain - width));
  return { t0: start, t1: start + width };
};

/** Zooms `view` by `factor` (<1 in, >1 out) around the time `at`, which stays under the pointer. */
export function zoomAround(view: ViewWindow, domain: number, at: number, factor: number): ViewWindow {
  const span = (view.t1 - view.t0) * factor;
  const share = view.t1 > view.t0 ? (at - view.t0) / (view.t1 - view.t0) : 0.5;
  return clampWindow(at - share * Math.min(Math.max(span, MIN_SPAN_MS), domain), span, domain);
}

/** Moves `view` by `deltaMs` (positive: later), staying inside the step. */
export const panBy = (view: ViewWindow, domain: number, deltaMs: number): ViewWindow => clampWindow(view.t0 + deltaMs, view.t1 - view.t0, domain);

/** Where a step's times (ms since spawning) start on the page's clock, or null when it never got a start signal. */
export function stepOrigin(timeline: Pick<StepTimeline, 'startedAt' | 'goMs'>): number | null {
  return timeline.startedAt === null ? null : timeline.startedAt - (timeline.goMs ?? 0);
}

/** The step a replay's clock (epoch ms) is in: the latest to have started by then, else the first. */
export function stepAt<T extends Pick<StepTimeline, 'startedAt' | 'goMs'>>(timelines: readonly T[], at: number): { timeline: T; ms: number } | null {
  let found: { timeline: T; ms: number } | null = null;
  for (const timeline of timelines) {
    const origin = stepOrigin(timeline);
    if (origin === null) continue;
    if (origin <= at || found === null) found = { timeline, ms: at - origin };
    if (origin > at) break;
  }
  return found;
}

/**
 * The window drawn for a step whose axis runs to `domain`: the zoom, or the whole step; with a
 * replay (`until`, step ms), segments are cut at its clock and a zoomed window follows the clock
 * once it leaves it, the clock near its right edge.
 */
export function viewFor(domain: number, zoom: ViewWindow | null, until: number | null): TimelineView {
  const cut = until ?? Number.POSITIVE_INFINITY;
  if (!zoom) return { t0: 0, t1: domain, until: cut };
  const span = zoom.t1 - zoom.t0;
  if (until === null || (until >= zoom.t0 && until <= zoom.t1)) return { ...clampWindow(zoom.t0, span, domain), until: cut };
  return { ...clampWindow(until - span * 0.9, span, domain), until: cut };
}

/** Index of the first segment of `row` that ends after `t` (rows are in time order). */
export function firstEndingAfter(row: SegmentList, t: number): number {
  let lo = 0;
  let hi = row.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (row.end(mid) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A row's segments inside [t0, min(t1, until)), clipped and counted from t0: what a window draws. */
export function windowSegments(row: SegmentList, view: TimelineView): Segment[] {
  const end = Math.min(view.t1, view.until);
  const out: Segment[] = [];
  for (let i = firstEndingAfter(row, view.t0); i < row.length; i++) {
    const start = row.start(i);
    if (start >= end) break;
    out.push({ state: row.state(i), start: Math.max(start, view.t0) - view.t0, end: Math.min(row.end(i), end) - view.t0 });
  }
  return out;
}

/** What the pointer is over: a worker's segment. */
export interface TimelineHit {
  row: number;
  segment: Segment;
}

/** Pixels either side of the pointer that still count as over a segment (a sliver is hard to point at). */
const SLACK_PX = 3;

/**
 * The segment under (x, y), in CSS pixels of the canvas, for a timeline drawn with geometry `g`
 * (scrolled by g.top) and window `view`; the nearest within SLACK_PX when none is exactly under it; null off the bars.
 */
export function hitTest(g: TimelineGeometry, rows: readonly SegmentList[], view: TimelineView, x: number, y: number): TimelineHit | null {
  if (x < g.gutter || x > g.gutter + g.width || y < 0 || y >= g.height) return null;
  // Rows scrolled out of sight above the plot count too: y is in the canvas, which does not scroll.
  const row = Math.floor((y + g.top) / g.rowH);
  const segments = rows[row];
  if (!segments || segments.length === 0) return null;
  const t = view.t0 + (x - g.gutter) / g.pxPerMs;
  const slack = SLACK_PX / g.pxPerMs;
  if (t > view.until + slack) return null;
  let best = -1;
  let bestGap = slack;
  for (let i = firstEndingAfter(segments, t - slack); i < segments.length; i++) {
    const start = segments.start(i);
    const end = segments.end(i);
    if (start > t + slack || start >= view.until) break;
    const gap = t < start ? start - t : t > end ? t - end : 0;
    if (gap <= bestGap) {
      best = i;
      bestGap = gap;
      if (gap === 0) break;
    }
  }
  return best >= 0 ? { row, segment: { state: segments.state(best), start: segments.start(best), end: segments.end(best) } } : null;
}

/** "5.00 ms", "120 ms", "2.35 s": a duration or time at the precision a zoomed window shows. */
export function formatMs(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (abs >= 100) return `${ms.toFixed(0)} ms`;
  if (abs >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** An axis label for tick `value` (ms) at tick spacing `step`, with as many decimals as the spacing needs. */
export function tickLabel(value: number, step: number): string {
  if (step >= 1000) return `${(value / 1000).toFixed(0)} s`;
  if (step >= 100) return `${(value / 1000).toFixed(1)} s`;
  const decimals = step >= 1 ? 0 : Math.min(3, Math.ceil(-Math.log10(step) - 1e-9));
  return `${value.toFixed(decimals)} ms`;
}
