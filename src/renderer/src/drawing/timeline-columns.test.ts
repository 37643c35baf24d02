import { describe, expect, it } from 'vitest';
import { DRAWN_STATES, type DrawnState, type Segment } from '../store/run-archive';
import { listOf, SegmentRow } from '../store/run-archive-rows';
import { EMPTY, eachRun, MIN_COVER, RowColumns, stateAt } from './timeline-columns';

/**
 * The columns as the timeline drew them before it kept them (every segment, every frame), with
 * its tally fixed: it zeroed each state while still comparing against the best so far, so the
 * last state with any time in a column won it, not the one that filled most of it.
 */
function reference(segments: readonly Segment[], pxPerMs: number, columns: number): (DrawnState | null)[] {
  const out: (DrawnState | null)[] = new Array(columns).fill(null);
  const tally: Record<DrawnState, number> = { holding: 0, waiting: 0, io: 0, free: 0, blocked: 0, 'cpython-running': 0 };
  let column = Number.NEGATIVE_INFINITY;
  const put = (c: number, state: DrawnState | null): void => {
    if (c >= 0 && c < columns) out[c] = state;
  };
  const flush = (): void => {
    if (!Number.isFinite(column)) return;
    let best: DrawnState | null = null;
    let total = 0;
    for (const state of DRAWN_STATES) {
      total += tally[state];
      if (best === null || tally[state] > tally[best]) best = state;
    }
    for (const state of DRAWN_STATES) tally[state] = 0;
    put(column, best !== null && total >= MIN_COVER ? best : null);
    column = Number.NEGATIVE_INFINITY;
  };
  const add = (c: number, state: DrawnState, amount: number): void => {
    if (c !== column) {
      flush();
      column = c;
    }
    tally[state] += amount;
  };
  for (const segment of segments) {
    const a = segment.start * pxPerMs;
    const b = segment.end * pxPerMs;
    const first = Math.floor(a);
    const last = Math.floor(b);
    if (first === last) {
      add(first, segment.state, b - a);
      continue;
    }
    add(first, segment.state, first + 1 - a);
    flush();
    for (let c = first + 1; c < last; c++) put(c, segment.state);
    if (b > last) add(last, segment.state, b - last);
  }
  flush();
  return out;
}

const drawn = (row: RowColumns): (DrawnState | null)[] => Array.from(row.winners, (w) => (w === EMPTY ? null : (stateAt(w) ?? null)));

/** A random row as the engine sends it: back to back, often shorter than a pixel. */
function randomRow(seed: number, count: number): Segment[] {
  let x = seed;
  const random = (): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const row: Segment[] = [];
  let t = random() * 3;
  for (let i = 0; i < count; i++) {
    const length = random() < 0.7 ? random() * 2 : random() * 40;
    const gap = random() < 0.2 ? random() * 3 : 0;
    row.push({ state: DRAWN_STATES[Math.floor(random() * DRAWN_STATES.length)] as DrawnState, start: t + gap, end: t + gap + length });
    t += gap + length;
  }
  return row;
}

describe('RowColumns', () => {
  it('matches drawing every segment at once', () => {
    for (let seed = 1; seed < 20; seed++) {
      const row = randomRow(seed, 400);
      const pxPerMs = 0.2 + seed * 0.13;
      const columns = Math.ceil((row[row.length - 1] as Segment).end * pxPerMs) + 2;
      const columnsOf = new RowColumns(columns, pxPerMs);
      columnsOf.update(listOf(row));
      expect(drawn(columnsOf)).toEqual(reference(row, pxPerMs, columns));
    }
  });

  it('takes segments in batches, and merged growth of the last one, to the same picture', () => {
    for (let seed = 1; seed < 20; seed++) {
      const full = randomRow(seed, 300);
      const pxPerMs = 0.5 + seed * 0.07;
      const columns = Math.ceil((full[full.length - 1] as Segment).end * pxPerMs) + 2;
      const incremental = new RowColumns(columns, pxPerMs);
      // The archive's row as it grows: appended segments, and the last one extended in place.
      const row = new SegmentRow();
      let i = 0;
      while (i < full.length) {
        const batch = 1 + ((i * 7 + seed) % 23);
        for (const segment of full.slice(i, i + batch)) {
          const last = row.length - 1;
          if (last >= 0 && row.state(last) === segment.state && segment.start === row.end(last)) row.extendLast(segment.end);
          else row.push(segment.state, segment.start, segment.end);
        }
        i += batch;
        incremental.update(row);
        const dirty = incremental.takeDirty();
        if (dirty) expect(dirty[0]).toBeLessThan(dirty[1]);
      }
      expect(drawn(incremental)).toEqual(reference(row.toArray(), pxPerMs, columns));
    }
  });

  it('reports only the columns a batch changed', () => {
    const row: Segment[] = [{ state: 'holding', start: 0, end: 10 }];
    const columns = new RowColumns(100, 1);
    const list = listOf(row);
    columns.update(list);
    expect(columns.takeDirty()).toEqual([0, 10]);
    row.push({ state: 'waiting', start: 10, end: 20.5 });
    columns.update(list);
    expect(columns.takeDirty()).toEqual([10, 21]);
    columns.update(list);
    expect(columns.takeDirty()).toBeNull();
    row[1] = { ...(row[1] as Segment), end: 30 };
    columns.update(list);
    // Column 20 already showed waiting; only the columns the growth filled are new.
    expect(columns.takeDirty()).toEqual([21, 30]);
  });

  it('merges the changed columns of several rows into one band, clamped to the row, and forgets them', () => {
    const band = new Float64Array([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    const a = new RowColumns(50, 1);
    const b = new RowColumns(50, 1);
    a.update(SegmentRow.of([{ state: 'holding', start: 5, end: 12 }]));
    b.update(SegmentRow.of([{ state: 'waiting', start: 30, end: 80 }]));
    a.takeDirtyInto(band);
    b.takeDirtyInto(band);
    expect([...band]).toEqual([5, 50]);
    // Nothing new: the band stays as it was.
    band.set([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    a.takeDirtyInto(band);
    b.takeDirtyInto(band);
    expect(band[1]).toBeLessThan(band[0] as number);
  });

  it('gives runs of equal columns', () => {
    const winners = new Uint8Array([0, 0, EMPTY, 1, 1, 1, 0]);
    const runs: [DrawnState, number, number][] = [];
    eachRun(winners, 0, winners.length, (state, column, length) => runs.push([state, column, length]));
    expect(runs).toEqual([
      ['holding', 0, 2],
      ['waiting', 3, 3],
      ['holding', 6, 1],
    ]);
  });
});
