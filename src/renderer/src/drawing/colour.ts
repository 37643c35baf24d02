/** Colour helpers for charts that need a faded variant of a theme colour. */

/** `#rrggbb` (or `#rgb`) with an alpha, as rgba(); other colour strings are returned unchanged. */
export function withAlpha(colour: string, alpha: number): string {
  const hex = colour.trim().replace('#', '');
  const full = hex.length === 3 ? hex.replace(/./g, (c) => c + c) : hex;
  if (!/^[0-9a-fA-F]{6}$/.test(full)) return colour;
  const n = Number.parseInt(full, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
