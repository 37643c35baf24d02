import { describe, expect, it } from 'vitest';
import type { Segment } from '../store/run-archive';
import { listOf } from '../store/run-archive-rows';
import type { TimelineGeometry } from './timeline-geometry';
import { formatMs, hitTest, MIN_SPAN_MS, panBy, stepAt, tickLabel, viewFor, windowSegments, zoomAround, type TimelineView } from './timeline-view';

const row: Segment[] = [
  { state: 'waiting', start: 0, end: 5 },
  { state: 'holding', start: 5, end: 10 },
  { state: 'waiting', start: 10.2, end: 40 },
];
const other: Segment[] = [{ state: 'holding', start: 0, end: 5 }];
/** 100 ms over 1000 px after a 150 px gutter, two rows of 50 px. */
const g: TimelineGeometry = { gutter: 150, axis: 30, width: 1000, height: 100, rows: 2, rowH: 50, barH: 36, top: 0, content: 100, end: 100, step: 10, pxPerMs: 10, columns: 1001, t0: 0 };
const whole: TimelineView = { t0: 0, t1: 100, until: Number.POSITIVE_INFINITY };

describe('hitTest', () => {
  it('finds the worker and the segment under the pointer', () => {
    expect(hitTest(g, [listOf(row), listOf(other)], whole, 150 + 70, 10)).toEqual({ row: 0, segment: row[1] });
    expect(hitTest(g, [listOf(row), listOf(other)], whole, 150 + 20, 60)).toEqual({ row: 1, segment: other[0] });
  });

  it('takes the nearest segment within a few pixels of a gap, and nothing past them', () => {
    // 10.1 ms is in the 0.2 ms gap between two segments.
    expect(hitTest(g, [listOf(row), listOf(other)], whole, 150 + 101, 10)?.segment).toBeDefined();
    expect(hitTest(g, [listOf(row), listOf(other)], whole, 150 + 90, 60)).toBeNull();
  });

  it('is null off the bars: in the gutter, below the rows, past a replay clock', () => {
    expect(hitTest(g, [listOf(row), listOf(other)], whole, 100, 10)).toBeNull();
    expect(hitTest(g, [listOf(row), listOf(other)], whole, 300, 120)).toBeNull();
    expect(hitTest(g, [listOf(row), listOf(other)], { ...whole, until: 8 }, 150 + 300, 10)).toBeNull();
  });

  it('counts the rows scrolled out of sight above the plot', () => {
    const rows = [listOf(row), listOf(other), listOf(other), listOf(row)];
    const scrolled = { ...g, rows: 4, content: 200, top: 100 };
    // y = 10 is 110 px down the rows: the third row (other) at 2 ms, the fourth (row) at 7 ms.
    expect(hitTest(scrolled, rows, whole, 150 + 20, 10)).toEqual({ row: 2, segment: other[0] });
    expect(hitTest(scrolled, rows, whole, 150 + 70, 60)).toEqual({ row: 3, segment: row[1] });
  });

  it('reads times through a zoomed window', () => {
    // 2 ms over 1000 px from 4 ms: x = 150 + 750 is 5.5 ms.
    const zoomed = { ...g, pxPerMs: 500, end: 2, t0: 4 };
    expect(hitTest(zoomed, [listOf(row), listOf(other)], { t0: 4, t1: 6, until: Infinity }, 150 + 750, 10)?.segment).toEqual(row[1]);
    expect(hitTest(zoomed, [listOf(row), listOf(other)], { t0: 4, t1: 6, until: Infinity }, 150 + 250, 10)?.segment).toEqual(row[0]);
  });
});

describe('zoom and pan', () => {
  it('zooms around the pointer, keeping the time under it in place', () => {
    const next = zoomAround({ t0: 0, t1: 100 }, 100, 40, 0.5);
    expect(next.t1 - next.t0).toBeCloseTo(50);
    expect((40 - next.t0) / (next.t1 - next.t0)).toBeCloseTo(0.4);
  });

  it('stops at a few milliseconds and at the whole step', () => {
    let view = { t0: 0, t1: 100 };
    for (let i = 0; i < 50; i++) view = zoomAround(view, 100, 50, 0.5);
    expect(view.t1 - view.t0).toBeCloseTo(MIN_SPAN_MS);
    expect(zoomAround(view, 100, 50, 1e6)).toEqual({ t0: 0, t1: 100 });
  });

  it('pans inside the step only', () => {
    expect(panBy({ t0: 10, t1: 30 }, 100, 5)).toEqual({ t0: 15, t1: 35 });
    expect(panBy({ t0: 10, t1: 30 }, 100, -50)).toEqual({ t0: 0, t1: 20 });
    expect(panBy({ t0: 10, t1: 30 }, 100, 500)).toEqual({ t0: 80, t1: 100 });
  });
});

describe('replay view', () => {
  it('cuts the whole step at the clock, and a zoom follows the clock once it leaves the window', () => {
    expect(viewFor(100, null, 30)).toEqual({ t0: 0, t1: 100, until: 30 });
    expect(viewFor(100, { t0: 20, t1: 40 }, 30)).toEqual({ t0: 20, t1: 40, until: 30 });
    const followed = viewFor(100, { t0: 20, t1: 40 }, 70);
    expect(followed.t1 - followed.t0).toBeCloseTo(20);
    expect(followed.t0).toBeLessThan(70);
    expect(followed.t1).toBeGreaterThan(70);
  });

  it('finds the step a clock is in from the steps’ start signals', () => {
    const steps = [
      { id: 'a', startedAt: 1000, goMs: 100 },
      { id: 'b', startedAt: 3000, goMs: 50 },
    ];
    expect(stepAt(steps, 1500)).toEqual({ timeline: steps[0], ms: 600 });
    expect(stepAt(steps, 3000)).toEqual({ timeline: steps[1], ms: 50 });
    // Before the first step: the first, at a negative time (nothing drawn yet).
    expect(stepAt(steps, 800)?.timeline).toBe(steps[0]);
    expect(stepAt([{ startedAt: null, goMs: null }], 5)).toBeNull();
  });

  it('clips a row to the window and the clock, counted from the window start', () => {
    expect(windowSegments(listOf(row), { t0: 4, t1: 12, until: 11 })).toEqual([
      { state: 'waiting', start: 0, end: 1 },
      { state: 'holding', start: 1, end: 6 },
      { state: 'waiting', start: 6.199999999999999, end: 7 },
    ]);
    expect(windowSegments(listOf(row), { t0: 50, t1: 60, until: Infinity })).toEqual([]);
  });
});

describe('labels', () => {
  it('shows as many decimals as a zoomed axis needs', () => {
    expect(tickLabel(2000, 1000)).toBe('2 s');
    expect(tickLabel(500, 100)).toBe('0.5 s');
    expect(tickLabel(12, 2)).toBe('12 ms');
    expect(tickLabel(12.5, 0.5)).toBe('12.5 ms');
    expect(tickLabel(12.25, 0.05)).toBe('12.25 ms');
    expect(formatMs(5)).toBe('5.00 ms');
    expect(formatMs(2350)).toBe('2.35 s');
  });
});
