/**
 * Stores that change many times a second (core samples, timeline batches), seen at most once per
 * animation frame. One callback per frame serves every store that changed: canvases draw first,
 * then text in the page is written, and React's updates (from useSyncExternalStore) are flushed in
 * the microtask right after. So the DOM and the canvases change together, the page makes one frame
 * per update (changes arriving within GATHER_MS share it), and no canvas reads layout the page has just made stale (setting a canvas font does).
 * Hidden pages get no frames, so nothing is drawn for nobody; the first frame back catches up.
 */
import { useSyncExternalStore } from 'react';

/** What a frame signal follows: anything with a change subscription and a version counter. */
export interface Versioned {
  subscribe(listener: () => void): () => void;
  getVersion(): number;
}

/** Canvases draw before the page's text is written (see above). */
export type FramePhase = 'draw' | 'dom';

/** The source's version as of the last animation frame, and a subscription that fires in that frame. */
export interface FrameSignal {
  subscribe(listener: () => void, phase?: FramePhase): () => void;
  getVersion(): number;
}

interface Signal extends FrameSignal {
  /** Takes the source's version and returns the listeners of `phase` to call. */
  settle(): void;
  listeners(phase: FramePhase): readonly (() => void)[];
}

const signals = new WeakMap<Versioned, Signal>();
const pending = new Set<Signal>();
let frame = 0;
let gathering: ReturnType<typeof setTimeout> | null = null;

/**
 * How long a change waits for others before it asks for a frame. Messages sent together (a core
 * sample and a timeline batch, or the batches of several workers) arrive a few milliseconds apart,
 * and Chromium draws a frame between them as soon as one asks: each frame costs its fixed 2-3 ms of
 * style, layout, paint and commit, which at 256 cores was a third of an update's cost (bench
 * frame-time, CPU profile). Gathered, they make one frame; the picture is at most this much later.
 */
export const GATHER_MS = 8;

/** A frame for the stores that changed, once the changes arriving together are in. */
const requestGatheredFrame = (): void => {
  if (frame !== 0 || gathering !== null) return;
  gathering = setTimeout(() => {
    gathering = null;
    requestFrame();
  }, GATHER_MS);
};

/** A clock shown in every frame the page makes anyway, and in one of its own when it would be late. */
interface Ticker {
  every: number;
  show: () => void;
  timer: ReturnType<typeof setTimeout> | null;
}
const tickers = new Set<Ticker>();

const requestFrame = (): void => {
  if (frame === 0) frame = requestAnimationFrame(flush);
};

function arm(ticker: Ticker): void {
  if (ticker.timer !== null) clearTimeout(ticker.timer);
  ticker.timer = setTimeout(() => {
    ticker.timer = null;
    requestFrame();
  }, ticker.every);
}

function flush(): void {
  frame = 0;
  // A clock's frame draws the stores too: no second frame for them.
  if (gathering !== null) {
    clearTimeout(gathering);
    gathering = null;
  }
  const due = [...pending];
  pending.clear();
  for (const signal of due) signal.settle();
  for (const phase of ['draw', 'dom'] as const) for (const signal of due) for (const listener of signal.listeners(phase)) listener();
  for (const ticker of tickers) {
    ticker.show();
    arm(ticker);
  }
}

/**
 * Calls `show` (which writes text, no canvas) at least every `every` ms, in a frame: in the frames
 * the page makes anyway for its stores when there are some, so a clock ticking ten times a second
 * beside samples arriving five times a second costs about half the frames of a timer of its own.
 * Returns the stop.
 */
export function frameTicker(every: number, show: () => void): () => void {
  const ticker: Ticker = { every, show, timer: null };
  tickers.add(ticker);
  show();
  arm(ticker);
  return () => {
    tickers.delete(ticker);
    if (ticker.timer !== null) clearTimeout(ticker.timer);
  };
}

function createSignal(source: Versioned): Signal {
  const byPhase: Record<FramePhase, Set<() => void>> = { draw: new Set(), dom: new Set() };
  let version = source.getVersion();
  let off: (() => void) | null = null;
  const signal: Signal = {
    subscribe(listener, phase = 'draw') {
      byPhase[phase].add(listener);
      // Catch up with changes made while nobody listened.
      version = source.getVersion();
      off ??= source.subscribe(() => {
        pending.add(signal);
        requestGatheredFrame();
      });
      return () => {
        byPhase[phase].delete(listener);
        if (byPhase.draw.size + byPhase.dom.size > 0) return;
        off?.();
        off = null;
        pending.delete(signal);
      };
    },
    getVersion: () => version,
    settle() {
      version = source.getVersion();
    },
    listeners: (phase) => [...byPhase[phase]],
  };
  return signal;
}

/** The one frame signal of `source` (shared, so every listener draws in the same frame callback). */
export function frameSignal(source: Versioned): FrameSignal {
  let signal = signals.get(source);
  if (!signal) {
    signal = createSignal(source);
    signals.set(source, signal);
  }
  return signal;
}

/**
 * A value derived from `source`, re-read once per frame; the caller re-renders only when it differs
 * (compared with Object.is, so return primitives or stable objects).
 */
export function useFrameValue<T>(source: Versioned, read: () => T): T {
  const signal = frameSignal(source);
  return useSyncExternalStore(signal.subscribe, read);
}
