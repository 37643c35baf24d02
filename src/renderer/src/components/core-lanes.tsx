/**
 * The cores as lanes: the last 30 s live, or a past run from start to end. The frame is drawn off
 * the page when the geometry changes, then copied under the lines once per frame in which a sample
 * arrived (the drawing is drawing/lanes-draw.ts). Step starts are marked with a labelled line.
 */
import { redrawWhileLive } from './live-redraw';
import { memo, useEffect, useRef } from 'react';
import { canvasRatio, restoreUnder, sizeCanvas, type Size } from '../drawing/canvas';
import { frameSignal } from '../drawing/frame-signal';
import { laneAxis, markCanvas, type LaneMark, type LaneWindow } from '../drawing/lane-axis';
import { drawLaneFrame, drawLanePlot, laneGeometry } from '../drawing/lanes-draw';
import { useLook, type ThemeName } from '../drawing/look';
import { cssVar } from '../drawing/theme-vars';
import type { LaneSource } from '../store/core-history';
import { HISTORY_SECONDS } from '../store/core-history';
import { describeLanes } from './describe-lanes';
import type { StageStore } from '../store/stage';
import { useFit } from './fit';

interface Props {
  source: LaneSource;
  range: LaneWindow;
  marks: readonly LaneMark[];
  lanes: number;
  size: Size;
  theme: ThemeName;
  /** Paused, the live view keeps its picture while samples keep arriving (see store/stage.ts). */
  stage: StageStore;
}

/** The lanes; the frame is drawn when the geometry changes, the lines once per frame with news. */
export const CoreLanes = memo(function CoreLanes({ source, range, marks, lanes, size, theme, stage }: Props) {
  const plotRef = useRef<HTMLCanvasElement>(null);
  // The frame, kept off the page (see restoreUnder).
  const frameRef = useRef<HTMLCanvasElement | null>(null);
  const recorded = range.kind === 'recorded';
  const look = useLook();
  const fit = useFit();

  useEffect(() => {
    const plot = plotRef.current;
    if (!plot || size.width <= 0 || size.height <= 0) return;
    const frame = (frameRef.current ??= document.createElement('canvas'));
    const ratio = canvasRatio(plot);
    // Opaque, on the panel's own colour (see sizeCanvas).
    const panel = cssVar('--panel');
    const frameCtx = sizeCanvas(frame, size, ratio, panel);
    const plotCtx = sizeCanvas(plot, size, ratio, panel);
    if (!frameCtx || !plotCtx) return;
    const g = laneGeometry(frameCtx, size, ratio, lanes, recorded, look.presentation);
    const axis = laneAxis(range, source.latest()?.t);
    drawLaneFrame(frameCtx, g, range, axis.min, axis.max);
    const redraw = (): void => {
      restoreUnder(plotCtx, frame, ratio);
      drawLanePlot(plotCtx, g, source, range, marks);
      markCanvas(plot, source, lanes);
    };
    redraw();
    if (recorded) return frameSignal(source).subscribe(redraw);
    // Live: paused, the lanes keep their picture; resuming draws the samples that came meanwhile.
    return redrawWhileLive(source, stage, redraw);
  }, [source, range, marks, lanes, size, theme, recorded, look, fit, stage]);

  return (
    <div className="chart-box">
      <canvas
        ref={plotRef}
        className="fill-canvas"
        data-testid="core-lanes"
        data-window={range.kind}
        role="img"
        aria-label={describeLanes({ what: 'Core lanes', cores: lanes, samples: source.all(), recorded, seconds: HISTORY_SECONDS })}
      />
    </div>
  );
});
