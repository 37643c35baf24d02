/**
 * The lock states must stay apart for everyone in the room: any two states that share a pattern
 * differ clearly in lightness, for normal vision and under simulated deuteranopia, in both themes.
 * The colours are read from theme.css itself, so the test checks what is shipped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRAWN_STATES } from '../store/run-archive';
import { deuteranopia, lightness, parseColour, STATE_LOOKS } from './palette';

const css = readFileSync(join(__dirname, '..', 'styles', 'theme.css'), 'utf8');

/** The custom properties of one theme's block in theme.css. */
function themeVars(selector: RegExp): Map<string, string> {
  const block = selector.exec(css)?.[1] ?? '';
  return new Map([...block.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1] as string, (m[2] as string).trim()]));
}

const THEMES = {
  dark: themeVars(/:root\[data-theme='dark'\]\s*\{([^}]*)\}/),
  light: themeVars(/:root\[data-theme='light'\]\s*\{([^}]*)\}/),
};

/** Lightness a state's fill shows, on the panel's background (patterns: their ground). */
function fillOf(vars: Map<string, string>, name: string): [number, number, number] {
  const panel = parseColour(vars.get('--panel') ?? '') ?? [0, 0, 0];
  const colour = parseColour(vars.get(name) ?? '', panel);
  if (!colour) throw new Error(`${name} is not a colour: ${vars.get(name)}`);
  return colour;
}

const MIN_LIGHTNESS_GAP = 12;

describe('lock state palette', () => {
  it('parses colours and measures lightness', () => {
    expect(parseColour('#fff')).toEqual([255, 255, 255]);
    expect(lightness([255, 255, 255])).toBeCloseTo(100, 0);
    expect(lightness([0, 0, 0])).toBeCloseTo(0, 0);
    expect(parseColour('rgba(255, 255, 255, 0.5)', [0, 0, 0])?.[0]).toBeCloseTo(127.5, 1);
    // A deuteranope sees red and green alike: their simulated colours come close.
    const red = deuteranopia([213, 94, 0]);
    const green = deuteranopia([0, 158, 115]);
    expect(Math.abs(red[0] - green[0])).toBeLessThan(40);
  });

  it('gives every drawn state a look, and blocked a pattern of its own', () => {
    for (const state of DRAWN_STATES) expect(STATE_LOOKS[state]).toBeDefined();
    const patterns = DRAWN_STATES.filter((s) => STATE_LOOKS[s].pattern !== 'solid').map((s) => STATE_LOOKS[s].pattern);
    expect(new Set(patterns).size).toBe(patterns.length);
    expect(STATE_LOOKS.blocked.pattern).toBe('cross');
  });

  for (const [theme, vars] of Object.entries(THEMES)) {
    it(`keeps states apart in more than hue (${theme} theme, normal and deuteranope vision)`, () => {
      for (const look of Object.values(STATE_LOOKS)) {
        expect(vars.has(look.ground), look.ground).toBe(true);
        if (look.marks) expect(vars.has(look.marks), look.marks).toBe(true);
      }
      for (const [i, a] of DRAWN_STATES.entries()) {
        for (const b of DRAWN_STATES.slice(i + 1)) {
          const lookA = STATE_LOOKS[a];
          const lookB = STATE_LOOKS[b];
          if (lookA.pattern !== lookB.pattern) continue;
          const ca = fillOf(vars, lookA.ground);
          const cb = fillOf(vars, lookB.ground);
          expect(Math.abs(lightness(ca) - lightness(cb)), `${a} vs ${b}`).toBeGreaterThanOrEqual(MIN_LIGHTNESS_GAP);
          expect(Math.abs(lightness(deuteranopia(ca)) - lightness(deuteranopia(cb))), `${a} vs ${b}, deuteranopia`).toBeGreaterThanOrEqual(MIN_LIGHTNESS_GAP);
        }
      }
    });

    it(`draws pattern marks that stand out from their ground (${theme} theme)`, () => {
      for (const look of Object.values(STATE_LOOKS)) {
        if (!look.marks) continue;
        const gap = Math.abs(lightness(fillOf(vars, look.marks)) - lightness(fillOf(vars, look.ground)));
        expect(gap, look.marks).toBeGreaterThanOrEqual(MIN_LIGHTNESS_GAP);
      }
    });
  }
});
