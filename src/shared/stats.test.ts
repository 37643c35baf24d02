import { describe, expect, it } from 'vitest';
import { median, percentile } from './stats';

const oneToTwenty = Array.from({ length: 20 }, (_, i) => i + 1);

describe('percentile (linear interpolation, numpy default)', () => {
  it('p95 of 1..20 is 19.05, not the maximum', () => {
    expect(percentile(oneToTwenty, 0.95)).toBeCloseTo(19.05, 10);
    expect(percentile(oneToTwenty, 0.95)).toBeLessThan(20);
  });

  it('p50 is the median for odd and even counts, in any order', () => {
    expect(percentile([5, 1, 3], 0.5)).toBe(3);
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(median([4, 1, 3, 2]));
    expect(percentile(oneToTwenty, 0.5)).toBe(10.5);
  });

  it('p = 0 is the minimum and p = 1 the maximum', () => {
    expect(percentile([7, -2, 9, 3], 0)).toBe(-2);
    expect(percentile([7, -2, 9, 3], 1)).toBe(9);
    expect(percentile([42], 0)).toBe(42);
    expect(percentile([42], 0.95)).toBe(42);
    expect(percentile([42], 1)).toBe(42);
  });

  it('interpolates between neighbours', () => {
    expect(percentile([10, 20], 0.25)).toBe(12.5);
    expect(percentile([0, 10, 20, 30, 40], 0.9)).toBeCloseTo(36, 10);
  });

  it('is null for no values and leaves its input unsorted', () => {
    expect(percentile([], 0.95)).toBeNull();
    const values = [3, 1, 2];
    percentile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses a p outside 0..1', () => {
    expect(() => percentile([1, 2], 95)).toThrow(RangeError);
    expect(() => percentile([1, 2], -0.1)).toThrow(RangeError);
    expect(() => percentile([1, 2], Number.NaN)).toThrow(RangeError);
  });
});
