import { describe, expect, it } from 'vitest';
import { intervalsAround, intervalKept } from './program';

describe('intervalsAround', () => {
  it('brackets the chosen interval', () => {
    expect(intervalsAround(5)).toEqual([1, 5, 20]);
  });
});

describe('intervalKept', () => {
  it('calls a hold within the interval honoured, however busy the machine', () => {
    expect(intervalKept({ coresBusy: 2 }, 2, 1.1, 1)).toBe('honoured');
  });

  it('calls a long hold on a machine with no core to spare too busy', () => {
    expect(intervalKept({ coresBusy: 1.85 }, 2, 2.09, 1)).toBe('too busy');
  });

  it('does not excuse a long hold on a machine with idle cores', () => {
    expect(intervalKept({ coresBusy: 1.1 }, 2, 2.09, 1)).toBe('missed');
    expect(intervalKept({ coresBusy: 2 }, 8, 8, 5)).toBe('missed');
  });

  it('cannot judge without the figures', () => {
    expect(intervalKept({ coresBusy: null }, 2, 2.09, 1)).toBeNull();
    expect(intervalKept({ coresBusy: 2 }, 2, null, 1)).toBeNull();
  });
});
