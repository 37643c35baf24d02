import { describe, expect, it } from 'vitest';
import { DRAWN_STATES, RunArchive, type DrawnState, type StepTimeline } from '../store/run-archive';
import type { TimelineSegment } from '../../../shared/results';
import { ColumnSet } from './timeline-column-set';
import { liveDomainEnd, nextLiveDomainEnd } from './timeline-geometry';

const STEP = { id: 'threads', label: 'threads' };

/** A deterministic stream of numbers in [0, 1). */
function randoms(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

/**
 * A live step in the archive fed `batches` batches of `rows` workers taking turns, each batch
 * `batchMs` long. `quantum` rounds every time (1/8 ms: the column tallies then add up exactly
 * however a segment is split, so a merge across two batches cannot move a tie).
 */
function liveStep(seed: number, rows: number, quantum: number | null): { archive: RunArchive; timeline: () => StepTimeline; batch: (ms: number) => void } {
  const archive = new RunArchive();
  archive.beginRun('r', 'scaling', [STEP], 0);
  archive.beginStep('r', STEP, 'threads', rows, [], 0, 0);
  const random = randoms(seed);
  const round = (t: number): number => (quantum === null ? t : Math.round(t / quantum) * quantum);
  const clock = new Array<number>(rows).fill(0);
  const batch = (ms: number): void => {
    const until = Math.max(...clock) + ms;
    const segments: TimelineSegment[] = [];
    for (let worker = 0; worker < rows; worker++) {
      let t = clock[worker] as number;
      while (t < until) {
        const length = round(random() < 0.7 ? random() * 3 + 0.05 : random() * 40 + 0.05);
        const state = DRAWN_STATES[Math.floor(random() * 3)] as DrawnState;
        const start = random() < 0.15 ? round(t + random() * 2) : t;
        const end = Math.min(round(until), start + Math.max(length, quantum ?? 0.05));
        if (end > start) segments.push({ worker, state, start, end });
        t = Math.max(end, start + (quantum ?? 0.05));
      }
      clock[worker] = t;
    }
    archive.append('r', STEP, 'threads', segments);
  };
  return { archive, timeline: () => archive.find('r', 'threads') as StepTimeline, batch };
}

const winners = (set: ColumnSet): number[][] => set.rows.map((row) => Array.from(row.winners));

describe('ColumnSet', () => {
  it('swaps in, when the live axis grows, the very columns a build from every segment gives', () => {
    for (const [seed, quantum] of [
      [1, 0.125],
      [2, 0.125],
      [3, null],
    ] as const) {
      const { timeline, batch } = liveStep(seed, 6, quantum);
      // 3000 px: 15 px per ms on a 200 ms axis, then 10, 6, 3 and 1.5: exact products of exact times.
      const width = 3000;
      const columns = width + 1;
      batch(60);
      let axis = liveDomainEnd(timeline().end);
      let set = ColumnSet.build(timeline().rows, columns, width / axis);
      let grown = 0;
      while (grown < 4) {
        set.buildAhead(width / nextLiveDomainEnd(axis));
        batch(7);
        const next = liveDomainEnd(timeline().end);
        if (next === axis) {
          set.update(timeline().rows);
          continue;
        }
        expect(next).toBe(nextLiveDomainEnd(axis));
        const swapped = set.rescaled(timeline().rows, columns, width / next);
        expect(swapped).not.toBeNull();
        set = swapped as ColumnSet;
        axis = next;
        grown++;
        // Random floats split across batches may differ in the last bit of a tally: only exact times must match exactly.
        if (quantum !== null) expect(winners(set)).toEqual(winners(ColumnSet.build(timeline().rows, columns, width / next)));
      }
    }
  });

  it('matches a build exactly when no segment grows after it is taken in', () => {
    const { timeline, batch } = liveStep(7, 4, null);
    for (let i = 0; i < 40; i++) batch(5);
    const rows = timeline().rows;
    const set = ColumnSet.build(rows, 901, 900 / 300);
    set.buildAhead(900 / 500);
    // Nothing arrives: the history is taken in at the floor's pace.
    while (set.aheadBehind(rows) > 0) set.update(rows);
    expect(winners(set.rescaled(rows, 901, 900 / 500) as ColumnSet)).toEqual(winners(ColumnSet.build(rows, 901, 900 / 500)));
  });

  it('takes in a few times what arrived per update, whatever the history, and catches up before the axis can grow', () => {
    const { timeline, batch } = liveStep(11, 8, 0.125);
    // Two minutes of history in updates of 2 s (hundreds of segments per row each, well past the floor).
    const every = 2000;
    for (let i = 0; i < 60; i++) batch(every);
    const axis = liveDomainEnd(timeline().end);
    const history = timeline().segments;
    const startEnd = timeline().end;
    const set = ColumnSet.build(timeline().rows, 1001, 1000 / axis);
    set.buildAhead(1000 / nextLiveDomainEnd(axis));
    let behind = set.aheadBehind(timeline().rows);
    expect(behind).toBe(history);
    let updates = 0;
    let most = 0;
    while (behind > 0 && updates < 1000) {
      const before = timeline().segments;
      batch(every);
      const arrived = timeline().segments - before;
      most = Math.max(most, arrived);
      set.update(timeline().rows);
      const now = set.aheadBehind(timeline().rows);
      // Segments taken in this update (history caught up on, and what arrived): bounded by what arrived, not by the history.
      expect(behind - now + arrived).toBeLessThanOrEqual(8 * 64 + 5 * arrived);
      behind = now;
      updates++;
    }
    expect(most).toBeGreaterThan(8 * 64);
    // Before the live axis grows (the step reaching it, less the 1 % it keeps free) the columns for the next one are ready.
    expect(updates).toBeLessThanOrEqual(Math.floor((axis / 1.01 - startEnd) / every));
  });

  it('has nothing for a scale it was not building (a resize, an axis that jumped two steps)', () => {
    const { timeline, batch } = liveStep(5, 3, 0.125);
    batch(50);
    const set = ColumnSet.build(timeline().rows, 601, 600 / 200);
    expect(set.rescaled(timeline().rows, 601, 600 / 300)).toBeNull();
    set.buildAhead(600 / 300);
    expect(set.rescaled(timeline().rows, 601, 600 / 500)).toBeNull();
    expect(set.rescaled(timeline().rows, 701, 600 / 300)).toBeNull();
    expect(set.rescaled(timeline().rows, 601, 600 / 300)).not.toBeNull();
  });
});
