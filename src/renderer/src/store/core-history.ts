/**
 * The last half minute of per-core samples, kept outside React so the charts can redraw at the
 * sampling rate without re-rendering the page. Also keeps the running mean of "cores busy" over
 * the mode being measured, so the headline can show it while the run goes.
 */
import type { CoreSample, RunEvent } from '../../../shared/results';
import { busyCores } from '../../../shared/stats';
import { samplesUntil, type StageStore } from './stage';

/** Seconds of history the cores panel shows. */
export const HISTORY_SECONDS = 30;

/** Samples a lane chart can draw: the live history, or what a past run recorded. */
export interface LaneSource {
  all(): readonly CoreSample[];
  latest(): CoreSample | undefined;
  subscribe(listener: () => void): () => void;
  /** Grows with every change (see drawing/frame-signal.ts). */
  getVersion(): number;
  /** Samples ever received (grows while live). */
  readonly received: number;
}

/** A recorded run's samples as a lane source that never changes. */
export function recordedSource(samples: readonly CoreSample[]): LaneSource {
  return { all: () => samples, latest: () => samples[samples.length - 1], subscribe: () => () => {}, getVersion: () => 0, received: samples.length };
}

/** Samples of the last HISTORY_SECONDS plus the counters the headline and e2e tests read. */
export class CoreHistory implements LaneSource {
  private samples: CoreSample[] = [];
  private listeners = new Set<() => void>();
  private meanSum = 0;
  private meanCount = 0;
  private averaging = false;
  /** Count of samples ever received; it only grows, which is what "the lanes move" means. */
  received = 0;
  version = 0;

  push(sample: CoreSample): void {
    this.samples.push(sample);
    this.received++;
    const oldest = sample.t - (HISTORY_SECONDS + 2) * 1000;
    let drop = 0;
    while (drop < this.samples.length && (this.samples[drop] as CoreSample).t < oldest) drop++;
    if (drop > 0) this.samples.splice(0, drop);
    if (this.averaging) {
      this.meanSum += busyCores(sample);
      this.meanCount++;
    }
    this.changed();
  }

  /** Averages over each step of a run, from its start to the run's end. */
  follow(event: RunEvent): void {
    if (event.type === 'mode-started') this.startMean();
    else if (event.type === 'run-started' || event.type === 'run-finished' || event.type === 'run-cancelled' || event.type === 'run-failed') this.stopMean();
  }

  /** Starts a fresh running mean (each mode is averaged on its own, like its result). */
  startMean(): void {
    this.averaging = true;
    this.meanSum = 0;
    this.meanCount = 0;
    this.changed();
  }

  stopMean(): void {
    if (!this.averaging) return;
    this.averaging = false;
    this.changed();
  }

  /** Mean cores busy since startMean, or null when not averaging or no sample arrived yet. */
  runningMean(): number | null {
    return this.averaging && this.meanCount > 0 ? this.meanSum / this.meanCount : null;
  }

  all(): readonly CoreSample[] {
    return this.samples;
  }

  latest(): CoreSample | undefined {
    return this.samples[this.samples.length - 1];
  }

  /** Subscribes to every change; returns the unsubscribe (fits useSyncExternalStore). */
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

/** A recorded run's samples as a replay reaches them: those taken by the replay's clock, following it. */
export function replaySource(samples: readonly CoreSample[], stage: StageStore): LaneSource {
  let at = Number.NaN;
  let reached: readonly CoreSample[] = [];
  const all = (): readonly CoreSample[] => {
    const now = stage.getState().replay?.at ?? Number.POSITIVE_INFINITY;
    if (now !== at) {
      at = now;
      reached = samplesUntil(samples, now);
    }
    return reached;
  };
  return {
    all,
    latest: () => all()[all().length - 1],
    subscribe: stage.subscribe,
    getVersion: stage.getVersion,
    get received() {
      return all().length;
    },
  };
}
