/**
 * The lab on stage, through the browser edition: pictures exported for slides (opened and
 * checked: 2x slide resolution, opaque, not blank), the data files, the presenter's keys, and
 * settings that come back after the host restarts.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ROOT, startWebHost, type RunningHost } from './web-host';

let host: RunningHost;

test.beforeAll(async () => {
  host = await startWebHost();
});

test.afterAll(async () => {
  await host?.stop();
});

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The few page-side names used below (this project is type-checked without the DOM's types). */
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    drawImage(image: unknown, x: number, y: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  } | null;
}
interface PageGlobals {
  Image: new () => { src: string; naturalWidth: number; naturalHeight: number; decode(): Promise<void> };
  document: { createElement(tag: 'canvas'): PageCanvas; activeElement: { blur?: () => void } | null };
}

/** Decodes the PNG in the page and reports the least alpha and the number of distinct colours. */
async function pixelFacts(page: Page, bytes: Buffer): Promise<{ minAlpha: number; colours: number; width: number }> {
  return page.evaluate(async (base64) => {
    const { Image, document } = globalThis as unknown as PageGlobals;
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(image, 0, 0);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let minAlpha = 255;
    const colours = new Set<number>();
    // Every 7th pixel: enough to see a flat picture, fast on a 3840x2160 one.
    for (let i = 0; i < data.length; i += 4 * 7) {
      minAlpha = Math.min(minAlpha, data[i + 3] as number);
      colours.add(((data[i] as number) >> 3) * 1024 + ((data[i + 1] as number) >> 3) * 32 + ((data[i + 2] as number) >> 3));
    }
    return { minAlpha, colours: colours.size, width: canvas.width };
  }, bytes.toString('base64'));
}

/** Chooses a target and theme in the open export dialog and saves; returns the downloaded file. */
async function exportFile(page: Page, target: string, theme?: 'light' | 'dark'): Promise<{ name: string; bytes: Buffer }> {
  const dialog = page.getByTestId('export-dialog');
  if (!(await dialog.isVisible())) await page.getByTestId('export-button').click();
  await page.getByTestId(`export-target-${target}`).click();
  if (theme) await page.getByTestId(`export-theme-${theme}`).click();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-save').click()]);
  const path = await download.path();
  await expect(dialog).toHaveAttribute('data-busy', 'false');
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

async function runSmallCpuBound(page: Page): Promise<void> {
  await page.getByTestId('lesson-cpu-bound').click();
  await page.getByLabel(/seconds/i).fill('0.2');
  await page.getByLabel(/workers/i).fill('2');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-phase', 'finished', { timeout: 90_000 });
  await expect(page.locator('[data-testid="result-row"]')).toHaveCount(3);
}

test('exports the lab and each panel as slide pictures in both themes, and the data as files', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(host.url);
  await runSmallCpuBound(page);
  const themeBefore = await page.locator('html').getAttribute('data-theme');
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });

  for (const theme of ['dark', 'light'] as const) {
    for (const target of ['whole', 'cores', 'timeline', 'results']) {
      const { name, bytes } = await exportFile(page, target, theme);
      expect(name).toMatch(new RegExp(`^gil-lab-.*-${target}-${theme}-.*\\.png$`));
      const size = pngSize(bytes);
      expect(size.width, `${target} ${theme} width`).toBeGreaterThanOrEqual(1920);
      if (target === 'whole') expect(size).toEqual({ width: 3840, height: 2160 });
      const facts = await pixelFacts(page, bytes);
      expect(facts.width).toBe(size.width);
      expect(facts.minAlpha, `${target} ${theme} is opaque`).toBe(255);
      expect(facts.colours, `${target} ${theme} is a picture, not a flat colour`).toBeGreaterThan(20);
      if (target === 'whole' || target === 'timeline') {
        writeFileSync(join(ROOT, 'test-results', `export-${target}-${theme}.png`), bytes);
      }
    }
  }
  // The screen is back in the theme it had, at its own resolution.
  await expect(page.locator('html')).toHaveAttribute('data-theme', themeBefore ?? 'dark');

  const run = JSON.parse((await exportFile(page, 'run-json')).bytes.toString('utf8'));
  expect(run.format).toBe('gil-lab-run/1');
  expect(run.machine.logicalCores).toBeGreaterThan(0);
  expect(run.run.experiment).toBe('cpu-bound');
  expect(run.steps.map((s: { mode: string }) => s.mode)).toEqual(['sequential', 'threads', 'processes']);
  const threads = run.steps.find((s: { mode: string }) => s.mode === 'threads');
  expect(threads.workers).toBe(2);
  expect(threads.workerLabels.length + threads.segments.length).toBeGreaterThan(0);
  expect(threads.segments.some((s: { state: string }) => s.state === 'holding')).toBe(true);
  expect(run.samples.length).toBeGreaterThan(0);
  expect(run.results).toHaveLength(3);

  const csv = (await exportFile(page, 'session-csv')).bytes.toString('utf8');
  expect(csv.split('\r\n')[0]).toMatch(/^run,lesson,step,mode,workers/);
  expect(csv.trim().split('\r\n')).toHaveLength(4);
  const session = JSON.parse((await exportFile(page, 'session-json')).bytes.toString('utf8'));
  expect(session.results).toHaveLength(3);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('the presenter keys: help, presentation, lessons, run and cancel, export', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('lesson-cpu-bound').click();
  const app = page.locator('.app');
  const lesson = page.getByTestId('lesson-view');
  // The lesson's button keeps the focus after the click; letter shortcuts wait for the page (WCAG 2.1.4).
  await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.blur?.());

  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  await expect(page.getByTestId('help-overlay')).toContainText('Space');
  // The version the installers carry, shown where a person reporting a problem will look.
  await expect(page.getByTestId('app-version')).toHaveText(/^GIL Lab \d+\.\d+\.\d+/);
  await page.screenshot({ path: 'test-results/stage-help.png' });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toHaveCount(0);

  await expect(app).toHaveAttribute('data-presentation', 'off');
  await page.keyboard.press('p');
  await expect(app).toHaveAttribute('data-presentation', 'on');
  await expect(page.getByTestId('figures-strip')).toBeVisible();
  await page.screenshot({ path: 'test-results/stage-presentation.png' });
  await page.getByTestId('presentation-toggle').click();
  await expect(app).toHaveAttribute('data-presentation', 'off');

  // Keys typed into a field stay in the field.
  await page.getByLabel(/workers/i).focus();
  await page.keyboard.press('p');
  await page.keyboard.press('ArrowDown');
  await expect(app).toHaveAttribute('data-presentation', 'off');
  await expect(lesson).toHaveAttribute('data-lesson', 'cpu-bound');
  await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.blur?.());

  await page.keyboard.press('ArrowDown');
  await expect(lesson).toHaveAttribute('data-lesson', 'io-bound');
  await page.keyboard.press('ArrowUp');
  await expect(lesson).toHaveAttribute('data-lesson', 'cpu-bound');

  // A run long enough to be cancelled; Space starts it and Space again stops it.
  await page.getByLabel(/seconds/i).fill('3');
  // With nothing focused, Space is the shortcut (a focused button keeps Space to itself: a11y.spec.ts).
  await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.blur?.());
  const status = page.getByTestId('run-status');
  await page.keyboard.press(' ');
  await expect(status).toHaveAttribute('data-phase', /starting|calibrating|running/);
  await expect(lesson).toHaveAttribute('data-lesson', 'cpu-bound');
  await expect(status).toHaveAttribute('data-phase', 'running', { timeout: 30_000 });
  await page.keyboard.press(' ');
  await expect(status).toHaveAttribute('data-phase', 'cancelled', { timeout: 30_000 });
  await expect(status).toContainText(/cancelled/i);

  await page.keyboard.press('e');
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  // While the dialog is open, other keys belong to it: no run starts.
  await page.keyboard.press('ArrowDown');
  await expect(lesson).toHaveAttribute('data-lesson', 'cpu-bound');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);
});

test('theme, presentation mode and the last lesson come back after the host restarts', async ({ page }) => {
  const first = await startWebHost();
  let second: RunningHost | undefined;
  try {
    await page.goto(first.url);
    await page.getByTestId('lesson-scaling').click();
    if ((await page.locator('html').getAttribute('data-theme')) !== 'light') await page.getByTestId('theme-toggle').click();
    await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.blur?.());
    await page.keyboard.press('p');
    await expect(page.locator('.app')).toHaveAttribute('data-presentation', 'on');
    // The host has written all three before it goes.
    await expect
      .poll(() => {
        try {
          return JSON.parse(readFileSync(join(first.configDir, 'preferences.json'), 'utf8'));
        } catch {
          return {};
        }
      })
      .toMatchObject({ theme: 'light', presentation: true, lastLesson: 'scaling' });
    await first.stop();

    // A new host on a new port: a new origin, whose page storage is empty.
    second = await startWebHost(first.configDir);
    await page.goto(second.url);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.locator('.app')).toHaveAttribute('data-presentation', 'on');
    await expect(page.getByTestId('lesson-view')).toHaveAttribute('data-lesson', 'scaling');
    await expect(page.getByTestId('lesson-scaling')).toHaveAttribute('aria-current', 'true');
  } finally {
    await first.stop();
    await second?.stop();
  }
});
