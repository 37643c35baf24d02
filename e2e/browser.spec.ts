/**
 * The whole stack through the browser edition: the host on loopback, the built renderer in
 * Chromium, the engine's real workers. Also checks that the host refuses anyone without the token.
 */
import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { startWebHost, type RunningHost } from './web-host';

let host: RunningHost;

test.beforeAll(async () => {
  host = await startWebHost();
});

test.afterAll(async () => {
  await host?.stop();
});

function get(path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function upgrade(path: string, origin: string): Promise<'open' | 'refused'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${path}`, { origin });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('error', () => resolve('refused'));
    ws.on('unexpected-response', () => resolve('refused'));
  });
}

test('refuses the page, its assets and the bridge without the token', async () => {
  expect(await get('/')).toBe(403);
  expect(await get('/?token=wrong')).toBe(403);
  expect(await get('/assets/index.js')).toBe(403);
  expect(await get(`/?token=${host.token}`)).toBe(200);
  expect(await get(`/?token=${host.token}`, { Host: `evil.example:${host.port}` })).toBe(403);
  expect(await upgrade('/bridge', host.origin)).toBe('refused');
  expect(await upgrade('/bridge?token=wrong', host.origin)).toBe('refused');
  expect(await upgrade(`/bridge?token=${host.token}`, 'http://evil.example')).toBe('refused');
  expect(await upgrade(`/bridge?token=${host.token}`, host.origin)).toBe('open');
});

test('run cpu-bound: core lanes move, the lock timeline fills, results appear', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(host.url);
  await page.getByTestId('lesson-cpu-bound').click();

  const cores = page.getByTestId('cores-panel');
  await expect(cores).toBeVisible();
  // Lanes move: samples keep arriving.
  await expect.poll(async () => Number(await cores.getAttribute('data-samples')), { timeout: 15_000 }).toBeGreaterThan(2);

  await page.getByLabel(/seconds/i).fill('0.3');
  await page.getByTestId('run-button').click();
  const rows = page.getByTestId('result-row');
  await expect(rows.filter({ has: page.locator('[data-mode]') }).or(rows)).toHaveCount(3, { timeout: 60_000 });
  await expect(page.locator('[data-testid="result-row"][data-mode="threads"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="result-row"][data-mode="processes"]')).toHaveCount(1);
  const speedup = Number(await page.locator('[data-testid="result-row"][data-mode="threads"]').getAttribute('data-speedup'));
  expect(speedup).toBeGreaterThan(0);
  await expect.poll(async () => Number(await page.getByTestId('timeline-panel').getAttribute('data-segments'))).toBeGreaterThan(0);
  const busy = Number(await cores.getAttribute('data-last-busy'));
  expect(busy).toBeGreaterThanOrEqual(0);
  await page.screenshot({ path: 'test-results/browser-edition.png' });
  expect(problems).toEqual([]);
});

test('the token leaves the address bar and the cookie; a reload still runs', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(host.url);
  await expect(page.getByTestId('lesson-cpu-bound')).toBeVisible();
  await expect.poll(() => page.url()).not.toContain('token');
  expect(page.url()).not.toContain(host.token);
  // The page cookie has a value of its own: every server on 127.0.0.1 receives it.
  const cookies = await page.context().cookies(host.origin);
  expect(cookies.length).toBeGreaterThan(0);
  for (const cookie of cookies) expect(cookie.value).not.toContain(host.token);

  await page.reload();
  expect(page.url()).not.toContain(host.token);
  await expect(page.getByTestId('connection-lost')).toHaveCount(0);
  await page.getByTestId('lesson-cpu-bound').click();
  await page.getByLabel(/seconds/i).fill('0.2');
  await page.getByLabel(/workers/i).fill('2');
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-phase', 'finished', { timeout: 90_000 });
  await expect(page.locator('[data-testid="result-row"]')).toHaveCount(3);
  await expect(page.getByTestId('connection-lost')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a tab opened without the token (the cookie alone) says to open the printed address, not that the host stopped', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('lesson-cpu-bound')).toBeVisible();
  // A second tab on the bare page: the cookie lets the page in, the bridge refuses it.
  const bare = await page.context().newPage();
  try {
    await bare.goto(`${host.origin}/`);
    const banner = bare.getByTestId('connection-lost');
    await expect(banner).toHaveAttribute('data-cause', 'refused');
    await expect(banner).toContainText(`http://127.0.0.1:${host.port}/?token=`);
    await expect(banner).toContainText(/address the host printed/);
    await expect(banner).not.toContainText(/stopped|npm run web/);
    // A token from an earlier host (stale in the tab) reads the same.
    await bare.evaluate(() => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem('gil-lab-token', 'stale'));
    await bare.reload();
    await expect(bare.getByTestId('connection-lost')).toHaveAttribute('data-cause', 'refused');
  } finally {
    await bare.close();
  }
  // The tab opened with the address is untouched.
  await expect(page.getByTestId('connection-lost')).toHaveCount(0);
});

test('a bad input from the page gets a clear message and the lab stays usable', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('lesson-cpu-bound').click();
  await page.getByLabel(/workers/i).fill('100000');
  await expect(page.getByTestId('error-message')).toContainText(/workers must be at most/);
  await expect(page.getByTestId('run-button')).toBeDisabled();
  await page.getByLabel(/workers/i).fill('2');
  await expect(page.getByTestId('run-button')).toBeEnabled();
});

test('the deadlock lesson runs in the page: stuck threads are stopped, their figures drawn, the console clean', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(host.url);
  await page.getByTestId('lesson-deadlock').click();
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-phase', 'finished', { timeout: 90_000 });
  // Both steps, the stuck one included (its workers never reported: zeros, not holes).
  await expect(page.locator('[data-testid="result-row"]')).toHaveCount(2);
  await expect(page.getByText(/Cycle found after \d+ ms/).first()).toBeVisible();
  expect(problems).toEqual([]);
});
