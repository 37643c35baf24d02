/**
 * The installed app, not the source tree: CI packages GIL Lab with electron-builder and points
 * GIL_LAB_PACKAGED_APP at the executable inside the package (scripts/packaged-app.mjs finds it).
 * This proves what only a package can break: workers and child processes starting from inside it
 * (the archive, its unpacked part, the RunAsNode fuse), the page loading from app://, and an export.
 * Skipped everywhere else.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import type { LabApi } from '../src/shared/api';
import type { ModeResult, RunEvent } from '../src/shared/results';

const executable = process.env['GIL_LAB_PACKAGED_APP'];
const OUT = resolve(__dirname, '..', 'test-results');

test.skip(!executable, 'GIL_LAB_PACKAGED_APP is not set: run `npm run dist` then `npm run test:packaged` (CI does both on three OSes)');

test('the packaged app runs the processes step of cpu-bound and exports a slide', async () => {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && e[0] !== 'ELECTRON_RUN_AS_NODE'));
  const app = await electron.launch({ executablePath: executable as string, env });
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(new URL(page.url()).protocol).toBe('app:');
    expect(await app.evaluate(({ app: electronApp }) => electronApp.isPackaged)).toBe(true);

    // Through the page's own API: the same call the Run button makes.
    const results = await page.evaluate(async () => {
      const api = (globalThis as unknown as { gilLab: LabApi }).gilLab;
      return await new Promise<ModeResult[] | string>((resolveRun) => {
        const off = api.on('run', (event: RunEvent) => {
          if (event.type === 'run-finished') resolveRun(event.results);
          if (event.type === 'run-failed') resolveRun(event.message);
          if (event.type === 'run-finished' || event.type === 'run-failed') off();
        });
        api.startRun({ experiment: 'cpu-bound', modes: ['processes'], workers: 2, seconds: 0.3, switchMs: 5 }).catch((error: unknown) => resolveRun(String(error)));
      });
    });
    expect(typeof results, `the run failed: ${String(results)}`).not.toBe('string');
    const processes = (results as ModeResult[]).find((r) => r.mode === 'processes');
    expect(processes?.workers).toBe(2);
    expect(processes?.perWorker.every((w) => w.tasks > 0)).toBe(true);

    mkdirSync(OUT, { recursive: true });
    const target = join(OUT, `packaged-export-${Date.now()}.png`);
    await app.evaluate(({ dialog }, filePath) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
    }, target);
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-target-whole').click();
    await page.getByTestId('export-save').click();
    await expect.poll(() => existsSync(target), { timeout: 60_000 }).toBe(true);
    const png = readFileSync(target);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(1920);
  } finally {
    await app.close();
  }
});
