/**
 * Size of an element in layout pixels (before the stage's zoom, see fit.ts), kept current by a
 * ResizeObserver: canvases draw in these units so their text scales with the page's.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';
import { getLook } from './look';

/** CSS pixels. */
export interface Size {
  width: number;
  height: number;
}

/** The element's current size; 0x0 until it is laid out. */
export function useSize(ref: RefObject<HTMLElement | null>): Size {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = (): void => {
      const width = element.offsetWidth;
      const height = element.offsetHeight;
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
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

/**
 * Prepares a canvas for crisp drawing at the device pixel ratio and returns its 2D context
 * scaled so callers draw in CSS pixels.
 */
export function prepareCanvas(canvas: HTMLCanvasElement, size: Size): CanvasRenderingContext2D | null {
  return sizeCanvas(canvas, size, canvasRatio(canvas));
}
