import { describe, expect, it } from 'vitest';
import { countedOutcome, incrementsFor } from './counted-increments';

describe('counted increments', () => {
  it('asks a million increments per second of the control, never fewer than a thousand', () => {
    expect(incrementsFor(0.5)).toBe(500_000);
    expect(incrementsFor(0)).toBe(1_000);
  });

  it('judges an exact count as none lost', () => {
    expect(countedOutcome(4_000, 4_000)).toEqual({ metrics: { expected: 4_000, actual: 4_000, lost: 0, lostPct: 0 }, findings: { lost: 'none' } });
  });

  it('tells a few lost updates from many at one in a hundred', () => {
    expect(countedOutcome(10_000, 9_950).findings).toEqual({ lost: 'a few' });
    expect(countedOutcome(10_000, 9_900).findings).toEqual({ lost: 'many' });
    expect(countedOutcome(10_000, 7_500).metrics.lostPct).toBe(25);
  });
});
