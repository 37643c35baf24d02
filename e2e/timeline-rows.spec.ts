/**
 * The lock timeline with many rows, through the built page fed by a synthetic host (this machine
 * cannot run 64 workers): rows keep a readable height and scroll, by wheel, drag and keyboard; the
 * pointer reads the row under it wherever the rows are scrolled; axe finds the scroller reachable;
 * a slide shows every row. With a few rows nothing scrolls.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { RunEvent, TimelineSegment } from '../src/shared/results';
import { startSyntheticHost, type SyntheticHost } from './synthetic-host';
import { ROOT } from './web-host';

/** Where the pictures go, to be looked at. */
const SHOTS = join(ROOT, 'test-results', 'timeline-rows');
const HOLD_MS = 5;

let host: SyntheticHost;

test.beforeEach(async () => {
  host = await startSyntheticHost();
});

test.afterEach(async () => {
  await host?.close();
});

/** `workers` threads taking turns on the GIL for `ms`: one holds for HOLD_MS, the others wait. */
function turns(workers: number, ms: number): TimelineSegment[] {
  const out: TimelineSegment[] = [];
  for (let worker = 0; worker < workers; worker++) {
    let t = 0;
    for (let slot = worker; slot * HOLD_MS < ms; slot += workers) {
      if (slot * HOLD_MS > t) out.push({ worker, state: 'waiting', start: t, end: slot * HOLD_MS });
      out.push({ worker, state: 'holding', start: slot * HOLD_MS, end: (slot + 1) * HOLD_MS });
      t = (slot + 1) * HOLD_MS;
    }
    if (t < ms) out.push({ worker, state: 'waiting', start: t, end: ms });
  }
  return out;
}

/** A finished threads step of `workers` rows, shown on the page. */
async function showRun(page: Page, workers: number): Promise<void> {
  await page.goto(host.url);
  // The machine shown: the page has its bridge and listens for runs.
  await expect(page.getByTestId('cores-panel')).toHaveAttribute('data-lanes', '8');
  const runId = `synthetic-${workers}`;
  const step = { id: 'threads', label: 'threads' };
  const events: RunEvent[] = [
    { type: 'run-started', runId, experiment: 'cpu-bound', modes: ['threads'], steps: [step], workers },
    { type: 'mode-started', runId, stepId: 'threads', step: 'threads', mode: 'threads', workers, workerLabels: Array.from({ length: workers }, (_, i) => `thread ${i + 1}`), startedAt: Date.now(), spawnToGoMs: 0 },
    { type: 'timeline', runId, stepId: 'threads', step: 'threads', mode: 'threads', segments: turns(workers, 1_000) },
    { type: 'run-cancelled', runId },
  ];
  for (const event of events) host.send(event);
  await expect(page.getByTestId('timeline-panel')).toHaveAttribute('data-mode', 'threads');
}

/** The row the tip names at (x, y) of the canvas (fractions of its width, layout px from its top). */
async function threadAt(page: Page, x: number, y: number): Promise<number> {
  const box = await page.getByTestId('timeline-canvas').boundingBox();
  if (!box) throw new Error('no timeline canvas');
  await page.mouse.move(box.x + 2, box.y + box.height - 2);
  await page.mouse.move(box.x + box.width * x, box.y + y);
  const tip = page.getByTestId('timeline-tip');
  await expect(tip).toBeVisible();
  const name = /thread (\d+)/.exec((await tip.textContent()) ?? '');
  if (!name) throw new Error(`the tip names no thread: ${await tip.textContent()}`);
  return Number(name[1]);
}

const firstRow = async (page: Page): Promise<number> => Number(((await page.getByTestId('timeline-canvas').getAttribute('data-rows')) ?? '').split('-')[0]);

test('64 rows keep a readable height and scroll by wheel, drag and keys; the pointer reads the row under it; a slide shows them all', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/synthetic host runs nothing/.test(message.text())) problems.push(message.text());
  });
  await showRun(page, 64);
  const canvas = page.getByTestId('timeline-canvas');
  const scroller = page.getByTestId('timeline-scroll');
  await expect(canvas).toHaveAttribute('data-scrolls', 'on');
  await expect(canvas).toHaveAttribute('data-rows', /^1-([4-9]|\d\d)$/);
  await expect(scroller).toHaveAttribute('role', 'region');
  await expect(scroller).toHaveAttribute('aria-label', /64 workers/);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, '64-rows-top.png') });
  await page.getByTestId('timeline-panel').screenshot({ path: join(SHOTS, '64-rows-panel-top.png') });

  // The first row under the pointer is thread 1; rows are at least 18 px high.
  expect(await threadAt(page, 0.5, 9)).toBe(1);
  expect(await threadAt(page, 0.5, 27)).toBe(2);

  // Tab from the last zoom control reaches the rows; End and Home scroll them.
  await page.getByTestId('timeline-zoom-out').focus();
  await page.keyboard.press('Tab');
  await expect(scroller).toBeFocused();
  await page.keyboard.press('End');
  await expect(canvas).toHaveAttribute('data-rows', /-64$/);
  // The same place on the canvas now reads a row far down.
  const scrolledTo = await firstRow(page);
  expect(scrolledTo).toBeGreaterThan(40);
  expect(await threadAt(page, 0.5, 9)).toBeGreaterThanOrEqual(scrolledTo);
  await page.getByTestId('timeline-panel').screenshot({ path: join(SHOTS, '64-rows-panel-end.png') });
  await page.keyboard.press('Home');
  await expect(canvas).toHaveAttribute('data-rows', /^1-/);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => firstRow(page)).toBeGreaterThan(1);
  await page.keyboard.press('Home');
  await expect(canvas).toHaveAttribute('data-rows', /^1-/);

  // The wheel scrolls the rows (it does not zoom); Ctrl + wheel zooms.
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no timeline canvas');
  await page.mouse.move(box.x + box.width * 0.5, box.y + 30);
  await page.mouse.wheel(0, 200);
  await expect.poll(() => firstRow(page)).toBeGreaterThan(5);
  await expect(canvas).toHaveAttribute('data-zoomed', 'off');
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -400);
  await page.keyboard.up('Control');
  await expect(canvas).toHaveAttribute('data-zoomed', 'on');
  // Zoomed and scrolled, the pointer still reads the row under it.
  const top = await firstRow(page);
  expect(await threadAt(page, 0.5, 9)).toBe(top);
  await page.getByTestId('timeline-panel').screenshot({ path: join(SHOTS, '64-rows-panel-zoomed-scrolled.png') });
  await page.getByTestId('timeline-zoom-reset').click();
  await expect(canvas).toHaveAttribute('data-zoomed', 'off');

  // A drag down brings the first rows back.
  await page.mouse.move(box.x + box.width * 0.5, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + 600, { steps: 8 });
  await page.mouse.up();
  await expect(canvas).toHaveAttribute('data-rows', /^1-/);

  // axe: the scroller is reachable by keyboard, and the panel has no serious violation.
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(axe.violations.filter((v) => v.id === 'scrollable-region-focusable').flatMap((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([]);
  const panel = await new AxeBuilder({ page }).include('[data-testid="timeline-panel"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(panel.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // A slide of the timeline shows every row; the rows on screen are where they were after it.
  await scroller.focus();
  await page.keyboard.press('End');
  await expect(canvas).toHaveAttribute('data-rows', /-64$/);
  const before = await canvas.getAttribute('data-rows');
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-target-timeline').click();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-save').click()]);
  await expect(page.getByTestId('export-dialog')).toHaveAttribute('data-busy', 'false');
  await download.saveAs(join(SHOTS, '64-rows-slide.png'));
  await page.keyboard.press('Escape');
  await expect(canvas).toHaveAttribute('data-rows', before ?? '');
  await expect(canvas).toHaveAttribute('data-scrolls', 'on');
  expect(problems).toEqual([]);
});

test('a few rows fill the panel as before: nothing scrolls', async ({ page }) => {
  await showRun(page, 4);
  const canvas = page.getByTestId('timeline-canvas');
  await expect(canvas).toHaveAttribute('data-scrolls', 'off');
  await expect(canvas).toHaveAttribute('data-rows', '1-4');
  await expect(page.getByTestId('timeline-scroll')).toHaveCount(0);
  // The wheel zooms, as it always did.
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no timeline canvas');
  await page.mouse.move(box.x + box.width * 0.5, box.y + 30);
  await page.mouse.wheel(0, -400);
  await expect(canvas).toHaveAttribute('data-zoomed', 'on');
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(join(SHOTS, '4-rows.txt'), (await canvas.getAttribute('data-view')) ?? '');
  await page.getByTestId('timeline-panel').screenshot({ path: join(SHOTS, '4-rows-panel-zoomed.png') });
});

test('on a smaller window (the stage zoomed to fit) the scrolled rows still read right under the pointer', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await showRun(page, 64);
  const canvas = page.getByTestId('timeline-canvas');
  await expect(canvas).toHaveAttribute('data-scrolls', 'on');
  await page.getByTestId('timeline-scroll').focus();
  await page.keyboard.press('End');
  await expect(canvas).toHaveAttribute('data-rows', /-64$/);
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no timeline canvas');
  // The last row's middle, 9 layout px above the plot's bottom (the axis below is 30 layout px).
  const scale = box.width / Number(await canvas.evaluate((c) => (c as unknown as { offsetWidth: number }).offsetWidth));
  expect(await threadAt(page, 0.5, box.height - (30 + 9) * scale)).toBe(64);
  expect(await threadAt(page, 0.5, box.height - (30 + 9 + 18) * scale)).toBe(63);
});

test('in presentation mode the rows keep their larger type and still scroll', async ({ page }) => {
  await showRun(page, 64);
  const canvas = page.getByTestId('timeline-canvas');
  const inSight = async (): Promise<number> => {
    const [first, last] = ((await canvas.getAttribute('data-rows')) ?? '0-0').split('-').map(Number);
    return (last ?? 0) - (first ?? 0) + 1;
  };
  const onDesk = await inSight();
  await page.getByTestId('presentation-toggle').click();
  await expect(page.locator('.app')).toHaveAttribute('data-presentation', 'on');
  await expect(canvas).toHaveAttribute('data-scrolls', 'on');
  await expect(page.getByTestId('timeline-scroll')).toHaveAttribute('data-content', String(64 * Math.round(18 * 1.3)));
  mkdirSync(SHOTS, { recursive: true });
  await page.getByTestId('timeline-panel').screenshot({ path: join(SHOTS, '64-rows-panel-presentation.png') });
  expect(onDesk).toBeGreaterThan(2);
  expect(await inSight()).toBeGreaterThan(2);
});
