import { describe, expect, it } from 'vitest';
import { intervalsAround, tooBusyForInterval } from './program';

describe('intervalsAround', () => {
  it('brackets the chosen interval', () => {
    expect(intervalsAround(5)).toEqual([1, 5, 20]);
  });
});

describe('tooBusyForInterval', () => {
  it('never flags a hold that honoured the interval, however busy the machine', () => {
    expect(tooBusyForInterval({ coresBusy: 2 }, 2, 1.1, 1)).toBe(0);
  });

  it('flags a long hold on a machine with no core to spare', () => {
    expect(tooBusyForInterval({ coresBusy: 1.85 }, 2, 2.09, 1)).toBe(1);
  });

  it('does not excuse a long hold on a machine with idle cores', () => {
    expect(tooBusyForInterval({ coresBusy: 1.1 }, 2, 2.09, 1)).toBe(0);
    expect(tooBusyForInterval({ coresBusy: 2 }, 8, 8, 5)).toBe(0);
  });

  it('cannot judge without the figures', () => {
    expect(tooBusyForInterval({ coresBusy: null }, 2, 2.09, 1)).toBeNull();
    expect(tooBusyForInterval({ coresBusy: 2 }, 2, null, 1)).toBeNull();
  });
});
