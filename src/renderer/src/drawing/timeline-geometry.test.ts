import { describe, expect, it } from 'vitest';
import { tickStep } from './nice-step';
import { domainEnd, liveDomainEnd } from './timeline-geometry';

describe('domainEnd', () => {
  it('rounds a finished step up to a whole tick, never below 100 ms', () => {
    expect(domainEnd(0)).toBeGreaterThanOrEqual(100);
    expect(domainEnd(3_100)).toBe(3_500);
    expect(domainEnd(4_100) % tickStep(4_100, 8)).toBe(0);
    expect(domainEnd(4_100)).toBeGreaterThan(4_100);
  });
});

describe('liveDomainEnd', () => {
  it('is the next of 1, 2, 3, 5 times a power of ten past the span', () => {
    expect(liveDomainEnd(0)).toBe(200);
    expect(liveDomainEnd(150)).toBe(200);
    expect(liveDomainEnd(1_900)).toBe(2_000);
    expect(liveDomainEnd(2_500)).toBe(3_000);
    expect(liveDomainEnd(4_100)).toBe(5_000);
    expect(liveDomainEnd(9_950)).toBe(20_000);
  });

  it('always leaves room past the newest segment and never shrinks as the step goes on', () => {
    let previous = 0;
    for (let end = 0; end <= 60_000; end += 37) {
      const axis = liveDomainEnd(end);
      expect(axis).toBeGreaterThan(end);
      expect(axis).toBeGreaterThanOrEqual(previous);
      previous = axis;
    }
  });

  it('changes a few times in a step where the finished axis would change at every tick', () => {
    const changes = (f: (end: number) => number): number => {
      let count = 0;
      for (let end = 0, last = f(0); end <= 20_000; end += 10) if (f(end) !== last) [count, last] = [count + 1, f(end)];
      return count;
    };
    expect(changes(liveDomainEnd)).toBeLessThanOrEqual(10);
    expect(changes(domainEnd)).toBeGreaterThan(20);
  });
});
