import { describe, expect, it } from 'vitest';
import { createGilBuffer, GIL } from '../../shared/gil-layout';
import { reachStartLine } from './start-line';

const wordsFor = (threads: number): Int32Array => new Int32Array(createGilBuffer(threads, 5_000));

/** A clock that moves 1 ms each time it is read. */
function ticking(): () => number {
  let t = 0;
  return () => t++;
}

describe('the lost-update start line', () => {
  it('lets the last thread to arrive go at once, and counts it in', () => {
    const words = wordsFor(3);
    Atomics.store(words, GIL.AT_START, 2);
    expect(reachStartLine(words, ticking(), () => false)).toBe('together');
    expect(Atomics.load(words, GIL.AT_START)).toBe(3);
  });

  it('a thread alone in its interpreter does not wait', () => {
    expect(reachStartLine(wordsFor(1), () => 0, () => false, 0)).toBe('together');
  });

  it('waits while the others have not arrived, and starts alone once the limit has passed', () => {
    const words = wordsFor(2);
    const now = ticking();
    expect(reachStartLine(words, now, () => false, 40)).toBe('alone');
    expect(now()).toBeGreaterThanOrEqual(40);
  });

  it('a cancel ends the wait', () => {
    let looks = 0;
    expect(reachStartLine(wordsFor(2), () => 0, () => ++looks > 3)).toBe('cancelled');
  });

  it('goes as soon as the other arrives', () => {
    const words = wordsFor(2);
    // The other thread arrives while this one is waiting: seen at the next look.
    let looks = 0;
    const now = (): number => {
      if (++looks === 5) Atomics.add(words, GIL.AT_START, 1);
      return 0;
    };
    expect(reachStartLine(words, now, () => false)).toBe('together');
    expect(looks).toBeLessThan(10);
  });
});
