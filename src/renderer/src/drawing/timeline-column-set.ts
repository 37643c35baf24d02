/**
 * Every row of a step in pixel columns (timeline-columns.ts) at the scale drawn and, while the
 * step runs, at the scale its axis grows to next. A longer axis used to mean columns built again
 * from every segment the step had: a cost that grew with the run (2 ms at 20,000 segments, more
 * with each minute). The next axis is known in advance (nextLiveDomainEnd), so its columns are
 * built ahead: each update they take in what arrived and a share of the history, a few times what
 * arrived, oldest first. History takes a third or less of an axis's life to catch up on (the axis
 * grows by 1.5 to 2 times, so each lasts at least half as long as the history before it), and the
 * growth then swaps the sets. Each update costs what arrived, whatever the run's history.
 */
import type { SegmentList } from '../store/run-archive-rows';
import { RowColumns } from './timeline-columns';

/** Segments of history the set built ahead takes in per update: this many times what arrived... */
const AHEAD_FACTOR = 4;
/** ...and at least this many per row (an update that brings only longer segments brings none). */
const AHEAD_FLOOR = 64;

export class ColumnSet {
  /** The columns of the scale built ahead, and that scale; null when none is being built. */
  private ahead: { pxPerMs: number; rows: RowColumns[] } | null = null;
  /** Each row's length at the last update: what arrived since is the difference. */
  private readonly seen: Uint32Array;

  private constructor(
    readonly columns: number,
    readonly pxPerMs: number,
    readonly rows: RowColumns[],
    segments: readonly SegmentList[],
  ) {
    this.seen = Uint32Array.from(segments, (row) => row.length);
  }

  /** Columns of `rows` at `pxPerMs`, built from all their segments (nothing left to draw as changed). */
  static build(rows: readonly SegmentList[], columns: number, pxPerMs: number): ColumnSet {
    const built = rows.map((segments) => {
      const row = new RowColumns(columns, pxPerMs);
      row.update(segments);
      row.takeDirty();
      return row;
    });
    return new ColumnSet(columns, pxPerMs, built, rows);
  }

  /** True when this set is of `rows` (as many) at this scale. */
  fits(rows: readonly SegmentList[], columns: number, pxPerMs: number): boolean {
    return this.columns === columns && this.pxPerMs === pxPerMs && this.rows.length === rows.length;
  }

  /** Takes in what the rows gained: into the columns drawn, and, with a share of history, into those built ahead. */
  update(rows: readonly SegmentList[]): void {
    const ahead = this.ahead?.rows;
    for (let i = 0; i < this.rows.length; i++) {
      const segments = rows[i];
      if (!segments) continue;
      (this.rows[i] as RowColumns).update(segments);
      const arrived = segments.length - (this.seen[i] as number);
      this.seen[i] = segments.length;
      if (ahead) (ahead[i] as RowColumns).update(segments, AHEAD_FLOOR + AHEAD_FACTOR * Math.max(0, arrived));
    }
  }

  /** Starts building the columns at `pxPerMs` (the next axis), from the oldest segments up. */
  buildAhead(pxPerMs: number): void {
    if (this.ahead?.pxPerMs === pxPerMs || pxPerMs === this.pxPerMs) return;
    this.ahead = { pxPerMs, rows: this.rows.map(() => new RowColumns(this.columns, pxPerMs)) };
  }

  /** Segments of history the set built ahead has still to take in (0 when none is built). */
  aheadBehind(rows: readonly SegmentList[]): number {
    return this.ahead ? this.ahead.rows.reduce((sum, row, i) => sum + (rows[i]?.length ?? 0) - row.segmentsTaken, 0) : 0;
  }

  /**
   * The set at `pxPerMs` made from the one built ahead, which takes in what it has not yet (nothing,
   * mostly); null when none was built for that scale (a resize, an axis that jumped two steps).
   */
  rescaled(rows: readonly SegmentList[], columns: number, pxPerMs: number): ColumnSet | null {
    const ahead = this.ahead;
    if (!ahead || ahead.pxPerMs !== pxPerMs || columns !== this.columns || rows.length !== ahead.rows.length) return null;
    ahead.rows.forEach((row, i) => {
      row.update(rows[i] as SegmentList);
      row.takeDirty();
    });
    return new ColumnSet(columns, pxPerMs, ahead.rows, rows);
  }
}
