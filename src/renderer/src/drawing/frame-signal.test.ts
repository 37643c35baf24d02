import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frameSignal, GATHER_MS, type Versioned } from './frame-signal';

/** A store with a version and change listeners, as the lab's stores are. */
function store(): Versioned & { change(): void } {
  const listeners = new Set<() => void>();
  let version = 0;
  return {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getVersion: () => version,
    change: () => {
      version++;
      for (const listener of listeners) listener();
    },
  };
}

let frames: (() => void)[];

beforeEach(() => {
  vi.useFakeTimers();
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Runs the animation frames asked for so far; returns how many there were. */
const runFrames = (): number => {
  const due = frames.splice(0);
  for (const frame of due) frame();
  return due.length;
};

describe('frame signals', () => {
  it('draws changes that arrive a few milliseconds apart in one frame', () => {
    const cores = store();
    const timeline = store();
    const drawn: string[] = [];
    const offA = frameSignal(cores).subscribe(() => drawn.push('cores'));
    const offB = frameSignal(timeline).subscribe(() => drawn.push('timeline'));
    cores.change();
    vi.advanceTimersByTime(2);
    timeline.change();
    // No frame is asked for before the gathering time is over.
    expect(frames).toHaveLength(0);
    vi.advanceTimersByTime(GATHER_MS);
    expect(runFrames()).toBe(1);
    expect(drawn).toEqual(['cores', 'timeline']);
    expect(frameSignal(cores).getVersion()).toBe(1);
    offA();
    offB();
  });

  it('asks for another frame for a change after the frame, and none for nothing', () => {
    const source = store();
    let drawn = 0;
    const off = frameSignal(source).subscribe(() => drawn++);
    source.change();
    source.change();
    vi.advanceTimersByTime(GATHER_MS);
    expect(runFrames()).toBe(1);
    expect(drawn).toBe(1);
    vi.advanceTimersByTime(100);
    expect(runFrames()).toBe(0);
    source.change();
    vi.advanceTimersByTime(GATHER_MS);
    expect(runFrames()).toBe(1);
    expect(drawn).toBe(2);
    off();
  });
});
