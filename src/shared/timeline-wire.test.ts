import { describe, expect, it } from 'vitest';
import type { RunEvent, TimelineSegment } from './results';
import { fromWire, toWire, unpackSegments, WIRE_STATES, WIRE_STRIDE, type TimelineWire } from './timeline-wire';

const segments: TimelineSegment[] = [
  { worker: 0, state: 'holding', start: 0, end: 5.000000000000001 },
  { worker: 3, state: 'waiting', start: 1234.5678901234, end: 1240.1 },
  { worker: 7, state: 'blocked', start: 2, end: 3 },
  { worker: 1, state: 'cpython-running', start: 0.0005, end: 0.5005 },
];
const batch: RunEvent = { type: 'timeline', runId: 'r', stepId: 'cpython:threads', step: 'threads · CPython', mode: 'threads', segments };

describe('timeline batches on the bridge', () => {
  it('pack to four numbers a segment and come back exactly as sent, through JSON', () => {
    const wire = toWire(batch) as TimelineWire;
    expect(wire).not.toHaveProperty('segments');
    expect(wire.packed).toHaveLength(segments.length * WIRE_STRIDE);
    expect(fromWire(JSON.parse(JSON.stringify(wire)))).toEqual(batch);
    // A third of the text or less: what the page reads is what it pays for.
    expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(batch).length * 0.75);
  });

  it('give every state a code of its own', () => {
    for (const state of WIRE_STATES) {
      const one: RunEvent = { ...batch, segments: [{ worker: 0, state, start: 1, end: 2 }] };
      expect(fromWire(toWire(one))).toEqual(one);
    }
  });

  it('leave other events as they are', () => {
    const started: RunEvent = { type: 'run-cancelled', runId: 'r' };
    expect(toWire(started)).toBe(started);
    expect(fromWire(started)).toBe(started);
  });

  it('refuse a packed batch whole when any part is off', () => {
    const good = (toWire(batch) as TimelineWire).packed;
    const bad: unknown[] = [
      'not an array',
      good.slice(0, 5),
      [1.5, 1, 0, 1],
      [-1, 1, 0, 1],
      [5000, 1, 0, 1],
      [1, WIRE_STATES.length, 0, 1],
      [1, 0.5, 0, 1],
      [1, 1, '0', 1],
      [1, 1, 0, null],
      [...good, 1, 1, 0, Number.POSITIVE_INFINITY],
    ];
    for (const packed of bad) expect(unpackSegments(packed), JSON.stringify(packed)).toBeNull();
    expect(unpackSegments(good)).toEqual(segments);
    expect(fromWire({ type: 'run-cancelled', runId: 'r', packed: good })).toBeNull();
    expect(fromWire({ ...(toWire(batch) as TimelineWire), packed: [1, 1, 0] })).toBeNull();
  });
});
