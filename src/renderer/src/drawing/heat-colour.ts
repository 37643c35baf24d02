/**
 * Load-to-colour ramp for the heat strip: dark to bright through red and orange (an inferno-like
 * ramp), ordered by lightness, so it reads in greyscale and for colour-blind viewers too.
 */
const STOPS: readonly (readonly [number, number, number])[] = [
  [20, 14, 40],
  [87, 16, 110],
  [188, 55, 84],
  [249, 142, 9],
  [252, 255, 164],
];

/** sRGB channels 0–255 for a load 0..100. */
export function heatRgb(load: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, load / 100)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(t));
  const f = t - i;
  const a = STOPS[i] as readonly [number, number, number];
  const b = STOPS[i + 1] as readonly [number, number, number];
  const mix = (k: 0 | 1 | 2): number => Math.round(a[k] + (b[k] - a[k]) * f);
  return [mix(0), mix(1), mix(2)];
}

/** CSS colour for a load 0..100. */
export function heatColour(load: number): string {
  const [r, g, b] = heatRgb(load);
  return `rgb(${r},${g},${b})`;
}

/** The ramp as a CSS gradient, for the heat strip's legend. */
export function heatGradient(): string {
  return `linear-gradient(to right, ${STOPS.map(([r, g, b]) => `rgb(${r},${g},${b})`).join(', ')})`;
}
