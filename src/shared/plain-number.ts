/**
 * Numbers typed by a person (command-line options), read as plain decimals only. `Number()`
 * accepts far more than anyone means: "0x11" is 17, "1e1" is 10, " 4" is 4 and "" is 0, so
 * `--port ''` would ask for any port. Here those are refused with a sentence instead.
 */

/** Digits with an optional sign and fraction: 4, -3, 0.5. No hex, exponent, spaces or bare dot. */
const DECIMAL = /^-?\d+(\.\d+)?$/;
const WHOLE = /^-?\d+$/;

export type NumberText = { ok: true; value: number } | { ok: false; reason: string };

/** The text as a person typed it, short and with its spaces visible. */
const shown = (raw: string): string => JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);

/**
 * Reads `raw` as a plain decimal (`kind: 'decimal'`) or a whole number (`kind: 'whole'`). A sign
 * is kept so that the caller's range check can say "at least 1" rather than "not a number".
 */
export function parsePlainNumber(label: string, raw: string, kind: 'whole' | 'decimal'): NumberText {
  const example = kind === 'whole' ? '4' : '0.5';
  if (raw === '') return { ok: false, reason: `${label} must be a number, not empty` };
  if (!DECIMAL.test(raw)) return { ok: false, reason: `${label} must be a number written in plain digits, like ${example}, not ${shown(raw)}` };
  if (kind === 'whole' && !WHOLE.test(raw)) return { ok: false, reason: `${label} must be a whole number, not ${shown(raw)}` };
  return { ok: true, value: Number(raw) };
}

export const PORT_MAX = 65535;

/** A TCP port typed by a person: plain digits from 0 (any free port) to 65535; throws a sentence. */
export function parsePort(raw: string, label = '--port'): number {
  const read = parsePlainNumber(label, raw, 'whole');
  if (read.ok && read.value >= 0 && read.value <= PORT_MAX) return read.value;
  throw new RangeError(`${label} must be a whole number from 0 to ${PORT_MAX}, not ${shown(raw)}`);
}
