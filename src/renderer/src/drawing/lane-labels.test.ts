import { describe, expect, it } from 'vitest';
import { laneLabelStep } from './heat-strip-draw';

/** Centres of the names written, clamped as drawHeatFrame clamps them. */
const centres = (lanes: number, height: number, step: number): number[] => {
  const row = height / lanes;
  const out: number[] = [];
  for (let lane = 0; lane < lanes; lane += step) out.push(Math.min(height - 8, Math.max(8, (lane + 0.5) * row)));
  return out;
};

describe('heat strip lane names', () => {
  it.each([
    [256, 204, 14],
    [128, 204, 14],
    [64, 204, 14],
    [16, 204, 14],
    [256, 204, 21], // presentation mode's larger type
    [512, 300, 14],
  ])('%i lanes in %i px at %i px type: a power of two, names at least 1.6 lines apart', (lanes, height, type) => {
    const step = laneLabelStep(lanes, height, type);
    expect(Math.log2(step) % 1).toBe(0);
    const at = centres(lanes, height, step);
    const gaps = at.slice(1).map((y, i) => y - (at[i] as number));
    // The last name may be pulled up by the bottom clamp; the others keep the distance.
    expect(Math.min(...gaps.slice(0, -1), Number.POSITIVE_INFINITY)).toBeGreaterThanOrEqual(type * 1.6 - 1e-9);
    // And no sparser than needed: half the step would crowd them.
    if (step > 1) {
      const half = centres(lanes, height, step / 2);
      const tight = half.slice(1).map((y, i) => y - (half[i] as number));
      expect(Math.min(...tight.slice(0, -1), tight[0] ?? 0)).toBeLessThan(type * 1.6);
    }
  });

  it('names every lane where rows are tall enough, as on a 2-core laptop', () => {
    expect(laneLabelStep(2, 120, 14)).toBe(1);
    expect(laneLabelStep(8, 204, 14)).toBe(1);
  });
});
