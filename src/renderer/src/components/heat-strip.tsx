/**
 * The cores for many-core machines: one thin row per core, time left to right, colour for load
 * (the drawing, and why it scrolls instead of redrawing, is drawing/heat-strip-draw.ts). Labels
 * are drawn off the page when the geometry changes; each frame with news copies them and the
 * colour grid onto the canvas and draws the step marks over them.
 */
import { redrawWhileLive } from './live-redraw';
import { memo, useEffect, useRef } from 'react';
import { canvasRatio, restoreUnder, sizeCanvas, type Size } from '../drawing/canvas';
import { frameSignal } from '../drawing/frame-signal';
import { AXIS, columnsFor, drawHeatFrame, GUTTER, HeatGrid, RAMP, type HeatColumns } from '../drawing/heat-strip-draw';
import { laneAxis, markCanvas, type LaneMark, type LaneWindow } from '../drawing/lane-axis';
import { useLook, type ThemeName } from '../drawing/look';
import { drawMarks, markLook } from '../drawing/step-marks';
import { HISTORY_SECONDS, type LaneSource } from '../store/core-history';
import { describeLanes } from './describe-lanes';
import type { StageStore } from '../store/stage';
import { useFit } from './fit';

interface Props {
  history: LaneSource;
  range: LaneWindow;
  marks: readonly LaneMark[];
  lanes: number;
  size: Size;
  theme: ThemeName;
  /** Paused, the live view keeps its picture while samples keep arriving (see store/stage.ts). */
  stage: StageStore;
}

/** The heat strip; labels drawn on geometry changes, colours once per frame with news. */
export const HeatStrip = memo(function HeatStrip({ history, range, marks, lanes, size, theme, stage }: Props) {
  const plotRef = useRef<HTMLCanvasElement>(null);
  const frameRef = useRef<HTMLCanvasElement | null>(null);
  const columnsRef = useRef<HeatColumns | null>(null);
  const look = useLook();
  const fit = useFit();
  useEffect(() => {
    const plot = plotRef.current;
    if (!plot) return;
    const frame = (frameRef.current ??= document.createElement('canvas'));
    const ratio = canvasRatio(plot);
    // Not opaque, unlike the lanes: measured, an opaque strip costs the page more per frame than
    // the compositor saves (bench frame-time: p95 16 ms opaque, 12.5 ms not).
    const frameCtx = sizeCanvas(frame, size, ratio);
    const ctx = sizeCanvas(plot, size, ratio);
    if (!frameCtx || !ctx || size.width <= GUTTER || size.height <= AXIS) return;
    drawHeatFrame(frameCtx, size, range, lanes, laneAxis(range, history.latest()?.t));
    const width = size.width - GUTTER;
    const height = size.height - AXIS;
    const grid = new HeatGrid(Math.round(width * ratio), Math.round(Math.floor(height) * ratio), Math.max(1, Math.round(2 * ratio)), `rgb(${(RAMP[0] as number[]).join(',')})`);
    const marksLook = markLook();
    // The ring of per-sample colours outlives the grid: a resize does not colour every sample again.
    const columns = (count: number) => (): HeatColumns => (columnsRef.current = columnsFor(columnsRef.current, lanes, count));
    // Labels and axis once per geometry; each redraw paints the plot over them.
    restoreUnder(ctx, frame, ratio);
    const redraw = (): void => {
      const samples = history.all();
      const latest = samples[samples.length - 1];
      if (range.kind === 'live') grid.live(samples, columns(samples.length), HISTORY_SECONDS * 1000);
      else if (latest) grid.recorded(samples, columns(samples.length), range.from, range.to);
      // The opaque grid covers the plot and the marks drawn there last time; only the sliver of
      // backing rows below it is given its frame back, so a frame copies the plot once, not twice.
      const gx = Math.round(GUTTER * ratio);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      grid.copyTo(ctx, gx, 0);
      const sliver = Math.ceil(height * ratio) + 2 - grid.height;
      if (sliver > 0) {
        ctx.clearRect(gx, grid.height, grid.width, sliver);
        ctx.drawImage(frame, gx, grid.height, grid.width, sliver, gx, grid.height, grid.width, sliver);
      }
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      const axis = laneAxis(range, latest?.t);
      const xOf = (t: number): number => GUTTER + (width * (axis.x(t) - axis.min)) / (axis.max - axis.min);
      ctx.save();
      ctx.beginPath();
      ctx.rect(GUTTER, 0, width, grid.height / ratio);
      ctx.clip();
      drawMarks(ctx, marks.map((m) => ({ x: xOf(m.t), label: m.label })), 0, height, GUTTER, size.width, marksLook);
      ctx.restore();
      markCanvas(plot, history, lanes);
    };
    redraw();
    // A past run changes only while a replay's clock moves (a plain record's source never signals).
    if (range.kind !== 'live') return frameSignal(history).subscribe(redraw);
    // Live: paused, the strip keeps its picture; resuming draws the samples that came meanwhile.
    return redrawWhileLive(history, stage, redraw);
  }, [history, range, marks, lanes, size, theme, look, fit, stage]);
  return (
    <canvas
      ref={plotRef}
      className="fill-canvas"
      data-testid="heat-strip"
      role="img"
      aria-label={describeLanes({ what: 'Core heat strip', cores: lanes, samples: history.all(), recorded: range.kind !== 'live', seconds: HISTORY_SECONDS })}
    />
  );
});
