import { describe, expect, it } from 'vitest';
import { createGilBuffer, GIL } from '../../shared/gil-layout';
import { Cancelled, GilClient } from './gil';
import { StateRecorder } from './recorder';

function client(buffer: SharedArrayBuffer, id: number): { gil: GilClient; recorder: StateRecorder } {
  let t = 0;
  const recorder = new StateRecorder(() => (t += 1), 1_000_000, () => {});
  return { gil: new GilClient(buffer, id, recorder), recorder };
}

describe('GilClient on one thread', () => {
  it('takes a free lock at once and gives it back', () => {
    const buffer = createGilBuffer(2, 5000);
    const words = new Int32Array(buffer);
    const { gil } = client(buffer, 0);
    gil.take();
    expect(Atomics.load(words, GIL.LOCKED)).toBe(1);
    expect(Atomics.load(words, GIL.HOLDER)).toBe(0);
    expect(Atomics.load(words, GIL.OCCUPANCY)).toBe(1);
    gil.drop('done');
    expect(Atomics.load(words, GIL.LOCKED)).toBe(0);
    expect(Atomics.load(words, GIL.OCCUPANCY)).toBe(0);
    expect(gil.acquisitions).toBe(1);
  });

  it('answers a drop request at its checkpoint and clears it on re-taking', () => {
    const buffer = createGilBuffer(2, 5000);
    const words = new Int32Array(buffer);
    const { gil } = client(buffer, 0);
    gil.take();
    Atomics.store(words, GIL.DROP_REQUEST, 1);
    // No waiter is queued, so FORCE_SWITCHING must not block: the holder drops and re-takes.
    gil.checkpoint();
    expect(gil.forcedDrops).toBe(1);
    expect(gil.acquisitions).toBe(2);
    expect(Atomics.load(words, GIL.DROP_REQUEST)).toBe(0);
    expect(Atomics.load(words, GIL.FORCED_SWITCHES)).toBe(1);
    expect(gil.held).toBe(true);
  });

  it('counts a switch only when the holder changes', () => {
    const buffer = createGilBuffer(2, 5000);
    const a = client(buffer, 0).gil;
    const b = client(buffer, 1).gil;
    a.take();
    a.drop('io');
    a.take();
    a.drop('done');
    b.take();
    b.drop('done');
    expect(a.switchesIn).toBe(1);
    expect(b.switchesIn).toBe(1);
    // a's own re-take after I/O is no switch for the waiters' intervals either.
    expect(Atomics.load(new Int32Array(buffer), GIL.SWITCH_NUMBER)).toBe(2);
  });

  it('a waiter sets the drop request once a whole interval passes with no switch', () => {
    const buffer = createGilBuffer(2, 1000);
    const words = new Int32Array(buffer);
    // Someone else holds the lock and never lets go; cancel after the first request shows up.
    Atomics.store(words, GIL.LOCKED, 1);
    Atomics.store(words, GIL.HOLDER, 1);
    const { gil } = client(buffer, 0);
    const started = Date.now();
    const stop = (): void => {
      if (Atomics.load(words, GIL.DROP_REQUEST) === 1) Atomics.store(words, GIL.CANCEL, 1);
    };
    // Atomics.wait blocks this thread, so look for the request each time a wait returns.
    const original = Atomics.wait;
    Atomics.wait = ((typed: Int32Array, index: number, value: number, timeout?: number) => {
      const outcome = original(typed, index, value, timeout);
      stop();
      return outcome;
    }) as typeof Atomics.wait;
    try {
      expect(() => gil.take()).toThrow(Cancelled);
    } finally {
      Atomics.wait = original;
    }
    expect(Atomics.load(words, GIL.DROP_REQUEST)).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1);
    expect(Atomics.load(words, GIL.WAITERS)).toBe(0);
  });

  it('a cancelled run throws at the next checkpoint', () => {
    const buffer = createGilBuffer(1, 5000);
    const { gil } = client(buffer, 0);
    gil.take();
    Atomics.store(new Int32Array(buffer), GIL.CANCEL, 1);
    expect(() => gil.checkpoint()).toThrow(Cancelled);
  });
});
