/**
 * What each recent run left to look at again: the lock timeline of every step and the per-core
 * samples recorded while it ran. Kept outside React: a fast switch interval produces thousands of
 * segments, and only the canvases need to see each of them. Adjacent segments of one worker in the
 * same state are merged as they arrive, and memory is capped (runs, segments, samples).
 */
import type { Mode } from '../../../shared/experiments';
import type { WorkerState } from '../../../shared/gil-layout';
import type { CoreSample, RunEvent, StepName, TimelineSegment } from '../../../shared/results';
import type { PythonRun, RealThreadState } from '../../../shared/python-schemas';
import { SegmentRow } from './run-archive-rows';

/** States drawn on the timeline; idle and done are the empty background. */
export const DRAWN_STATES = ['holding', 'waiting', 'io', 'free', 'blocked', 'cpython-running'] as const satisfies readonly (WorkerState | RealThreadState)[];
/** A state that has a colour on the timeline. */
export type DrawnState = (typeof DRAWN_STATES)[number];

/** One worker's stretch in a drawn state (ms since its step's workers were spawned). */
export interface Segment {
  state: DrawnState;
  start: number;
  end: number;
}

/** Everything drawn for one step of a run, found by the step's id (unique within a run: the engine sees to it). */
export interface StepTimeline {
  stepId: string;
  /** The step's label, only ever shown. */
  step: string;
  mode: Mode;
  /** Row names from the engine ("I/O thread", "process 2"); may be shorter than rows. */
  labels: string[];
  /** One per worker, its segments in time order (columnar: see run-archive-rows.ts). */
  rows: SegmentRow[];
  segments: number;
  /** Some worker was blocked on a lock other than the GIL (the legend then names that state). */
  blocked: boolean;
  /** Latest end time seen, so the axis can grow while the step runs. */
  end: number;
  /** Ms from spawning to the start signal (timeline times count from spawning). */
  goMs: number | null;
  /** Epoch ms of the start signal, to mark the step on the core lanes. */
  startedAt: number | null;
  /** A step of the lesson's own code on real CPython: the interpreter (its rows show only running or not). */
  python?: PythonRun | null;
}

/** One run as it can be shown again. */
export interface RunTrace {
  runId: string;
  experiment: string;
  /** The steps the run planned, in order. */
  steps: StepName[];
  timelines: StepTimeline[];
  samples: CoreSample[];
  /** Epoch ms (page clock) when the run started and ended. */
  startedAt: number;
  endedAt: number | null;
  /** Some segments or samples were dropped to stay inside the caps. */
  truncated: boolean;
}

/** Runs kept; older ones are forgotten (their results stay in the table). */
export const MAX_RUNS = 20;
/** Merged segments kept per run: enough for a 0.1 ms interval over several seconds. */
export const MAX_SEGMENTS = 250_000;
/** Core samples kept per run: ten minutes at the fastest sampling rate. */
export const MAX_SAMPLES = 3_000;

/** Gaps shorter than this (ms) between two same-state segments are rounding, not a change. */
const MERGE_GAP_MS = 0.01;

const isDrawn = (state: WorkerState | RealThreadState): state is DrawnState => (DRAWN_STATES as readonly string[]).includes(state);

/** The recent runs; the newest is the one recording. */
export class RunArchive {
  private runs: RunTrace[] = [];
  private listeners = new Set<() => void>();
  version = 0;

  /** Takes in what an engine event adds to the record (the session's view of it is the reducer's). */
  record(event: RunEvent, now: number): void {
    switch (event.type) {
      case 'run-started':
        return this.beginRun(event.runId, event.experiment, event.steps ?? [], now);
      case 'mode-started':
        return this.beginStep(event.runId, { id: event.stepId, label: event.step }, event.mode, event.workers, event.workerLabels ?? [], event.startedAt ?? null, event.spawnToGoMs ?? null, event.python ?? null);
      case 'timeline':
        return this.append(event.runId, { id: event.stepId, label: event.step }, event.mode, event.segments);
      case 'run-finished':
      case 'run-cancelled':
      case 'run-failed':
        return this.endRun(event.runId, now);
      default:
        return;
    }
  }

  beginRun(runId: string, experiment: string, steps: readonly StepName[], now: number): void {
    this.runs = this.runs.filter((r) => r.runId !== runId);
    this.runs.push({ runId, experiment, steps: [...steps], timelines: [], samples: [], startedAt: now, endedAt: null, truncated: false });
    if (this.runs.length > MAX_RUNS) this.runs.splice(0, this.runs.length - MAX_RUNS);
    this.changed();
  }

  beginStep(runId: string, step: StepName, mode: Mode, workers: number, labels: readonly string[], startedAt: number | null, goMs: number | null, python: PythonRun | null = null): void {
    const run = this.get(runId);
    if (!run) return;
    const timeline = this.timeline(run, step, mode);
    timeline.python = python;
    timeline.labels = [...labels];
    timeline.goMs = goMs !== null && Number.isFinite(goMs) && goMs >= 0 ? goMs : null;
    timeline.startedAt = startedAt;
    while (timeline.rows.length < Math.min(workers, 4096)) timeline.rows.push(new SegmentRow());
    this.changed();
  }

  append(runId: string, step: StepName, mode: Mode, segments: readonly TimelineSegment[]): void {
    const run = this.get(runId);
    if (!run) return;
    const timeline = this.timeline(run, step, mode);
    let total = run.timelines.reduce((sum, t) => sum + t.segments, 0);
    for (const s of segments) {
      if (!isDrawn(s.state) || !(s.end > s.start) || s.worker < 0 || s.worker > 4096) continue;
      while (timeline.rows.length <= s.worker) timeline.rows.push(new SegmentRow());
      const row = timeline.rows[s.worker] as SegmentRow;
      const last = row.length - 1;
      if (s.state === 'blocked') timeline.blocked = true;
      if (last >= 0 && row.state(last) === s.state && s.start <= row.end(last) + MERGE_GAP_MS && s.start >= row.start(last)) {
        if (s.end > row.end(last)) row.extendLast(s.end);
      } else if (total < MAX_SEGMENTS) {
        row.push(s.state, s.start, s.end);
        timeline.segments++;
        total++;
      } else {
        run.truncated = true;
        continue;
      }
      if (s.end > timeline.end) timeline.end = s.end;
    }
    this.changed();
  }

  /** A core sample; kept by the run that is recording, if any. */
  addSample(sample: CoreSample): void {
    const run = this.runs[this.runs.length - 1];
    if (!run || run.endedAt !== null) return;
    run.samples.push(sample);
    if (run.samples.length > MAX_SAMPLES) {
      run.samples.splice(0, run.samples.length - MAX_SAMPLES);
      run.truncated = true;
    }
    // Samples redraw the lanes through the live history; no change event per sample here.
  }

  endRun(runId: string, now: number): void {
    const run = this.get(runId);
    if (!run || run.endedAt !== null) return;
    run.endedAt = now;
    this.changed();
  }

  get(runId: string | null): RunTrace | undefined {
    return runId === null ? undefined : this.runs.find((r) => r.runId === runId);
  }

  /** The run's timeline of the step with this id. */
  find(runId: string | null, stepId: string): StepTimeline | undefined {
    return this.get(runId)?.timelines.find((t) => t.stepId === stepId);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private timeline(run: RunTrace, step: StepName, mode: Mode): StepTimeline {
    let timeline = run.timelines.find((t) => t.stepId === step.id);
    if (!timeline) {
      timeline = { stepId: step.id, step: step.label, mode, labels: [], rows: [], segments: 0, blocked: false, end: 0, goMs: null, startedAt: null, python: null };
      run.timelines.push(timeline);
    }
    return timeline;
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

/**
 * A tab's name: the label the run planned for the step, found by its id, so a tab reads the same
 * before and after its step starts; else the label its events carried. A plan's labels are
 * distinct (src/lessons/plans.test.ts), so no tab needs telling apart by what it says.
 */
export function tabLabel(trace: RunTrace, timeline: StepTimeline): string {
  return trace.steps.find((s) => s.id === timeline.stepId)?.label ?? timeline.step;
}
