/**
 * One timeline row coalesced to pixel columns, once, as its segments arrive. Thousands of
 * segments (a 0.1 ms switch interval) fall into a few hundred columns: a column narrower than its
 * segments shows the state that filled most of it, so the picture stays true. Segments are taken
 * in as they come, in time order, so a batch costs what it brings, not what the row holds; the
 * columns it changed are reported so only they are drawn again. A new scale (the axis grew, the
 * canvas resized) builds the row again from its segments.
 */
import { DRAWN_STATES, type DrawnState } from '../store/run-archive';
import type { SegmentList } from '../store/run-archive-rows';

/** A column with no state drawn (too little of it covered). */
export const EMPTY = 255;
/** A column less covered than this stays background: a sliver must not look like a full pixel of work. */
export const MIN_COVER = 0.35;

const STATE_INDEX: Readonly<Record<DrawnState, number>> = { holding: 0, waiting: 1, io: 2, free: 3, blocked: 4, 'cpython-running': 5 };
const STATES = DRAWN_STATES.length;

/** The state drawn for a column value (see RowColumns.winners). */
export const stateAt = (index: number): DrawnState | undefined => DRAWN_STATES[index];

export class RowColumns {
  /** The state index drawn in each column, or EMPTY. The last column taken in may still change. */
  readonly winners: Uint8Array;
  /** Columns changed since the last call to takeDirty(): [from, to). */
  private dirtyFrom = Number.POSITIVE_INFINITY;
  private dirtyTo = Number.NEGATIVE_INFINITY;
  /** The column still open to more time, and how much of each state it holds so far. */
  private open = Number.NEGATIVE_INFINITY;
  private readonly tally = new Float64Array(STATES);
  /** Segments of the row taken in, and the end of the last of them then (a merge may extend it). */
  private taken = 0;
  private takenEnd = 0;

  constructor(
    readonly columns: number,
    readonly pxPerMs: number,
  ) {
    this.winners = new Uint8Array(Math.max(0, columns)).fill(EMPTY);
  }

  /**
   * Takes in what the row gained since the last call: new segments (at most `limit` of them, the
   * oldest first), and growth of the last one taken. Returns true when it has taken in the whole row.
   */
  update(row: SegmentList, limit = Number.POSITIVE_INFINITY): boolean {
    const length = row.length;
    if (this.taken > length) throw new Error('a timeline row lost segments');
    if (this.taken > 0) {
      const end = row.end(this.taken - 1);
      if (end > this.takenEnd) this.add(row.state(this.taken - 1), this.takenEnd, end);
    }
    const upTo = Math.min(length, this.taken + Math.max(0, limit));
    for (let i = this.taken; i < upTo; i++) this.add(row.state(i), row.start(i), row.end(i));
    if (upTo > this.taken) this.taken = upTo;
    this.takenEnd = this.taken > 0 ? row.end(this.taken - 1) : 0;
    // The open column shows what it holds so far.
    this.settle(false);
    return this.taken === length;
  }

  /** Segments of the row taken in so far. */
  get segmentsTaken(): number {
    return this.taken;
  }

  /**
   * Widens `band` ([from, to)) to take in the columns changed since the last call, and forgets
   * them: takeDirty without an allocation, for a painter merging every row's change each batch.
   */
  takeDirtyInto(band: Float64Array): void {
    const from = Math.max(0, this.dirtyFrom);
    const to = Math.min(this.columns, this.dirtyTo);
    this.dirtyFrom = Number.POSITIVE_INFINITY;
    this.dirtyTo = Number.NEGATIVE_INFINITY;
    if (!(to > from)) return;
    if (from < (band[0] as number)) band[0] = from;
    if (to > (band[1] as number)) band[1] = to;
  }

  /** The columns changed since the last call, or null if none. */
  takeDirty(): [number, number] | null {
    if (this.dirtyTo <= this.dirtyFrom) return null;
    const range: [number, number] = [Math.max(0, this.dirtyFrom), Math.min(this.columns, this.dirtyTo)];
    this.dirtyFrom = Number.POSITIVE_INFINITY;
    this.dirtyTo = Number.NEGATIVE_INFINITY;
    return range[1] > range[0] ? range : null;
  }

  private add(state: DrawnState, startMs: number, endMs: number): void {
    if (!(endMs > startMs)) return;
    const s = STATE_INDEX[state];
    const a = startMs * this.pxPerMs;
    const b = endMs * this.pxPerMs;
    const first = Math.floor(a);
    const last = Math.floor(b);
    if (first === last) {
      this.tallyInto(first, s, b - a);
      return;
    }
    this.tallyInto(first, s, first + 1 - a);
    this.settle(true);
    if (last > first + 1) this.fill(first + 1, last, s);
    if (b > last) this.tallyInto(last, s, b - last);
  }

  private tallyInto(column: number, state: number, amount: number): void {
    if (column !== this.open) {
      this.settle(true);
      this.open = column;
    }
    this.tally[state] = (this.tally[state] as number) + amount;
  }

  /** Writes the open column's winner; `close` ends it (no more time goes into it). */
  private settle(close: boolean): void {
    const column = this.open;
    if (!Number.isFinite(column)) return;
    let best = 0;
    let total = 0;
    for (let s = 0; s < STATES; s++) {
      const amount = this.tally[s] as number;
      total += amount;
      if (amount > (this.tally[best] as number)) best = s;
    }
    this.set(column, total >= MIN_COVER ? best : EMPTY);
    if (!close) return;
    this.tally.fill(0);
    this.open = Number.NEGATIVE_INFINITY;
  }

  private fill(from: number, to: number, state: number): void {
    const a = Math.max(0, from);
    const b = Math.min(this.columns, to);
    if (b <= a) return;
    this.winners.fill(state, a, b);
    this.dirty(a, b);
  }

  private set(column: number, value: number): void {
    if (column < 0 || column >= this.columns) return;
    if (this.winners[column] === value) return;
    this.winners[column] = value;
    this.dirty(column, column + 1);
  }

  private dirty(from: number, to: number): void {
    if (from < this.dirtyFrom) this.dirtyFrom = from;
    if (to > this.dirtyTo) this.dirtyTo = to;
  }
}

/** Runs of equal columns in [from, to): calls `run` for each drawn one (state, first column, length). */
export function eachRun(winners: Uint8Array, from: number, to: number, run: (state: DrawnState, column: number, length: number) => void): void {
  let start = from;
  while (start < to) {
    const value = winners[start] as number;
    let end = start + 1;
    while (end < to && winners[end] === value) end++;
    const state = value === EMPTY ? undefined : stateAt(value);
    if (state) run(state, start, end - start);
    start = end;
  }
}
