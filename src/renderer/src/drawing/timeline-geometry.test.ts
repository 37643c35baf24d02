import { describe, expect, it } from 'vitest';
import { tickStep } from './nice-step';
import type { StepTimeline } from '../store/run-archive';
import { SegmentRow } from '../store/run-archive-rows';
import { barBox, domainEnd, liveDomainEnd, MIN_ROW_PX, nextLiveDomainEnd, rowLayout, timelineGeometry, visibleRows } from './timeline-geometry';

const stepOf = (rows: number): StepTimeline => ({
  stepId: 'threads',
  step: 'threads',
  mode: 'threads',
  labels: [],
  rows: Array.from({ length: rows }, () => new SegmentRow()),
  segments: 0,
  blocked: false,
  end: 1000,
  goMs: null,
  startedAt: null,
});

describe('domainEnd', () => {
  it('rounds a finished step up to a whole tick, never below 100 ms', () => {
    expect(domainEnd(0)).toBeGreaterThanOrEqual(100);
    expect(domainEnd(3_100)).toBe(3_500);
    expect(domainEnd(4_100) % tickStep(4_100, 8)).toBe(0);
    expect(domainEnd(4_100)).toBeGreaterThan(4_100);
  });
});

describe('liveDomainEnd', () => {
  it('is the next of 1, 2, 3, 5 times a power of ten past the span', () => {
    expect(liveDomainEnd(0)).toBe(200);
    expect(liveDomainEnd(150)).toBe(200);
    expect(liveDomainEnd(1_900)).toBe(2_000);
    expect(liveDomainEnd(2_500)).toBe(3_000);
    expect(liveDomainEnd(4_100)).toBe(5_000);
    expect(liveDomainEnd(9_950)).toBe(20_000);
  });

  it('always leaves room past the newest segment and never shrinks as the step goes on', () => {
    let previous = 0;
    for (let end = 0; end <= 60_000; end += 37) {
      const axis = liveDomainEnd(end);
      expect(axis).toBeGreaterThan(end);
      expect(axis).toBeGreaterThanOrEqual(previous);
      previous = axis;
    }
  });

  it('changes a few times in a step where the finished axis would change at every tick', () => {
    const changes = (f: (end: number) => number): number => {
      let count = 0;
      for (let end = 0, last = f(0); end <= 20_000; end += 10) if (f(end) !== last) [count, last] = [count + 1, f(end)];
      return count;
    };
    expect(changes(liveDomainEnd)).toBeLessThanOrEqual(10);
    expect(changes(domainEnd)).toBeGreaterThan(20);
  });
});

describe('nextLiveDomainEnd', () => {
  it('is the axis the live step grows to next, whatever the end within the current one', () => {
    for (let end = 0; end <= 60_000; end += 37) {
      const axis = liveDomainEnd(end);
      const later = [...Array(400).keys()].map((k) => liveDomainEnd(end + k * 5)).find((a) => a !== axis);
      if (later !== undefined) expect(later).toBe(nextLiveDomainEnd(axis));
    }
    expect([200, 300, 500, 1_000, 2_000].map(nextLiveDomainEnd)).toEqual([300, 500, 1_000, 2_000, 3_000]);
  });
});

describe('rows', () => {
  // 330 px of canvas: 300 px of rows above a 30 px axis.
  const size = { width: 1200, height: 330 };

  it('fill the plot while they are readable, as before: 2 to 16 rows never scroll', () => {
    for (let rows = 1; rows <= 16; rows++) expect(rowLayout(size, rows, 1)).toEqual({ height: 300, rowH: 300 / rows, content: 300, scrolls: false });
  });

  it('keep the least readable height past that, and scroll; presentation mode keeps its larger type', () => {
    expect(rowLayout(size, 64, 1)).toEqual({ height: 300, rowH: MIN_ROW_PX, content: 64 * MIN_ROW_PX, scrolls: true });
    const presented = rowLayout({ width: 1200, height: 339 }, 64, 1.3);
    expect(presented.rowH).toBe(Math.round(MIN_ROW_PX * 1.3));
    expect(presented.scrolls).toBe(true);
  });

  it('are all squeezed in for a slide', () => {
    expect(rowLayout(size, 64, 1, true)).toEqual({ height: 300, rowH: 300 / 64, content: 300, scrolls: false });
  });

  it('scrolled: only those in sight are drawn, bars cut at the plot, the offset clamped to the last row', () => {
    const g = timelineGeometry(size, stepOf(64), 1, false, null, { top: 100, fitAll: false });
    if (!g) throw new Error('no geometry');
    expect(g.top).toBe(100);
    // Rows 5 (from 90 px) to 22 (to 414 px) are partly in sight of 100..400.
    expect(visibleRows(g)).toEqual([5, 23]);
    const [top, bottom] = barBox(g, 5, 1);
    expect(top).toBe(0);
    expect(bottom).toBeGreaterThan(0);
    expect(barBox(g, 4, 1)).toEqual([0, 0]);
    expect(barBox(g, 22, 1)[1]).toBe(300);
    expect(timelineGeometry(size, stepOf(64), 1, false, null, { top: 1e6, fitAll: false })?.top).toBe(64 * MIN_ROW_PX - 300);
    // Room for the scroll bar: the plot is narrower than without it.
    expect(g.width).toBeLessThan((timelineGeometry(size, stepOf(8), 1) as { width: number }).width);
  });

  it('not scrolled: every row is in sight and laid out as before', () => {
    const g = timelineGeometry(size, stepOf(4), 1);
    if (!g) throw new Error('no geometry');
    expect(visibleRows(g)).toEqual([0, 4]);
    expect(g.rowH).toBe(75);
    expect(g.barH).toBe(75 * 0.72);
    expect(barBox(g, 1, 2)).toEqual([75 + 10.5, 75 + 10.5 + 54]);
  });
});
