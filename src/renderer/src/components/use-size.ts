/**
 * Size of an element in layout pixels (before the stage's zoom, see fit.ts), kept current by a
 * ResizeObserver: canvases draw in these units so their text scales with the page's.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';
import type { Size } from '../drawing/canvas';

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
