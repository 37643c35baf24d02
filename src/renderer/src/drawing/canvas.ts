/**
 * Canvas backing stores sized for crisp drawing: at the screen's ratio (the device's times the
 * stage's zoom, see components/fit.ts) or at the export's. Sizes are layout pixels (before the
 * zoom), so canvases draw in the same units as the page and their text scales with it.
 */
import { getLook } from './look';

/** CSS pixels. */
export interface Size {
  width: number;
  height: number;
}

/** The zoom in force now (1 before the app mounts), for canvases that size their own backing store. */
export function currentZoom(): number {
  const app = document.querySelector<HTMLElement>('.app');
  const zoom = app ? Number.parseFloat(getComputedStyle(app).zoom) : 1;
  return Number.isFinite(zoom) && zoom > 0 ? zoom : 1;
}

/** Backing-store pixels per layout pixel for a chart: crisp at any zoom, and at the export's ratio. */
export function chartPixelRatio(): number {
  return getLook().exportRatio ?? (window.devicePixelRatio || 1) * currentZoom();
}

/**
 * Backing pixels per layout pixel for a canvas: the screen's (the device ratio times the stage's
 * zoom), or the export's. Reads layout, so call it when the geometry changes, not per frame.
 */
export function canvasRatio(canvas: HTMLCanvasElement): number {
  const zoom = canvas.offsetWidth > 0 ? canvas.getBoundingClientRect().width / canvas.offsetWidth : 1;
  return getLook().exportRatio ?? (window.devicePixelRatio || 1) * (Number.isFinite(zoom) && zoom > 0 ? zoom : 1);
}

/**
 * Sizes a canvas's backing store for `size` at `ratio` (only if it differs: resizing clears and
 * reallocates it) and returns its 2D context cleared and scaled so callers draw in CSS pixels.
 *
 * With `opaque` (the colour behind the canvas), the canvas has no alpha and starts filled with it:
 * the compositor copies an opaque canvas instead of blending it over the page, which is most of
 * what a canvas redrawn five times a second costs where compositing runs in software. A canvas's
 * alpha is fixed by its first getContext, so one canvas is always opaque or never.
 */
export function sizeCanvas(canvas: HTMLCanvasElement, size: Size, ratio: number, opaque?: string): CanvasRenderingContext2D | null {
  const width = Math.max(1, Math.round(size.width * ratio));
  const height = Math.max(1, Math.round(size.height * ratio));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d', { alpha: opaque === undefined });
  if (!ctx) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  if (opaque === undefined) ctx.clearRect(0, 0, size.width, size.height);
  else {
    ctx.fillStyle = opaque;
    ctx.fillRect(0, 0, size.width, size.height);
  }
  return ctx;
}

/**
 * Copies `under` (a canvas sized like `canvas` by sizeCanvas, kept off the page) onto `canvas`
 * pixel for pixel, replacing what it showed, and leaves the context scaled to CSS pixels. Chromium
 * uploads every canvas on the page with every frame, whatever changed; a panel's fixed parts kept
 * off the page and copied in cost nothing in the frames that do not redraw it.
 */
export function restoreUnder(ctx: CanvasRenderingContext2D, under: HTMLCanvasElement, ratio: number): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  // 'copy' replaces the pixels outright: no clearing first, no blending.
  ctx.globalCompositeOperation = 'copy';
  ctx.drawImage(under, 0, 0);
  ctx.globalCompositeOperation = 'source-over';
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
}
