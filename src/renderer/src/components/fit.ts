/**
 * The screen is laid out for 1920x1080 (a projector). Other windows get the same layout scaled to
 * fit (CSS zoom), so a 1366x768 laptop shows what the projector shows, and a 4K screen shows it
 * larger rather than emptier.
 *
 * The user's own zoom (Ctrl +/-) is honoured, not undone: the fit is computed for the window as it
 * would be at 100 %, so at 200 % everything is twice as large. Where the layout would then be
 * squeezed below the smallest stage it reads well in, the page scrolls instead of clipping.
 */
import { useEffect, useState } from 'react';

export const STAGE = { width: 1920, height: 1080 } as const;
/** The smallest the stage is laid out at (layout pixels); below it the page scrolls. */
export const MIN_STAGE = { width: 1280, height: 720 } as const;
const MIN_FIT = 0.6;
const MAX_FIT = 1.5;

/** The zoom that fits the stage into a window of this size (at 100 % browser zoom). */
export function fitFor(width: number, height: number): number {
  if (!(width > 0) || !(height > 0)) return 1;
  return Math.min(MAX_FIT, Math.max(MIN_FIT, Math.min(width / STAGE.width, height / STAGE.height)));
}

/** What the page can see of the window and the browser's zoom. */
export interface Viewport {
  /** CSS pixels of the window's inside (shrink as the user zooms in). */
  innerWidth: number;
  innerHeight: number;
  /** Device pixels per CSS pixel now, and when the page opened (at the zoom the user had then). */
  ratio: number;
  openingRatio: number;
}

export interface StageFit {
  /** The CSS zoom of the stage. */
  fit: number;
  /** The user's browser zoom, as far as the page can tell (1 = 100 %). */
  userZoom: number;
  /** The stage is larger than the window: the page scrolls. */
  scroll: boolean;
}

/**
 * The stage's zoom for a window. A change of device pixel ratio after the page opened is the
 * browser's zoom (a screen of another density would read the same; the user can zoom back).
 */
export function stageFit(view: Viewport): StageFit {
  const userZoom = view.ratio > 0 && view.openingRatio > 0 ? Math.round((view.ratio / view.openingRatio) * 100) / 100 : 1;
  const fit = fitFor(view.innerWidth * userZoom, view.innerHeight * userZoom);
  const scroll = view.innerWidth / fit < MIN_STAGE.width - 0.5 || view.innerHeight / fit < MIN_STAGE.height - 0.5;
  return { fit, userZoom, scroll };
}

const openingRatio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;

function current(): StageFit {
  return stageFit({ innerWidth: window.innerWidth, innerHeight: window.innerHeight, ratio: window.devicePixelRatio || 1, openingRatio });
}

const same = (a: StageFit, b: StageFit): boolean => a.fit === b.fit && a.userZoom === b.userZoom && a.scroll === b.scroll;

/** The stage's fit, following the window's size and the browser's zoom (both fire resize). */
export function useStageFit(): StageFit {
  const [fit, setFit] = useState(current);
  useEffect(() => {
    const onResize = (): void => setFit((before) => {
      const next = current();
      return same(before, next) ? before : next;
    });
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return fit;
}

/** The current zoom, following the window's size. */
export function useFit(): number {
  return useStageFit().fit;
}
