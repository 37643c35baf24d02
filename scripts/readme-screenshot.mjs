/**
 * Takes the README's picture: the browser edition at 1920x1080 in the system's Chromium, the
 * CPU-bound lesson after a run of its three steps (4 workers, 1 s tasks), saved to
 * docs/screenshot.png. Run `npm run build` first; `node scripts/readme-screenshot.mjs [--python]`
 * (with --python the run is on the simulation and on python3 side by side, saved to
 * docs/screenshot-cpython.png; --steady also ticks "Around each step", saved to
 * test-results/steady-baseline.png). `--lesson ID --seconds S --out FILE` pictures any lesson
 * the same way. Not part of the tests: a picture is judged by eye.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    python: { type: 'boolean', default: false },
    /** CPython's baseline timed around each step (the controls' checkbox). */
    steady: { type: 'boolean', default: false },
    /** Another lesson, its task seconds, and where to save: for looking at any lesson by eye. */
    lesson: { type: 'string', default: 'cpu-bound' },
    seconds: { type: 'string' },
    out: { type: 'string' },
  },
});
const withPython = args.python || args.steady;
const steady = args.steady;
const config = mkdtempSync(join(tmpdir(), 'gil-lab-shot-'));
const host = spawn(process.execPath, [join(root, 'out', 'main', 'web.js'), '--port', '0', '--no-open'], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, GIL_LAB_CONFIG_DIR: config },
});

/** The address the host prints, or a failure after 20 s. */
function address() {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web host printed no address: ${output}`)), 20_000);
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve(match[0]);
    };
    host.stdout.on('data', onData);
    host.stderr.on('data', onData);
    host.once('exit', (code) => reject(new Error(`the web host exited (${code}): ${output}`)));
  });
}

const browser = await chromium.launch({
  executablePath: process.env.GIL_LAB_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(await address());
  await page.getByTestId(`lesson-${args.lesson}`).click();
  if (withPython) {
    const option = page.getByTestId('python-option').filter({ hasText: /CPython 3\./ }).first();
    await option.waitFor({ state: 'attached', timeout: 30_000 });
    await page.getByTestId('python-select').selectOption((await option.getAttribute('value')) ?? '');
    if (steady) await page.getByTestId('steady-baseline').check();
  }
  if (args.seconds) await page.getByLabel(/seconds/i).first().fill(args.seconds);
  // Samples arriving first, so the live cores show the run from its start.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="cores-panel"]')?.getAttribute('data-samples')) > 4, null, { timeout: 30_000 });
  await page.getByTestId('run-button').click();
  // Over when the cancel button, there while the run goes, has gone again.
  await page.getByTestId('cancel-button').waitFor({ state: 'visible', timeout: 30_000 }).catch(() => undefined);
  await page.getByTestId('cancel-button').waitFor({ state: 'hidden', timeout: 300_000 });
  await page.waitForTimeout(1_500);
  const path = args.out ?? (steady ? join(root, 'test-results', 'steady-baseline.png') : join(root, 'docs', withPython ? 'screenshot-cpython.png' : 'screenshot.png'));
  await page.screenshot({ path });
  console.log(`saved ${path}`);
} finally {
  await browser.close();
  host.kill('SIGTERM');
  rmSync(config, { recursive: true, force: true });
}
