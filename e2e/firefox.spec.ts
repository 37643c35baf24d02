/**
 * The browser edition in Firefox, driven over WebDriver BiDi with puppeteer-core (Playwright's own
 * Firefox is a patched build it would have to download). A lesson runs and the console stays clean:
 * no CSP refusal (zod runs jitless), no error. Skipped where no Firefox is installed.
 */
import { existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import puppeteer, { type Browser } from 'puppeteer-core';
import { startWebHost } from './web-host';

const FIREFOX = [process.env['GIL_LAB_FIREFOX'], '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((path): path is string => !!path && existsSync(path));

test.skip(!FIREFOX, 'no Firefox here (set GIL_LAB_FIREFOX to one)');

test('Firefox: the page loads, a lesson runs, the console stays clean', async () => {
  const host = await startWebHost();
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX as string, headless: true, args: ['--width=1600', '--height=1000'] });
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error instanceof Error ? error.message : String(error)));
    await page.goto(host.url);
    await page.waitForSelector('[data-testid="lesson-cpu-bound"]', { timeout: 30_000 });
    await page.click('[data-testid="lesson-cpu-bound"]');
    for (const [id, value] of [['workers', '2'], ['seconds', '0.3']] as const) {
      const field = await page.$(`[data-testid="${id}"]`);
      if (!field) continue;
      await field.click({ count: 3 });
      await field.type(value);
    }
    await page.click('[data-testid="run-button"]');
    // A string, evaluated in the page: this tsconfig has no DOM types.
    await page.waitForFunction(`document.querySelectorAll('[data-testid="results-table"] [data-testid="result-row"]').length >= 3`, { timeout: 90_000 });
    expect(problems).toEqual([]);
  } finally {
    await browser?.close();
    await host.stop();
  }
});
