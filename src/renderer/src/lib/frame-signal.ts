/**
 * A store that changes many times a second (core samples, timeline batches), seen at most once
 * per animation frame. Canvases draw and React re-renders in the same frame callback: React's
 * update from useSyncExternalStore is flushed in the microtask right after it, so the DOM and the
 * canvases change together and the page makes one frame per update, not one per listener. Hidden
 * pages get no frames, so nothing is drawn for nobody; the first frame back catches up.
 */
import { useSyncExternalStore } from 'react';

/** What a frame signal follows: anything with a change subscription and a version counter. */
export interface Versioned {
  subscribe(listener: () => void): () => void;
  getVersion(): number;
}

/** The source's version as of the last animation frame, and a subscription that fires in that frame. */
export interface FrameSignal {
  subscribe(listener: () => void): () => void;
  getVersion(): number;
}

const signals = new WeakMap<Versioned, FrameSignal>();

function createSignal(source: Versioned): FrameSignal {
  const listeners = new Set<() => void>();
  let version = source.getVersion();
  let frame = 0;
  let off: (() => void) | null = null;
  const tick = (): void => {
    frame = 0;
    version = source.getVersion();
    for (const listener of [...listeners]) listener();
  };
  const onChange = (): void => {
    if (frame === 0) frame = requestAnimationFrame(tick);
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      // Catch up with changes made while nobody listened.
      version = source.getVersion();
      off ??= source.subscribe(onChange);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        off?.();
        off = null;
        if (frame !== 0) cancelAnimationFrame(frame);
        frame = 0;
      };
    },
    getVersion: () => version,
  };
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
