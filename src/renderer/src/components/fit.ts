/**
 * The screen is laid out for 1920x1080 (a projector). Other windows get the same layout scaled to
 * fit (CSS zoom), so a 1366x768 laptop shows what the projector shows, and a 4K screen shows it
 * larger rather than emptier.
 */
import { useEffect, useState } from 'react';

export const STAGE = { width: 1920, height: 1080 } as const;
const MIN_FIT = 0.6;
const MAX_FIT = 1.5;

/** The zoom that fits the stage into a window of this size. */
export function fitFor(width: number, height: number): number {
  if (!(width > 0) || !(height > 0)) return 1;
  return Math.min(MAX_FIT, Math.max(MIN_FIT, Math.min(width / STAGE.width, height / STAGE.height)));
}

/** The current zoom, following the window's size. */
export function useFit(): number {
  const [fit, setFit] = useState(() => fitFor(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const onResize = (): void => setFit(fitFor(window.innerWidth, window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return fit;
}
