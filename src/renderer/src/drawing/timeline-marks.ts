/**
 * What is drawn over a lock timeline's bars: where the start signal was given, and a replay's
 * clock. Split from timeline-draw.ts, which lays out the frame and the bars.
 */
import type { TimelineStyle } from './timeline-draw';
import type { TimelineGeometry } from './timeline-geometry';

/** A replay's clock: a solid line across the rows with the step time above the axis. */
export function drawPlayhead(ctx: CanvasRenderingContext2D, g: TimelineGeometry, until: number, style: TimelineStyle): void {
  const x = g.gutter + (until - g.t0) * g.pxPerMs;
  if (x < g.gutter - 1 || x > g.gutter + g.width + 1) return;
  ctx.save();
  ctx.strokeStyle = style.text;
  ctx.lineWidth = Math.max(2, 2 * style.scale);
  ctx.beginPath();
  ctx.moveTo(Math.round(x) + 0.5, 0);
  ctx.lineTo(Math.round(x) + 0.5, g.height);
  ctx.stroke();
  ctx.restore();
}

/**
 * A quiet dashed line where the start signal was given: before it the workers were being spawned
 * (interpreter start-up, which is part of what a process costs), after it they ran.
 */
export function drawStartMarker(ctx: CanvasRenderingContext2D, x: number, height: number, style: TimelineStyle): void {
  const px = Math.round(x) + 0.5;
  ctx.save();
  ctx.strokeStyle = style.muted;
  ctx.globalAlpha = 0.8;
  ctx.setLineDash([4, 4]);
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(px, 0);
  ctx.lineTo(px, height);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  ctx.font = `${Math.round(13 * style.scale)}px ${style.font}`;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  const label = 'start';
  const w = ctx.measureText(label).width + 8;
  ctx.fillStyle = style.panel;
  ctx.fillRect(px + 2, 1, w, Math.round(17 * style.scale));
  ctx.fillStyle = style.muted;
  ctx.fillText(label, px + 6, 3);
  ctx.restore();
}
