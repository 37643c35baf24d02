/**
 * Builds a chart.js chart on a canvas and rebuilds it when its data or the look changes (theme,
 * presentation, export ratio); the options and plugins it is built from are drawing/charts.ts.
 */
import { useEffect, useRef, type RefObject } from 'react';
import type { ChartConfiguration, ChartType } from 'chart.js';
import { Chart } from '../../drawing/charts';
import { useLook } from '../../drawing/look';

/**
 * Builds the chart from `build()` whenever `deps` change, or the look (theme, presentation,
 * export ratio); returns the canvas ref to attach.
 */
export function useChart<T extends ChartType>(build: () => ChartConfiguration<T>, deps: readonly unknown[]): RefObject<HTMLCanvasElement | null> {
  const ref = useRef<HTMLCanvasElement>(null);
  const current = useLook();
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const chart = new Chart(canvas, build());
    return () => chart.destroy();
  }, [...deps, current]);
  return ref;
}
