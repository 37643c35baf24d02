/**
 * Records what a worker does as timeline segments and totals per state. Segments go to the engine
 * in batches so the lock timeline is drawn live; a long segment is split at each flush so even a
 * worker that never changes state shows progress.
 */
import { STATE_CODE, type WorkerState } from '../../shared/gil-layout';
import type { PackedSegment } from '../../shared/worker-protocol';

export type Clock = () => number;

/**
 * The monotonic clock of this machine in ms. process.hrtime is the same clock in every thread and
 * every process (CLOCK_MONOTONIC and its equivalents), unlike performance.timeOrigin, which each
 * worker_thread sets afresh and only to the millisecond.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** ms since the mode started, on the clock every worker of the run shares. */
export function modeClock(clockStart: number): Clock {
  return () => monotonicMs() - clockStart;
}

export class StateRecorder {
  private state: WorkerState = 'idle';
  private since: number;
  private lastFlush: number;
  private batch: PackedSegment[] = [];
  readonly totals: Record<WorkerState, number> = { idle: 0, holding: 0, waiting: 0, io: 0, free: 0, done: 0, blocked: 0 };

  constructor(
    readonly now: Clock,
    private readonly flushMs: number,
    private readonly send: (segments: PackedSegment[]) => void,
  ) {
    this.since = now();
    this.lastFlush = this.since;
  }

  get current(): WorkerState {
    return this.state;
  }

  /** Switch to `state` at `at` (now by default). */
  enter(state: WorkerState, at = this.now()): void {
    if (state === this.state) return;
    this.close(at);
    this.state = state;
    if (at - this.lastFlush >= this.flushMs) this.flush(at);
  }

  /** Called between chunks: sends the batch when it is due, splitting the open segment. */
  tick(at = this.now()): void {
    if (at - this.lastFlush < this.flushMs) return;
    this.close(at);
    this.flush(at);
  }

  /** Ends the timeline and sends what is left. */
  finish(at = this.now()): void {
    this.close(at);
    this.state = 'done';
    this.flush(at);
  }

  private close(at: number): void {
    const duration = at - this.since;
    if (duration > 0) {
      this.totals[this.state] += duration;
      if (this.state !== 'idle') this.batch.push([STATE_CODE[this.state], this.since, at]);
    }
    this.since = at;
  }

  private flush(at: number): void {
    this.lastFlush = at;
    if (this.batch.length === 0) return;
    const out = this.batch;
    this.batch = [];
    this.send(out);
  }
}
