/**
 * The cores panel for many-core machines: one thin row per core, time left to right, colour for
 * load. Lines would be thinner than a few pixels there; a grid of colour stays readable at 128.
 */
import { memo, useEffect, useRef } from 'react';
import type { CoreSample } from '../../../shared/results';
import { heatColour } from '../lib/heat-colour';
import { fontPx, useLook } from '../lib/look';
import { cssVar, fontFamily, type ThemeName } from '../lib/theme';
import { prepareCanvas, type Size } from '../lib/use-size';
import { HISTORY_SECONDS, laneAxis, markCanvas, type LaneMark, type LaneSource, type LaneWindow } from '../state/core-history';
import { drawMarks } from './core-lanes';

interface Props {
  history: LaneSource;
  range: LaneWindow;
  marks: readonly LaneMark[];
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

function draw(canvas: HTMLCanvasElement, size: Size, history: LaneSource, range: LaneWindow, marks: readonly LaneMark[], lanes: number): void {
  const ctx = prepareCanvas(canvas, size);
  if (!ctx || size.width <= GUTTER || size.height <= AXIS) return;
  const width = size.width - GUTTER;
  const height = size.height - AXIS;
  const row = height / lanes;
  const samples: readonly CoreSample[] = history.all();
  const latest = samples[samples.length - 1];
  const axis = laneAxis(range, latest?.t);
  const xOf = (t: number): number => GUTTER + (width * (axis.x(t) - axis.min)) / (axis.max - axis.min);

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
  ctx.font = `${fontPx(14)}px ${family}`;
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
  const span = axis.max - axis.min;
  const tick = range.kind === 'live' ? 5 : ([0.5, 1, 2, 5, 10, 20, 30, 60].find((s) => span / s <= 8) ?? 120);
  for (let s = 0; s <= span + 1e-9; s += tick) {
    const x = GUTTER + width * (s / span);
    const label = range.kind === 'live' ? (s === span ? 'now' : `-${HISTORY_SECONDS - s} s`) : `${s} s`;
    ctx.fillText(label, Math.min(size.width - 16, Math.max(GUTTER + 16, x)), height + 6);
  }
  drawMarks(ctx, marks.map((m) => ({ x: xOf(m.t), label: m.label })), 0, height, GUTTER, size.width);
}

/** The heat-strip canvas; redrawn on every sample and on resize. */
export const HeatStrip = memo(function HeatStrip({ history, range, marks, lanes, size, theme }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const look = useLook();
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const redraw = (): void => {
      draw(canvas, size, history, range, marks, lanes);
      markCanvas(canvas, history, lanes);
    };
    redraw();
    return history.subscribe(redraw);
  }, [history, range, marks, lanes, size, theme, look]);
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
