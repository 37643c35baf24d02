import { describe, expect, it } from 'vitest';
import { fitFor, stageFit } from './fit';

describe('stage fit', () => {
  it('fits the stage into the window at 100 %', () => {
    expect(fitFor(1920, 1080)).toBe(1);
    expect(fitFor(1366, 768)).toBeCloseTo(0.711, 3);
    expect(stageFit({ innerWidth: 1366, innerHeight: 768, ratio: 1, openingRatio: 1 })).toEqual({ fit: fitFor(1366, 768), userZoom: 1, scroll: false });
  });

  it('honours the browser zoom: at 200 % the stage keeps its fit, so it reads twice as large, and the page scrolls', () => {
    const zoomed = stageFit({ innerWidth: 960, innerHeight: 540, ratio: 2, openingRatio: 1 });
    expect(zoomed.userZoom).toBe(2);
    expect(zoomed.fit).toBe(1);
    expect(zoomed.scroll).toBe(true);
    // 150 % on a laptop: the fit of the laptop's window, unchanged.
    const laptop = stageFit({ innerWidth: 1366 / 1.5, innerHeight: 768 / 1.5, ratio: 1.5, openingRatio: 1 });
    expect(laptop.fit).toBeCloseTo(fitFor(1366, 768), 3);
  });

  it('does not take a dense screen for a zoom', () => {
    // A laptop at 2 device pixels per CSS pixel from the start: fitted as before.
    expect(stageFit({ innerWidth: 1440, innerHeight: 900, ratio: 2, openingRatio: 2 })).toEqual({ fit: fitFor(1440, 900), userZoom: 1, scroll: false });
  });
});
