/**
 * One timeline row's segments in columns of typed arrays instead of an object per segment: a long
 * run at a short switch interval keeps hundreds of thousands of them, and as objects (each with two
 * boxed doubles) they were most of what the page's heap grew by while a run went, which is what
 * made V8's major collections come back, longer each time. Here a segment costs 17 bytes and
 * nothing for the collector to trace; the arrays double when full, so appending stays O(1).
 */
import { DRAWN_STATES, type DrawnState, type Segment } from './run-archive';

/** Segments read by index: a row of the archive, or an array through listOf. */
export interface SegmentList {
  readonly length: number;
  state(i: number): DrawnState;
  start(i: number): number;
  end(i: number): number;
}

const STATE_INDEX: Readonly<Record<DrawnState, number>> = { holding: 0, waiting: 1, io: 2, free: 3, blocked: 4, 'cpython-running': 5 };
const FIRST_CAPACITY = 16;

export class SegmentRow implements SegmentList {
  private states = new Uint8Array(0);
  private starts = new Float64Array(0);
  private ends = new Float64Array(0);
  length = 0;

  /** A row holding these segments (tests, imports). */
  static of(segments: readonly Segment[]): SegmentRow {
    const row = new SegmentRow();
    for (const s of segments) row.push(s.state, s.start, s.end);
    return row;
  }

  push(state: DrawnState, start: number, end: number): void {
    if (this.length === this.starts.length) this.grow();
    const i = this.length++;
    this.states[i] = STATE_INDEX[state];
    this.starts[i] = start;
    this.ends[i] = end;
  }

  /** Moves the last segment's end (a merge with what arrived after it). */
  extendLast(end: number): void {
    if (this.length > 0) this.ends[this.length - 1] = end;
  }

  state(i: number): DrawnState {
    return DRAWN_STATES[this.states[i] as number] as DrawnState;
  }

  start(i: number): number {
    return this.starts[i] as number;
  }

  end(i: number): number {
    return this.ends[i] as number;
  }

  /** Segment i as an object (a copy: changing it changes nothing here). */
  at(i: number): Segment {
    return { state: this.state(i), start: this.start(i), end: this.end(i) };
  }

  /** Every segment as objects, for readers that want them (exports, tests); allocates. */
  toArray(): Segment[] {
    const out: Segment[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i));
    return out;
  }

  private grow(): void {
    const capacity = Math.max(FIRST_CAPACITY, this.starts.length * 2);
    const states = new Uint8Array(capacity);
    const starts = new Float64Array(capacity);
    const ends = new Float64Array(capacity);
    states.set(this.states);
    starts.set(this.starts);
    ends.set(this.ends);
    this.states = states;
    this.starts = starts;
    this.ends = ends;
  }
}

/** An array of segments read as a SegmentList, live (it sees later pushes and replacements). */
export function listOf(segments: readonly Segment[]): SegmentList {
  return {
    get length() {
      return segments.length;
    },
    state: (i) => (segments[i] as Segment).state,
    start: (i) => (segments[i] as Segment).start,
    end: (i) => (segments[i] as Segment).end,
  };
}
