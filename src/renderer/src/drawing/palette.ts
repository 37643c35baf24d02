/**
 * How each lock state is painted. Colours are Okabe–Ito (styles/theme.css holds them per theme);
 * on top of hue, every state differs in pattern or lightness, so a colour-blind viewer (or a washed
 * out projector) still tells holding from waiting from I/O from blocked. palette.test.ts checks
 * this against theme.css under simulated deuteranopia.
 */
import type { Mode } from '../../../shared/experiments';
import type { DrawnState } from '../store/run-archive';

/** Solid fill, diagonal hatch, dots, or cross-hatch. */
export type PatternKind = 'solid' | 'hatch' | 'dots' | 'cross';

export interface StateLook {
  pattern: PatternKind;
  /** CSS custom property of the fill (for patterns: the ground under the marks). */
  ground: string;
  /** CSS custom property of the marks of a pattern. */
  marks: string | null;
  /** Legend text. */
  label: string;
}

export const STATE_LOOKS: Readonly<Record<DrawnState, StateLook>> = {
  holding: { pattern: 'solid', ground: '--hold', marks: null, label: 'runs, holds the GIL' },
  waiting: { pattern: 'hatch', ground: '--wait-ground', marks: '--wait-stripe', label: 'waits for the GIL' },
  io: { pattern: 'dots', ground: '--io', marks: '--io-dot', label: 'in I/O, GIL released' },
  free: { pattern: 'solid', ground: '--free', marks: null, label: 'runs, no shared GIL' },
  blocked: { pattern: 'cross', ground: '--blocked-ground', marks: '--blocked', label: 'blocked on other lock' },
  // A real thread seen from its own clock: it ran, or (the gap) it did not; never "waiting".
  'cpython-running': { pattern: 'solid', ground: '--real-run', marks: null, label: 'running (its own clock)' },
};

/** A tile of the pattern, drawn at `scale` so exported pictures keep fine stripes crisp. */
function tile(kind: Exclude<PatternKind, 'solid'>, ground: string, marks: string, scale: number): HTMLCanvasElement {
  const size = 10 * scale;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const t = canvas.getContext('2d');
  if (!t) return canvas;
  t.scale(scale, scale);
  t.fillStyle = ground;
  t.fillRect(0, 0, 10, 10);
  t.strokeStyle = marks;
  t.fillStyle = marks;
  t.lineWidth = kind === 'cross' ? 2 : 2.5;
  if (kind === 'dots') {
    t.beginPath();
    t.arc(2.5, 2.5, 1.5, 0, Math.PI * 2);
    t.arc(7.5, 7.5, 1.5, 0, Math.PI * 2);
    t.fill();
    return canvas;
  }
  t.beginPath();
  // Extra strokes at the corners so stripes continue across tile edges.
  t.moveTo(-2, 12);
  t.lineTo(12, -2);
  t.moveTo(-2, 2);
  t.lineTo(2, -2);
  t.moveTo(8, 12);
  t.lineTo(12, 8);
  if (kind === 'cross') {
    t.moveTo(-2, -2);
    t.lineTo(12, 12);
    t.moveTo(8, -2);
    t.lineTo(12, 2);
    t.moveTo(-2, 8);
    t.lineTo(2, 12);
  }
  t.stroke();
  return canvas;
}

/**
 * The fill of each state for a canvas drawn in layout pixels scaled by `ratio`: a colour, or a
 * pattern whose tile is drawn at the canvas's ratio and scaled back, so stripes stay sharp.
 */
export function stateFills(ctx: CanvasRenderingContext2D, read: (name: string) => string, ratio: number): Record<DrawnState, string | CanvasPattern> {
  const scale = Math.max(1, Math.round(ratio));
  const fill = (look: StateLook): string | CanvasPattern => {
    const ground = read(look.ground);
    if (look.pattern === 'solid' || look.marks === null) return ground;
    const pattern = ctx.createPattern(tile(look.pattern, ground, read(look.marks), scale), 'repeat');
    if (!pattern) return ground;
    pattern.setTransform(new DOMMatrix().scale(1 / scale, 1 / scale));
    return pattern;
  };
  return {
    holding: fill(STATE_LOOKS.holding),
    waiting: fill(STATE_LOOKS.waiting),
    io: fill(STATE_LOOKS.io),
    free: fill(STATE_LOOKS.free),
    blocked: fill(STATE_LOOKS.blocked),
    'cpython-running': fill(STATE_LOOKS['cpython-running']),
  };
}

// ---- colour arithmetic, for the palette's own test ----

/** sRGB channels 0–255 of `#rgb`, `#rrggbb` or `rgb()/rgba()` (alpha composited on `over`). */
export function parseColour(text: string, over: readonly number[] = [0, 0, 0]): [number, number, number] | null {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
  if (hex) {
    const h = (hex[1] as string).length === 3 ? (hex[1] as string).replace(/./g, (c) => c + c) : (hex[1] as string);
    return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  }
  const fn = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(text.trim());
  if (!fn) return null;
  const a = fn[4] === undefined ? 1 : Number(fn[4]);
  return [1, 2, 3].map((i) => Number(fn[i]) * a + (over[i - 1] ?? 0) * (1 - a)) as [number, number, number];
}

const toLinear = (c: number): number => {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};
const fromLinear = (v: number): number => {
  const c = Math.min(1, Math.max(0, v));
  return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
};

/** CIE L* (0 black – 100 white): how light a colour looks, whatever its hue. */
export function lightness(rgb: readonly number[]): number {
  const [r, g, b] = rgb.map(toLinear) as [number, number, number];
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const f = y > 216 / 24389 ? Math.cbrt(y) : (24389 / 27 * y + 16) / 116;
  return 116 * f - 16;
}

/** Relative luminance (WCAG 2): 0 for black, 1 for white. */
export function luminance(rgb: readonly number[]): number {
  const [r, g, b] = rgb.map(toLinear) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours, 1 (none) to 21 (black on white). */
export function contrast(a: readonly number[], b: readonly number[]): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/**
 * The colour that tells a state apart from the panel it is drawn on: the fill of a solid or dotted
 * state, the marks of a hatched one (its ground is a faint wash by design).
 */
export function identifyingColour(look: StateLook): string {
  return look.pattern === 'hatch' || look.pattern === 'cross' ? (look.marks ?? look.ground) : look.ground;
}

/** The colour as a deuteranope sees it (Machado, Oliveira & Fernandes 2009, severity 1). */
export function deuteranopia(rgb: readonly number[]): [number, number, number] {
  const [r, g, b] = rgb.map(toLinear) as [number, number, number];
  return [
    fromLinear(0.367322 * r + 0.860646 * g - 0.227968 * b),
    fromLinear(0.280085 * r + 0.672501 * g + 0.047413 * b),
    fromLinear(-0.01182 * r + 0.04294 * g + 0.968881 * b),
  ];
}

/** The theme colour of each mode (a CSS custom property), shared by chips, bars and lines. */
export const MODE_VAR: Readonly<Record<Mode, string>> = {
  sequential: '--seq',
  threads: '--hold',
  processes: '--free',
  'free-threaded': '--mode-free-threaded',
  interpreters: '--mode-interpreters',
  native: '--mode-native',
  asyncio: '--io',
  hybrid: '--mode-hybrid',
  'no-lock': '--mode-no-lock',
};
