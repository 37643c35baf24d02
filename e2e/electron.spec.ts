/**
 * The desktop app itself, through Playwright's Electron driver: the page gets the lab API and no
 * Node, a lesson runs in all three modes, and a bad call is refused without breaking the app. Where
 * Electron's binary could not be downloaded the tests are skipped; the browser edition's spec drives
 * the same UI and engine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { _electron as electron, expect, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { CALL_NAMES, type LabApi } from '../src/shared/api';

const ROOT = resolve(__dirname, '..');

/** What the tests look at on the page's global object (this tsconfig has no DOM types). */
interface PageGlobals {
  gilLab?: LabApi;
  require?: unknown;
  process?: unknown;
  open(url: string): unknown;
  document: { title: string };
}

/**
 * Where the binary is, read the way electron/index.js reads it but without its side effect:
 * requiring that module starts a download when the binary is missing, which would hang here.
 */
function electronBinary(): string | undefined {
  try {
    const packageDir = dirname(require.resolve('electron/package.json', { paths: [ROOT] }));
    const relative = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
    const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
    const binary = override ? join(override, relative) : join(packageDir, 'dist', relative);
    return relative && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The test's environment minus what would change the app under test: Electron acting as plain
 * Node, or the window loading a dev server instead of the built renderer.
 */
function launchEnv(): Record<string, string> {
  const dropped = new Set(['ELECTRON_RUN_AS_NODE', 'ELECTRON_RENDERER_URL']);
  return Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !dropped.has(entry[0])),
  );
}

const binary = electronBinary();
const hasElectronBinary = binary !== undefined;

/** Each test gets its own app, so one test's run or crash cannot leak into the next. */
const test = base.extend<{ app: ElectronApplication; appWindow: Page }>({
  app: async ({}, use) => {
    const app = await electron.launch({ executablePath: binary, args: ['.'], cwd: ROOT, env: launchEnv() });
    await use(app);
    await app.close();
  },
  appWindow: async ({ app }, use) => {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await use(page);
  },
});

test.skip(!hasElectronBinary, 'Electron binary is not installed here (download blocked); the browser edition covers the same flow in e2e/browser.spec.ts');

test('the page gets the lab API and nothing of Node', async ({ appWindow: page }) => {
  const exposure = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return { api: typeof g.gilLab, calls: Object.keys(g.gilLab ?? {}).sort(), require: typeof g.require, process: typeof g.process };
  });
  expect(exposure.api).toBe('object');
  // Exactly the contract: one function per call and `on`, nothing generic like `invoke`.
  expect(exposure.calls).toEqual([...CALL_NAMES, 'on'].sort());
  expect(exposure.require).toBe('undefined');
  expect(exposure.process).toBe('undefined');

  const refusedPopup = await page.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.com/') === null);
  expect(refusedPopup).toBe(true);
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.title)).toBe('GIL Lab');
});

test('the CPU-bound lesson runs sequentially, in threads and in processes', async ({ appWindow: page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });

  await page.getByTestId('lesson-cpu-bound').click();
  const cores = page.getByTestId('cores-panel');
  await expect(cores).toBeVisible();
  await expect.poll(async () => Number(await cores.getAttribute('data-samples')), { timeout: 15_000 }).toBeGreaterThan(2);

  // Small sizes keep the test short; the controls may still be in flux, so only set those present.
  const workers = page.getByTestId('workers');
  if ((await workers.count()) > 0) await workers.fill('2');
  const seconds = page.getByTestId('seconds');
  if ((await seconds.count()) > 0) await seconds.fill('0.3');

  await page.getByTestId('run-button').click();
  const table = page.getByTestId('results-table');
  await expect(table.getByTestId('result-row')).toHaveCount(3, { timeout: 60_000 });
  for (const mode of ['sequential', 'threads', 'processes']) {
    await expect(table.locator(`[data-testid="result-row"][data-mode="${mode}"]`)).toHaveCount(1);
  }
  await page.screenshot({ path: 'test-results/electron.png' });
  expect(problems).toEqual([]);
});

test('a bad call is refused with a sentence and the app keeps answering', async ({ appWindow: page }) => {
  const refusal = await page.evaluate(async () => {
    try {
      // Deliberately outside the contract's types: this is what a buggy or hostile page could send.
      const startRun = (globalThis as unknown as PageGlobals).gilLab?.startRun as unknown as (input: unknown) => Promise<unknown>;
      await startRun({ experiment: 'nope', workers: -1, seconds: 1, switchMs: 5 });
      return 'resolved';
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  });
  expect(refusal).toMatch(/unknown experiment|workers must be/);

  const machine = await page.evaluate(() => (globalThis as unknown as PageGlobals).gilLab?.getMachine());
  expect(machine?.logicalCores).toBeGreaterThan(0);

  const badEvent = await page.evaluate(() => {
    try {
      (globalThis as unknown as PageGlobals).gilLab?.on('nope' as 'run', () => undefined);
      return 'accepted';
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  });
  expect(badEvent).toMatch(/unknown lab event/);
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('a slide saved through the save dialog is a 2x PNG; the window can be captured and copied', async ({ app, appWindow: page }) => {
  const target = join(ROOT, 'test-results', `electron-export-${Date.now()}.png`);
  // The native dialog cannot be clicked by a test: answer it from the main process instead.
  await app.evaluate(({ dialog }, filePath) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
  }, target);

  await page.getByTestId('lesson-cpu-bound').click();
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-target-whole').click();
  await page.getByTestId('export-save').click();
  await expect.poll(() => existsSync(target), { timeout: 60_000 }).toBe(true);
  expect(pngSize(readFileSync(target)).width).toBeGreaterThanOrEqual(1920);

  const captured = await page.evaluate(async () => {
    const api = (globalThis as unknown as PageGlobals).gilLab;
    const shot = await api?.capturePage();
    const copied = shot ? await api?.copyImage({ pngBase64: shot.pngBase64 }) : undefined;
    return { width: shot?.width ?? 0, copied: copied?.copied ?? false };
  });
  expect(captured.width).toBeGreaterThan(0);
  expect(captured.copied).toBe(true);
});
