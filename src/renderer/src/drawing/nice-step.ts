/** Round numbers for axes: the one rule every chart's ticks and ends are chosen by. */

/** The smallest of `multiples` times a power of ten that is at least `value` (> 0). */
export function niceAbove(value: number, multiples: readonly number[] = [1, 2, 5, 10]): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return (multiples.find((m) => m * power >= value) ?? 10) * power;
}

/** A tick step of 1, 2 or 5 times a power of ten giving at most `most` ticks over `span`. */
export const tickStep = (span: number, most: number): number => niceAbove(Math.max(span, 1e-9) / most);
