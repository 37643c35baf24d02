/**
 * Real CPython beside the simulation in the browser edition: choose the machine's python3, run
 * cpu-bound on both engines, see both results side by side with their ratio, the real timeline
 * labelled for what it is, and the choice kept after a reload. Skipped, with the reason, where the
 * machine has no CPython 3.9+.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startWebHost, type RunningHost } from './web-host';

let host: RunningHost;
const version = /Python (3\.\d+\.\d+)/.exec(spawnSync('python3', ['-V'], { encoding: 'utf8' }).stdout ?? '')?.[1];
const [major, minor] = (version ?? '0.0').split('.').map(Number);
const usable = version !== undefined && (major ?? 0) === 3 && (minor ?? 0) >= 9;

test.beforeAll(async () => {
  if (usable) host = await startWebHost();
});

test.afterAll(async () => {
  await host?.stop();
});

test('chooses python3, runs cpu-bound on both engines, and shows them side by side', async ({ page }) => {
  test.skip(!usable, 'no python3 of version 3.9 or newer on this machine');
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(host.url);
  await page.getByTestId('lesson-cpu-bound').click();

  const select = page.getByTestId('python-select');
  const option = page.getByTestId('python-option').filter({ hasText: `CPython ${version} ` }).first();
  await expect(option).toBeAttached({ timeout: 30_000 });
  const executable = (await option.getAttribute('value')) ?? '';
  await select.selectOption(executable);
  await expect(page.getByTestId('engine-both')).toHaveAttribute('aria-pressed', 'true');
  // The code CPython will run is shown first once it is chosen: the lesson's own file, as it is.
  await expect(page.getByTestId('code-real')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('code-path')).toHaveText('python/lessons/cpu-bound.py');
  const shownCode = page.getByRole('region', { name: 'The Python CPython runs: python/lessons/cpu-bound.py' });
  for (const line of readFileSync('python/lessons/cpu-bound.py', 'utf8').split('\n').filter((l) => l.trim() !== '')) await expect(shownCode).toContainText(line.trim());
  await page.getByTestId('code-sketch').click();
  await expect(page.getByRole('region', { name: 'Equivalent Python code' })).toContainText('mp.Pool(4)');
  // Timing CPython's baseline around each step is offered where the lesson has a CPU baseline, off until ticked.
  await expect(page.getByTestId('steady-baseline')).not.toBeChecked();
  await page.getByTestId('lesson-io-bound').click();
  await expect(page.getByTestId('steady-baseline')).toHaveCount(0);
  await page.getByTestId('lesson-cpu-bound').click();
  await page.getByTestId('engine-lab').click();
  await expect(page.getByTestId('steady-baseline')).toHaveCount(0);
  await page.getByTestId('engine-both').click();
  await page.getByTestId('steady-baseline').check();

  await page.getByLabel(/seconds/i).fill('0.3');
  await page.getByTestId('run-button').click();

  // The real steps stream to the lock timeline while they run, labelled as seen from the threads' own clocks.
  const caption = page.getByTestId('timeline-real-caption');
  await expect(caption).toHaveText(new RegExp(`CPython ${version?.split('.').slice(0, 2).join('\\.')}: who ran when, from each thread's own clock`), { timeout: 90_000 });
  await expect(page.getByTestId('legend-cpython-running')).toBeVisible();
  await expect(page.getByTestId('legend-waiting')).toHaveCount(0);

  const rows = page.getByTestId('side-by-side-row');
  await expect(rows).toHaveCount(3, { timeout: 120_000 });
  // Each step gets its ratio once CPython has run it too.
  for (const step of ['sequential', 'threads', 'processes']) {
    const ratio = page.locator(`[data-testid="side-by-side-row"][data-step="${step}"] [data-testid="side-by-side-ratio"]`);
    await expect.poll(async () => Number(await ratio.innerText()), { timeout: 120_000, message: `${step}: lab / CPython` }).toBeGreaterThan(0);
  }
  await expect(page.getByTestId('run-button')).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByTestId('compare-chart')).toBeVisible();
  // Ticked, CPython's speedups are taken against its baseline timed around each step, and the table says so.
  await expect(page.getByTestId('side-by-side-around')).toHaveText('baseline around');
  await expect(page.getByTestId('explain')).toContainText(/the simulation and CPython 3\.\d+ agree|they differ/);
  await page.screenshot({ path: 'test-results/cpython-side-by-side.png' });
  // The results table (every lesson's runs) never shows a real step waiting for the GIL: it cannot be seen from inside CPython.
  await page.getByTestId('results-scope-all').click();
  const realRows = page.locator('[data-testid="result-row"][data-engine="cpython"]');
  await expect(realRows).toHaveCount(3);
  await expect(realRows.locator('[data-testid="result-waiting"]')).toHaveText(['—', '—', '—']);
  await expect(page.locator('[data-testid="result-row"][data-engine="lab"][data-mode="threads"] [data-testid="result-waiting"]')).not.toHaveText('—');
  await page.getByTestId('results-panel').screenshot({ path: 'test-results/cpython-results-all.png' });

  // The exported numbers say which engine and which interpreter produced each figure.
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-target-session-csv').click();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-save').click()]);
  const csv = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
  const header = (csv[0] ?? '').split(',');
  const engines = csv.slice(1).map((line) => line.split(',')[header.indexOf('engine')]);
  expect(engines.filter((e) => e === 'lab')).toHaveLength(3);
  expect(engines.filter((e) => e === 'cpython')).toHaveLength(3);
  expect(csv.slice(1).filter((line) => line.split(',')[header.indexOf('python_version')] === version)).toHaveLength(3);
  await page.keyboard.press('Escape');

  // The choice is kept between launches (the host's preferences), so a new page starts with it.
  await page.reload();
  await expect(page.getByTestId('python-chooser')).toHaveAttribute('data-chosen', executable, { timeout: 30_000 });
  expect(problems).toEqual([]);
});
