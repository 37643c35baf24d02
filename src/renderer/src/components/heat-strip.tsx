/**
 * The cores panel for many-core machines: one thin row per core, time left to right, colour for
 * load. Lines would be thinner than a few pixels there; a grid of colour stays readable at 128.
 */
import { memo, useEffect, useRef } from 'react';
import type { CoreSample } from '../../../shared/results';
import { heatColour } from '../lib/heat-colour';
import { cssVar, fontFamily, type ThemeName } from '../lib/theme';
import { prepareCanvas, type Size } from '../lib/use-size';
import { HISTORY_SECONDS, markCanvas, type CoreHistory } from '../state/core-history';

interface Props {
  history: CoreHistory;
  lanes: number;
  size: Size;
  theme: ThemeName;
}

const GUTTER = 76;
const AXIS = 28;
const PALETTE = Array.from({ length: 101 }, (_, load) => heatColour(load));

function colourFor(load: number | undefined): string {
  const index = load === undefined || !Number.isFinite(load) ? 0 : Math.round(Math.min(100, Math.max(0, load)));
  return PALETTE[index] as string;
}

function draw(canvas: HTMLCanvasElement, size: Size, history: CoreHistory, lanes: number): void {
  const ctx = prepareCanvas(canvas, size);
  if (!ctx || size.width <= GUTTER || size.height <= AXIS) return;
  const width = size.width - GUTTER;
  const height = size.height - AXIS;
  const row = height / lanes;
  const samples: readonly CoreSample[] = history.all();
  const latest = samples[samples.length - 1];
  const xOf = (t: number): number => GUTTER + width * (1 - (latest ? latest.t - t : 0) / (HISTORY_SECONDS * 1000));

  ctx.fillStyle = colourFor(0);
  ctx.fillRect(GUTTER, 0, width, height);
  if (latest) {
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i] as CoreSample;
      // A sample covers the interval that ends at its time stamp.
      const previous = samples[i - 1];
      const x1 = xOf(sample.t);
      const x0 = Math.max(GUTTER, previous ? xOf(previous.t) : x1 - 2);
      if (x1 <= GUTTER) continue;
      for (let lane = 0; lane < lanes; lane++) {
        ctx.fillStyle = colourFor(sample.loads[lane]);
        // Rounded edges so rows and columns meet without hairline seams.
        const top = Math.floor(lane * row);
        ctx.fillRect(Math.floor(x0), top, Math.ceil(x1 - x0) + 1, Math.floor((lane + 1) * row) - top);
      }
    }
  }

  const family = fontFamily();
  ctx.fillStyle = cssVar('--muted');
  ctx.font = `14px ${family}`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const every = Math.max(1, Math.ceil(18 / row));
  const step = [1, 2, 4, 8, 16, 32, 64].find((s) => s >= every) ?? every;
  for (let lane = 0; lane < lanes; lane += step) {
    // Clamped so the first and last labels are not cut in half by the canvas edge.
    ctx.fillText(`CPU ${lane}`, GUTTER - 8, Math.min(height - 8, Math.max(8, (lane + 0.5) * row)));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let s = 0; s <= HISTORY_SECONDS; s += 5) {
    const x = GUTTER + width * (1 - s / HISTORY_SECONDS);
    ctx.fillText(s === 0 ? 'now' : `-${s} s`, Math.min(size.width - 16, Math.max(GUTTER + 16, x)), height + 6);
  }
}

/** The heat-strip canvas; redrawn on every sample and on resize. */
export const HeatStrip = memo(function HeatStrip({ history, lanes, size, theme }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const redraw = (): void => {
      draw(canvas, size, history, lanes);
      markCanvas(canvas, history, lanes);
    };
    redraw();
    return history.subscribe(redraw);
  }, [history, lanes, size, theme]);
  return (
    <canvas
      ref={canvasRef}
      className="fill-canvas"
      data-testid="heat-strip"
      role="img"
      aria-label={`Load of each of ${lanes} cores as colour, last ${HISTORY_SECONDS} s`}
    />
  );
});
