import { describe, expect, it } from 'vitest';
import type { Segment } from './run-archive';
import { listOf, SegmentRow } from './run-archive-rows';

describe('SegmentRow', () => {
  it('keeps every segment as pushed, past several doublings of its arrays, and extends only the last', () => {
    const states = ['holding', 'waiting', 'io', 'free', 'blocked', 'cpython-running'] as const;
    const expected: Segment[] = [];
    const row = new SegmentRow();
    for (let i = 0; i < 1000; i++) {
      const segment: Segment = { state: states[i % states.length]!, start: i * 1.25, end: i * 1.25 + 0.5 };
      expected.push(segment);
      row.push(segment.state, segment.start, segment.end);
    }
    row.extendLast(2000.75);
    expected[expected.length - 1] = { ...expected[expected.length - 1]!, end: 2000.75 };
    expect(row.length).toBe(1000);
    expect(row.toArray()).toEqual(expected);
    expect(row.at(6)).toEqual({ state: 'holding', start: 7.5, end: 8 });
    expect(SegmentRow.of(expected).toArray()).toEqual(expected);
  });

  it('changes nothing when a copy it gave is changed, and extends nothing when empty', () => {
    const row = SegmentRow.of([{ state: 'io', start: 1, end: 2 }]);
    const copy = row.at(0);
    copy.end = 99;
    expect(row.end(0)).toBe(2);
    const empty = new SegmentRow();
    empty.extendLast(5);
    expect(empty.length).toBe(0);
  });

  it('reads an array live through listOf', () => {
    const segments: Segment[] = [{ state: 'holding', start: 0, end: 1 }];
    const list = listOf(segments);
    segments.push({ state: 'waiting', start: 1, end: 3 });
    expect(list.length).toBe(2);
    expect([list.state(1), list.start(1), list.end(1)]).toEqual(['waiting', 1, 3]);
  });
});
