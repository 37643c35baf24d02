/**
 * Lock timelines of the current (or last) run, one per mode, kept outside React: a fast switch
 * interval produces thousands of segments, and only the canvas needs to see each of them.
 * Adjacent segments of one worker in the same state are merged as they arrive.
 */
import type { Mode } from '../../../shared/experiments';
import type { WorkerState } from '../../../shared/gil-layout';
import type { TimelineSegment } from '../../../shared/results';

/** States drawn on the timeline; idle and done are the empty background. */
export const DRAWN_STATES = ['holding', 'waiting', 'io', 'free'] as const satisfies readonly WorkerState[];
/** A state that has a colour on the timeline. */
export type DrawnState = (typeof DRAWN_STATES)[number];

/** One worker's stretch in a drawn state (ms since its mode's workers were spawned). */
export interface Segment {
  state: DrawnState;
  start: number;
  end: number;
}

/** Everything drawn for one mode of a run. */
export interface ModeTimeline {
  mode: Mode;
  rows: Segment[][];
  segments: number;
  /** Latest end time seen, so the axis can grow while the mode runs. */
  end: number;
}

/** Gaps shorter than this (ms) between two same-state segments are rounding, not a change. */
const MERGE_GAP_MS = 0.01;

const isDrawn = (state: WorkerState): state is DrawnState => (DRAWN_STATES as readonly string[]).includes(state);

/** The timelines of one run at a time; starting a new run forgets the previous one. */
export class TimelineStore {
  runId: string | null = null;
  modes: Mode[] = [];
  private timelines = new Map<Mode, ModeTimeline>();
  private listeners = new Set<() => void>();
  version = 0;

  beginRun(runId: string, modes: readonly Mode[]): void {
    this.runId = runId;
    this.modes = [...modes];
    this.timelines.clear();
    this.changed();
  }

  beginMode(runId: string, mode: Mode, workers: number): void {
    if (runId !== this.runId) return;
    this.timelines.set(mode, { mode, rows: Array.from({ length: workers }, () => []), segments: 0, end: 0 });
    this.changed();
  }

  append(runId: string, mode: Mode, segments: readonly TimelineSegment[]): void {
    if (runId !== this.runId) return;
    let timeline = this.timelines.get(mode);
    if (!timeline) {
      timeline = { mode, rows: [], segments: 0, end: 0 };
      this.timelines.set(mode, timeline);
    }
    for (const s of segments) {
      if (!isDrawn(s.state) || !(s.end > s.start) || s.worker < 0 || s.worker > 4096) continue;
      while (timeline.rows.length <= s.worker) timeline.rows.push([]);
      const row = timeline.rows[s.worker] as Segment[];
      const last = row[row.length - 1];
      if (last && last.state === s.state && s.start <= last.end + MERGE_GAP_MS && s.start >= last.start) {
        last.end = Math.max(last.end, s.end);
      } else {
        row.push({ state: s.state, start: s.start, end: s.end });
        timeline.segments++;
      }
      if (s.end > timeline.end) timeline.end = s.end;
    }
    this.changed();
  }

  get(mode: Mode): ModeTimeline | undefined {
    return this.timelines.get(mode);
  }

  /** Modes that have a timeline, in the order the run runs them. */
  available(): Mode[] {
    return this.modes.filter((m) => this.timelines.has(m));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
