import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests. The browser edition runs in the system's Chromium (Playwright cannot download
 * its own browsers on every machine); the Electron spec runs wherever Electron's binary exists.
 */
export const CHROMIUM = process.env.GIL_LAB_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1920, height: 1080 },
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
  },
});
