/**
 * The stage, part two, through the browser edition: a finished run replayed slowly with the lock
 * timeline zoomed into ~20 ms and read by pointing at it, the live panels paused by a key, and a
 * room's result files (a run's JSON, twice, under two machine names) on one chart that exports as
 * a slide. Screenshots go to test-results/ (and /tmp/stage-shots/ when it exists) to be looked at.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

const SHOTS = '/tmp/stage-shots';
async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ROOT, 'test-results', name) });
  if (existsSync(SHOTS)) await page.screenshot({ path: join(SHOTS, name) });
}

async function runSmallCpuBound(page: Page): Promise<void> {
  await page.getByTestId('lesson-cpu-bound').click();
  await page.getByLabel(/seconds/i).fill('0.3');
  await page.getByLabel(/workers/i).fill('2');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-phase', 'finished', { timeout: 90_000 });
}

async function download(page: Page, target: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByTestId('export-button').click();
  await page.getByTestId(`export-target-${target}`).click();
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-save').click()]);
  const bytes = readFileSync(await file.path());
  await expect(page.getByTestId('export-dialog')).toHaveAttribute('data-busy', 'false');
  await page.keyboard.press('Escape');
  return { name: file.suggestedFilename(), bytes };
}

interface RunFile {
  machine: { cpuModel: string; logicalCores: number };
  steps: { mode: string; startedAt: number; goMs: number; endMs: number }[];
  samples: { t: number }[];
}

test('a finished run replays slowly, zoomed into ~20 ms, and the timeline says what is under the pointer', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(host.url);
  await runSmallCpuBound(page);
  const run = JSON.parse((await download(page, 'run-json')).bytes.toString('utf8')) as RunFile;

  // F pauses the live panels and resumes them (from the page: the export button the closed dialog
  // gave the focus back to keeps its letter keys, WCAG 2.1.4).
  const freeze = page.getByTestId('stage-freeze');
  await page.locator('body').evaluate((body) => (body.ownerDocument.activeElement as { blur?: () => void } | null)?.blur?.());
  await page.keyboard.press('f');
  await expect(freeze).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('f');
  await expect(freeze).toHaveAttribute('aria-pressed', 'false');

  await page.getByTestId('replay-open').click();
  await expect(page.getByTestId('cores-panel')).toHaveAttribute('data-window', 'replay');
  await page.getByTestId('replay-speed-1-10').click();
  // The middle of the threads step: the two threads take turns there.
  const origins = run.steps.map((s) => s.startedAt - s.goMs);
  const from = Math.min(...origins, ...(run.samples[0] ? [run.samples[0].t] : []));
  const threads = run.steps.find((s) => s.mode === 'threads');
  if (!threads) throw new Error('no threads step in the run file');
  const middle = threads.startedAt - threads.goMs + (threads.goMs + threads.endMs) / 2;
  await page.getByTestId('replay-scrub').fill(String(Math.round(middle - from)));
  const timeline = page.getByTestId('timeline-panel');
  await expect(timeline).toHaveAttribute('data-mode', 'threads');

  const canvas = page.getByTestId('timeline-canvas');
  const span = async (): Promise<number> => {
    const [t0, t1] = ((await canvas.getAttribute('data-view')) ?? '0 0').split(' ').map(Number);
    return (t1 ?? 0) - (t0 ?? 0);
  };
  const whole = await span();
  for (let i = 0; i < 12 && (await span()) > 30; i++) await page.getByTestId('timeline-zoom-in').click();
  const zoomed = await span();
  expect(zoomed).toBeLessThan(whole / 4);
  expect(zoomed).toBeGreaterThan(5);
  expect(zoomed).toBeLessThanOrEqual(30);
  await expect(canvas).toHaveAttribute('data-zoomed', 'on');

  // Move the clock past the zoomed window: the window follows it and keeps it at 90 % of its width,
  // so the point below falls left of the clock wherever the zoom's centre left it (right of 55 % it
  // draws nothing yet, and no tip shows: 1 run in 5 failed that way).
  const [v0, v1] = ((await canvas.getAttribute('data-view')) ?? '0 0').split(' ').map(Number) as [number, number];
  const origin = threads.startedAt - threads.goMs;
  await page.getByTestId('replay-scrub').fill(String(Math.round(origin + v1 + 2 * (v1 - v0) - from)));
  await expect.poll(async () => Number(((await canvas.getAttribute('data-view')) ?? '0').split(' ')[0])).toBeGreaterThan(v0);
  // Still zoomed to a few ms (the last zoom click may land after `zoomed` was read).
  expect(await span()).toBeGreaterThan(5);
  expect(await span()).toBeLessThanOrEqual(30);

  // Point at the first thread's row, left of the replay's clock.
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no timeline canvas');
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.2);
  const tip = page.getByTestId('timeline-tip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText(/thread 1/);
  await expect(tip).toContainText(/from .* ms · for .* ms/);
  await shot(page, 'replay-zoomed-20ms.png');

  // Playing at a tenth of real time moves the clock slowly; the scrub bar follows it.
  const clock = page.getByTestId('replay-clock');
  const before = await clock.textContent();
  await page.getByTestId('replay-play').click();
  await expect(clock).not.toHaveText(before ?? '');
  await page.getByTestId('replay-play').click();
  await expect(page.getByTestId('replay-play')).toHaveAttribute('data-playing', 'false');

  await page.getByTestId('timeline-zoom-reset').click();
  await expect(canvas).toHaveAttribute('data-zoomed', 'off');
  await page.getByTestId('replay-close').click();
  await expect(page.getByTestId('cores-panel')).not.toHaveAttribute('data-window', 'replay');
  expect(problems).toEqual([]);
});

test('a room: two laptops’ result files on one chart, duplicates and bad files refused, exported as a slide', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(host.url);
  await runSmallCpuBound(page);
  const text = (await download(page, 'run-json')).bytes.toString('utf8');
  const as = (cpuModel: string, logicalCores: number): Buffer => {
    const data = JSON.parse(text) as RunFile;
    data.machine.cpuModel = cpuModel;
    data.machine.logicalCores = logicalCores;
    return Buffer.from(JSON.stringify(data));
  };

  await page.getByTestId('room-toggle').click();
  const room = page.getByTestId('room-panel');
  await expect(room).toBeVisible();
  await page.getByTestId('room-file').setInputFiles([
    { name: 'laptop-a.json', mimeType: 'application/json', buffer: as('Laptop A (attendee)', 4) },
    { name: 'laptop-b.json', mimeType: 'application/json', buffer: as('Laptop B (attendee)', 8) },
  ]);
  await expect(room).toHaveAttribute('data-laptops', '2');
  await expect(page.getByTestId('room-chart')).toHaveAttribute('data-points', '4');
  await expect(page.getByTestId('room-list')).toContainText('Laptop A (attendee)');
  await expect(page.getByTestId('room-list')).toContainText('Laptop B (attendee)');

  // The same file again, and one that is not JSON: each refused with a sentence, nothing added.
  await page.getByTestId('room-file').setInputFiles([
    { name: 'laptop-a-again.json', mimeType: 'application/json', buffer: as('Laptop A (attendee)', 4) },
    { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('alert(1)') },
  ]);
  await expect(page.getByTestId('room-notes')).toContainText('same machine and runs');
  await expect(page.getByTestId('room-notes')).toContainText('not a JSON file');
  await expect(room).toHaveAttribute('data-laptops', '2');
  await shot(page, 'room-panel.png');

  const slide = await download(page, 'room');
  expect(slide.name).toMatch(/-room-.*\.png$/);
  expect(slide.bytes.readUInt32BE(16)).toBeGreaterThanOrEqual(1920);
  writeFileSync(join(ROOT, 'test-results', 'room-slide.png'), slide.bytes);
  if (existsSync(SHOTS)) writeFileSync(join(SHOTS, 'room-slide.png'), slide.bytes);
  expect(problems).toEqual([]);
});
