/**
 * The lock states must stay apart for everyone in the room: any two states that share a pattern
 * differ clearly in lightness, for normal vision and under simulated deuteranopia, in both themes.
 * The colours are read from theme.css itself, so the test checks what is shipped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRAWN_STATES } from '../store/run-archive';
import { contrast, deuteranopia, identifyingColour, lightness, parseColour, STATE_LOOKS } from './palette';

const css = readFileSync(join(__dirname, '..', 'styles', 'theme.css'), 'utf8');
const presentationCss = readFileSync(join(__dirname, '..', 'styles', 'presentation.css'), 'utf8');

/** The custom properties of one theme's block in theme.css (or another sheet). */
function themeVars(selector: RegExp, sheet = css): Map<string, string> {
  const block = selector.exec(sheet)?.[1] ?? '';
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

/** WCAG 1.4.11: a graphical object needed to understand the picture keeps 3:1 against what is next to it. */
const MIN_GRAPHIC_CONTRAST = 3;

/** The grounds lock states are drawn beside: the page and the panels, also in presentation mode. */
function grounds(theme: 'dark' | 'light'): Map<string, [number, number, number]> {
  const vars = THEMES[theme];
  const stage = themeVars(new RegExp(`:root\\[data-presentation='on'\\]\\[data-theme='${theme}'\\]\\s*\\{([^}]*)\\}`), presentationCss);
  const out = new Map<string, [number, number, number]>();
  for (const [name, source] of [['--bg', vars], ['--panel', vars], ['presentation --bg', stage], ['presentation --panel', stage]] as const) {
    const text = source.get(name.replace('presentation ', ''));
    const colour = text === undefined ? null : parseColour(text);
    if (colour) out.set(name, colour);
  }
  return out;
}

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

  it('computes WCAG contrast', () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrast([255, 255, 255], [0, 0, 0])).toBeCloseTo(21, 5);
    expect(contrast([119, 119, 119], [255, 255, 255])).toBeCloseTo(4.48, 2);
    // The light theme's first amber (Okabe-Ito #e69f00) fails on white: the test below can fail.
    expect(contrast([230, 159, 0], [255, 255, 255])).toBeLessThan(MIN_GRAPHIC_CONTRAST);
  });

  for (const theme of ['dark', 'light'] as const) {
    it(`keeps every lock state at 3:1 against the page and the panels (${theme} theme)`, () => {
      const around = grounds(theme);
      expect([...around.keys()]).toEqual(expect.arrayContaining(['--bg', '--panel', 'presentation --bg']));
      for (const state of DRAWN_STATES) {
        const name = identifyingColour(STATE_LOOKS[state]);
        for (const [where, ground] of around) {
          const colour = parseColour(THEMES[theme].get(name) ?? '', ground);
          expect(colour, `${name} parses`).not.toBeNull();
          expect(contrast(colour as [number, number, number], ground), `${state} (${name}) on ${where}`).toBeGreaterThanOrEqual(MIN_GRAPHIC_CONTRAST);
        }
      }
    });
  }

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
