/**
 * A lab everyone can use, through the browser edition: axe finds no serious or critical violation
 * in either theme, in presentation mode, with each dialog open and after a run; the keyboard acts
 * on the focused control only and its single-key shortcuts can be turned off; the browser's zoom
 * is honoured up to 200 %; reduced motion means no transitions.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ROOT, startWebHost, type RunningHost } from './web-host';

/** Where the pictures of the light theme and presentation mode go, to be looked at. */
const SHOTS = process.env.GIL_LAB_A11Y_SHOTS ?? join(ROOT, 'test-results', 'a11y');

/** The few page-side names used below (this project is type-checked without the DOM's types). */
interface PageElement {
  matches(selector: string): boolean;
  contains(other: unknown): boolean;
  getBoundingClientRect(): { left: number; right: number; top: number; bottom: number; height: number };
  blur?: () => void;
}
interface PageGlobals {
  devicePixelRatio: number;
  getComputedStyle(element: PageElement): Record<string, string>;
  document: {
    activeElement: PageElement | null;
    body: PageElement;
    scrollingElement: { scrollWidth: number; scrollHeight: number; clientWidth: number; clientHeight: number };
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
  };
}
const blur = (page: Page): Promise<void> => page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.blur?.());

let host: RunningHost;

// A host per test: each starts from fresh preferences (the theme and presentation mode are kept).
test.beforeEach(async () => {
  host = await startWebHost();
});

test.afterEach(async () => {
  await host?.stop();
});

/** Serious and critical violations on the page as it is now, one line each, with where they are. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`));
}

async function setTheme(page: Page, theme: 'dark' | 'light'): Promise<void> {
  if ((await page.locator('html').getAttribute('data-theme')) !== theme) await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

async function setPresentation(page: Page, on: boolean): Promise<void> {
  const app = page.locator('.app');
  if ((await app.getAttribute('data-presentation')) !== (on ? 'on' : 'off')) await page.getByTestId('presentation-toggle').click();
  await expect(app).toHaveAttribute('data-presentation', on ? 'on' : 'off');
}

async function runSmallCpuBound(page: Page, seconds = '0.2'): Promise<void> {
  await page.getByTestId('lesson-cpu-bound').click();
  await page.getByLabel(/seconds/i).fill(seconds);
  await page.getByLabel(/workers/i).fill('2');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-phase', 'finished', { timeout: 90_000 });
  await expect(page.getByTestId('result-row')).toHaveCount(3);
}

test('axe finds no serious violation: themes, presentation, dialogs, after a run', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('lesson-view')).toBeVisible();
  const found: Record<string, string[]> = {};
  const check = async (state: string): Promise<void> => {
    found[state] = await seriousViolations(page);
  };
  for (const after of ['before', 'after'] as const) {
    if (after === 'after') await runSmallCpuBound(page);
    for (const theme of ['dark', 'light'] as const) {
      await setTheme(page, theme);
      for (const presentation of [false, true]) {
        await setPresentation(page, presentation);
        const state = `${theme}${presentation ? ' presentation' : ''} ${after} a run`;
        await check(state);
        if (after === 'after' && theme === 'light') {
          mkdirSync(SHOTS, { recursive: true });
          await page.screenshot({ path: join(SHOTS, `light${presentation ? '-presentation' : ''}-after-run.png`) });
        }
        await page.getByTestId('help-button').click();
        await expect(page.getByTestId('help-overlay')).toBeVisible();
        await check(`${state}, help open`);
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('help-overlay')).toHaveCount(0);
        await page.getByTestId('export-button').click();
        await expect(page.getByTestId('export-dialog')).toBeVisible();
        await check(`${state}, export open`);
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('export-dialog')).toHaveCount(0);
      }
    }
  }
  const failing = Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0));
  expect(failing).toEqual({});
});

test('dialogs are native and modal: focus stays inside, the page behind is inert, Esc closes and gives focus back', async ({ page }) => {
  await page.goto(host.url);
  const helpButton = page.getByTestId('help-button');
  await helpButton.click();
  const help = page.getByTestId('help-overlay');
  await expect(help).toBeVisible();
  expect(await help.evaluate((d) => (d as unknown as PageElement).matches('dialog:modal'))).toBe(true);
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await help.evaluate((d) => d.contains((globalThis as unknown as PageGlobals).document.activeElement))).toBe(true);
  }
  // The lab behind cannot be reached: what lies at its theme switch is the dialog.
  const box = await page.getByTestId('theme-toggle').boundingBox();
  expect(box).not.toBeNull();
  const hit = await help.evaluate((d, at) => {
    const { document } = globalThis as unknown as PageGlobals & { document: { elementFromPoint(x: number, y: number): unknown } };
    return d.contains(document.elementFromPoint(at.x, at.y));
  }, { x: (box?.x ?? 0) + (box?.width ?? 0) / 2, y: (box?.y ?? 0) + (box?.height ?? 0) / 2 });
  expect(hit).toBe(true);
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(helpButton).toBeFocused();

  await page.getByTestId('export-button').click();
  const exporter = page.getByTestId('export-dialog');
  await expect(exporter).toBeVisible();
  expect(await exporter.evaluate((d) => (d as unknown as PageElement).matches('dialog:modal'))).toBe(true);
  await expect(page.getByTestId('export-save')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(exporter).toHaveCount(0);
});

test('keys: a focused row or field keeps its keys; the live region announces states, not the clock', async ({ page }) => {
  await page.goto(host.url);
  const app = page.locator('.app');
  const status = page.getByTestId('run-status');
  const said = page.getByTestId('run-announcement');
  await expect(said).toHaveText('');

  // A shortcut typed into a field does nothing but type.
  await page.getByTestId('lesson-cpu-bound').click();
  await page.getByLabel(/workers/i).focus();
  for (const key of ['p', 'e', '?', ' ']) await page.keyboard.press(key);
  await expect(app).toHaveAttribute('data-presentation', 'off');
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);
  await expect(page.getByTestId('help-overlay')).toHaveCount(0);
  await expect(status).toHaveAttribute('data-phase', 'idle');

  // Letters and ? are no shortcut while a button or a radio has the focus (WCAG 2.1.4).
  const radio = page.locator('[data-testid^="predict-"]').first();
  for (const control of [page.getByTestId('run-button'), page.getByTestId('theme-toggle'), radio]) {
    await control.focus();
    for (const key of ['p', 'e', '?', 'f']) await page.keyboard.press(key);
  }
  await expect(app).toHaveAttribute('data-presentation', 'off');
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);
  await expect(page.getByTestId('help-overlay')).toHaveCount(0);
  await expect(page.getByTestId('stage-freeze')).toHaveAttribute('aria-pressed', 'false');
  await expect(status).toHaveAttribute('data-phase', 'idle');
  // The same key with nothing focused is the shortcut: the check above could fail.
  await blur(page);
  await page.keyboard.press('p');
  await expect(app).toHaveAttribute('data-presentation', 'on');
  await page.keyboard.press('p');
  await expect(app).toHaveAttribute('data-presentation', 'off');

  // Space on a focused button presses that button only.
  await page.getByTestId('lesson-io-bound').focus();
  await page.keyboard.press(' ');
  await expect(page.getByTestId('lesson-view')).toHaveAttribute('data-lesson', 'io-bound');
  await expect(status).toHaveAttribute('data-phase', 'idle');

  // A run long enough to hear: the live region says the step, and keeps saying it while the clock ticks.
  await page.getByTestId('lesson-cpu-bound').click();
  await page.getByLabel(/seconds/i).fill('1.5');
  await page.getByLabel(/workers/i).fill('2');
  await page.getByTestId('run-button').click();
  await expect(status).toHaveAttribute('data-step', /.+/, { timeout: 60_000 });
  await expect(said).toHaveText(/^Step started: /);
  const step = await status.getAttribute('data-step');
  const spoken = await said.textContent();
  const shown = await status.textContent();
  // The clock on screen moves on; the words read aloud do not, while the step is the same.
  await expect.poll(() => status.textContent(), { timeout: 5_000 }).not.toBe(shown);
  if ((await status.getAttribute('data-step')) === step) expect(await said.textContent()).toBe(spoken);
  await expect(status).toHaveAttribute('data-phase', 'finished', { timeout: 90_000 });
  await expect(said).toHaveText(/^Finished in [\d.]+ s\.$/);

  // Space on a result row shows that run and starts nothing.
  const row = page.getByTestId('result-row').first();
  await row.focus();
  await page.keyboard.press(' ');
  await expect(page.getByTestId('results-panel')).toHaveAttribute('data-run', '1');
  await expect(status).toHaveAttribute('data-phase', 'finished');
  await page.waitForTimeout(500);
  await expect(status).toHaveAttribute('data-phase', 'finished');
  await expect(page.getByTestId('result-row')).toHaveCount(3);

  // The canvases say what they show, from the run's numbers.
  await expect(page.getByTestId('timeline-panel').locator('canvas[role="img"]')).toHaveAttribute('aria-label', /^Lock timeline of .+: \d+ (threads|processes|workers)/);
  await expect(page.getByTestId('core-lanes').or(page.getByTestId('heat-strip')).first()).toHaveAttribute('aria-label', /\d+ cores?, .*mean load \d+ %/);
});

test('single-key shortcuts can be turned off, and stay off after a reload', async ({ page }) => {
  await page.goto(host.url);
  const app = page.locator('.app');
  await page.getByTestId('help-button').click();
  const toggle = page.getByTestId('shortcuts-toggle');
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await page.getByTestId('help-close').click();
  await blur(page);
  for (const key of ['p', 'e', '?', ' ', 'ArrowDown']) await page.keyboard.press(key);
  await expect(app).toHaveAttribute('data-presentation', 'off');
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);
  await expect(page.getByTestId('help-overlay')).toHaveCount(0);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-phase', 'idle');
  await expect
    .poll(() => {
      try {
        return JSON.parse(readFileSync(join(host.configDir, 'preferences.json'), 'utf8'));
      } catch {
        return {};
      }
    })
    .toMatchObject({ shortcuts: false });

  await page.reload();
  await page.getByTestId('help-button').click();
  await expect(page.getByTestId('shortcuts-toggle')).not.toBeChecked();
  await page.getByTestId('shortcuts-toggle').check();
  await page.getByTestId('help-close').click();
  await blur(page);
  await page.keyboard.press('p');
  await expect(app).toHaveAttribute('data-presentation', 'on');
  await page.keyboard.press('p');
  await expect(app).toHaveAttribute('data-presentation', 'off');
});

test('browser zoom at 200 %: text twice as large, nothing clipped (the page scrolls)', async ({ page }) => {
  await page.goto(host.url);
  const heading = page.locator('.lesson-heading').first();
  await expect(heading).toBeVisible();
  /** The heading's height in device pixels: what the eye sees. */
  const deviceHeight = (): Promise<number> => heading.evaluate((h) => (h as unknown as PageElement).getBoundingClientRect().height * (globalThis as unknown as PageGlobals).devicePixelRatio);
  const before = await deviceHeight();
  // What Ctrl + does to a page, up to 200 %: half the CSS pixels across, twice the device pixels per CSS pixel.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 960, height: 540, deviceScaleFactor: 2, mobile: false });
  await expect(page.locator('.app')).toHaveAttribute('data-user-zoom', '2.00');
  const ratio = (await deviceHeight()) / before;
  expect(ratio, 'text grows with the zoom').toBeGreaterThan(1.8);
  const layout = await page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
    const page = document.scrollingElement;
    const panels = [...document.querySelectorAll('.panel')].map((p) => p.getBoundingClientRect());
    return {
      overflow: getComputedStyle(document.body).overflow,
      scrollWidth: page.scrollWidth,
      scrollHeight: page.scrollHeight,
      clientWidth: page.clientWidth,
      clientHeight: page.clientHeight,
      right: Math.max(...panels.map((r) => r.right)),
      bottom: Math.max(...panels.map((r) => r.bottom)),
      panels: panels.length,
    };
  });
  expect(layout.panels).toBeGreaterThan(3);
  expect(layout.overflow).not.toBe('hidden');
  expect(layout.scrollWidth).toBeGreaterThan(layout.clientWidth);
  // Every panel can be scrolled to.
  expect(layout.right).toBeLessThanOrEqual(layout.scrollWidth + 1);
  expect(layout.bottom).toBeLessThanOrEqual(layout.scrollHeight + 1);
  await page.getByTestId('results-panel').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('results-panel')).toBeInViewport();
  await cdp.send('Emulation.clearDeviceMetricsOverride');
});

test('reduced motion: no transition or animation anywhere', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(host.url);
  await expect(page.getByTestId('lesson-view')).toBeVisible();
  const moving = await page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
    const seconds = (list: string): number => Math.max(...list.split(',').map((v) => Number.parseFloat(v) || 0));
    return [...document.querySelectorAll('*')].filter((e) => {
      const style = getComputedStyle(e);
      return seconds(style.transitionDuration ?? '0s') > 0 || seconds(style.animationDuration ?? '0s') > 0;
    }).length;
  });
  expect(moving).toBe(0);
});
