/**
 * Text that changes several times a second (a figure, a clock). Changing a text node normally lays
 * out the whole page again, several milliseconds on a slow machine, for every sample; here the
 * value sits in a box that is laid out on its own. The box takes its size from the value's shape
 * (every digit as 0: tabular figures make all digits that wide), drawn invisibly in a pseudo-element
 * so it is neither read aloud nor copied; the page is laid out again only when the value needs
 * another width (a digit more, another word), not when its digits merely move (boxShape).
 *
 * The value follows a store (or a clock) on its own, writing its text in the frame the store
 * changed in, so a sample costs no React render at all.
 */
import { useLayoutEffect, useRef } from 'react';
import { frameSignal, frameTicker, type Versioned } from '../drawing/frame-signal';

/** Every digit as 0: values with the same shape take the same room in tabular figures. */
export const shapeOf = (text: string): string => text.replace(/\d/g, '0');

/**
 * The shape to size the box by when `text` is shown and the box has `kept`: the kept one while the
 * text needs the same width (as many digits, the same other characters in the same order, so
 * "9.99" going to "10.0" keeps "0.00"), else the text's own. Each change of shape lays out the
 * whole page (3-4 ms on a slow machine); a figure crossing 9.99 or 99.9 needs none.
 */
export function boxShape(text: string, kept: string | undefined): string {
  const shape = shapeOf(text);
  if (kept === undefined || kept === shape) return shape;
  const digits = (s: string): number => s.length - s.replace(/0/g, '').length;
  const others = (s: string): string => s.replace(/0/g, '');
  return digits(kept) === digits(shape) && others(kept) === others(shape) ? kept : shape;
}

/**
 * Shows `read()` in a box laid out on its own: now, whenever `source` changes (at most once per
 * frame), and at least every `update` ms for clocks (see frameTicker). React renders the boxes
 * only, never the text, so the two never fight over it.
 */
export function LiveValue({ source, read, update }: { source?: Versioned; read: () => string; update?: number }) {
  const box = useRef<HTMLSpanElement>(null);
  const show = useRef<(() => void) | null>(null);
  const latest = useRef(read);

  useLayoutEffect(() => {
    const outer = box.current;
    const inner = outer?.firstElementChild;
    if (!outer || !(inner instanceof HTMLElement)) return;
    // One text node, changed in place: a new node would need its style computed on every change.
    const node = inner.appendChild(document.createTextNode(''));
    const paint = (): void => {
      const text = latest.current();
      if (node.data !== text) node.data = text;
      const shape = boxShape(text, outer.dataset.shape);
      if (outer.dataset.shape !== shape) outer.dataset.shape = shape;
    };
    show.current = paint;
    paint();
    const off = source ? frameSignal(source).subscribe(paint, 'dom') : null;
    const stop = update ? frameTicker(update, paint) : null;
    return () => {
      off?.();
      stop?.();
      show.current = null;
      node.remove();
    };
  }, [source, update]);

  // A new `read` (other props upstream) shows at once.
  useLayoutEffect(() => {
    latest.current = read;
    show.current?.();
  });

  return (
    <span ref={box} className="live-text">
      <span className="live-text-value" />
    </span>
  );
}
