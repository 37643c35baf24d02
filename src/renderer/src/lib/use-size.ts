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
 * Prepares a canvas for crisp drawing at the device pixel ratio and returns its 2D context
 * scaled so callers draw in CSS pixels.
 */
export function prepareCanvas(canvas: HTMLCanvasElement, size: Size): CanvasRenderingContext2D | null {
  // Backing pixels match the screen's (the device ratio times the stage's zoom), or the export's.
  const zoom = canvas.offsetWidth > 0 ? canvas.getBoundingClientRect().width / canvas.offsetWidth : 1;
  const ratio = getLook().exportRatio ?? (window.devicePixelRatio || 1) * (Number.isFinite(zoom) && zoom > 0 ? zoom : 1);
  const width = Math.max(1, Math.round(size.width * ratio));
  const height = Math.max(1, Math.round(size.height * ratio));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, size.width, size.height);
  return ctx;
}
