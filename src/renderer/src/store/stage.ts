/**
 * What the presenter does to the live panels on stage: pause their drawing while the run goes on,
 * zoom the lock timeline into a few milliseconds, and replay a finished run slowly. A pure reducer
 * (tested in stage.test.ts) in a small store of its own: a replay moves its clock every frame, and
 * only the canvases and the replay bar need to see that, not the whole page (see lab-store.ts).
 */
import type { RunTrace } from './run-archive';

/** Replay speeds: a tenth, a quarter, real time. */
export const REPLAY_SPEEDS = [0.1, 0.25, 1] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** The lock timeline's zoom: the stretch of the step shown, in ms since its workers were spawned. */
export interface ViewWindow {
  t0: number;
  t1: number;
}

/** A finished run played again from its recorded samples and segments (times are epoch ms). */
export interface Replay {
  runId: string;
  from: number;
  to: number;
  /** The replay's clock: the moment of the run on screen. */
  at: number;
  speed: ReplaySpeed;
  playing: boolean;
}

export interface StageState {
  /** The live panels (core lanes or heat strip, timeline) stop redrawing; data keeps arriving. */
  frozen: boolean;
  /** Null shows the whole step. */
  zoom: ViewWindow | null;
  replay: Replay | null;
}

export const initialStage: StageState = { frozen: false, zoom: null, replay: null };

export type StageAction =
  | { type: 'toggle-freeze' }
  | { type: 'zoom'; view: ViewWindow }
  | { type: 'zoom-reset' }
  | { type: 'replay-open'; runId: string; from: number; to: number }
  | { type: 'replay-play' }
  | { type: 'replay-pause' }
  | { type: 'replay-speed'; speed: ReplaySpeed }
  | { type: 'replay-seek'; at: number }
  /** Real time passed while playing; the clock moves by it times the speed. */
  | { type: 'replay-tick'; elapsedMs: number }
  | { type: 'replay-close' };

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

export function stageReducer(state: StageState, action: StageAction): StageState {
  const replay = state.replay;
  switch (action.type) {
    case 'toggle-freeze':
      return { ...state, frozen: !state.frozen };
    case 'zoom':
      return Number.isFinite(action.view.t0) && action.view.t1 > action.view.t0 ? { ...state, zoom: { ...action.view } } : state;
    case 'zoom-reset':
      return state.zoom === null ? state : { ...state, zoom: null };
    case 'replay-open': {
      if (!(action.to >= action.from)) return state;
      // A replay is of the past: the live panels' pause no longer applies to what is shown.
      return { ...state, frozen: false, replay: { runId: action.runId, from: action.from, to: action.to, at: action.from, speed: replay?.speed ?? 0.25, playing: false } };
    }
    case 'replay-play':
      if (!replay || replay.playing) return state;
      // Play at the end starts again from the beginning.
      return { ...state, replay: { ...replay, playing: true, at: replay.at >= replay.to ? replay.from : replay.at } };
    case 'replay-pause':
      return replay?.playing ? { ...state, replay: { ...replay, playing: false } } : state;
    case 'replay-speed':
      return replay && replay.speed !== action.speed ? { ...state, replay: { ...replay, speed: action.speed } } : state;
    case 'replay-seek':
      return replay && Number.isFinite(action.at) ? { ...state, replay: { ...replay, at: clamp(action.at, replay.from, replay.to) } } : state;
    case 'replay-tick': {
      if (!replay?.playing || !(action.elapsedMs > 0)) return state;
      const at = Math.min(replay.to, replay.at + action.elapsedMs * replay.speed);
      return { ...state, replay: { ...replay, at, playing: at < replay.to } };
    }
    case 'replay-close':
      return replay ? { ...state, replay: null } : state;
  }
}

/** The stage's state with a change subscription and a version, so frameSignal and useFrameValue can follow it. */
export class StageStore {
  private state: StageState = initialStage;
  private listeners = new Set<() => void>();
  private version = 0;

  getState = (): StageState => this.state;

  dispatch = (action: StageAction): void => {
    const next = stageReducer(this.state, action);
    if (next === this.state) return;
    this.state = next;
    this.version++;
    for (const listener of this.listeners) listener();
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;
}


/** The span a replay of `trace` plays: from the first sample or step start to the last sample, step end or the run's end (epoch ms). */
export function replaySpan(trace: RunTrace): { from: number; to: number } | null {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const t of trace.timelines) {
    if (t.startedAt === null) continue;
    const origin = t.startedAt - (t.goMs ?? 0);
    starts.push(origin);
    ends.push(origin + t.end);
  }
  const first = trace.samples[0];
  const last = trace.samples[trace.samples.length - 1];
  if (first) starts.push(first.t);
  if (last) ends.push(last.t);
  if (starts.length === 0) return null;
  const from = Math.min(...starts);
  return { from, to: Math.max(from, ...ends) };
}

/** The samples a replay has reached: those taken by `at` (samples are in time order). */
export function samplesUntil<T extends { t: number }>(samples: readonly T[], at: number): readonly T[] {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((samples[mid] as T).t <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo === samples.length ? samples : samples.slice(0, lo);
}
