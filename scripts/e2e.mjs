/**
 * Runs the Playwright end-to-end tests. On Linux without a display they run under Xvfb when it is
 * installed, so the Electron spec can open a real window wherever Electron's binary exists.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const playwright = join(root, 'node_modules', '@playwright', 'test', 'cli.js');
const args = [playwright, 'test', ...process.argv.slice(2)];
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY;
const xvfbRun = ['/usr/bin/xvfb-run', '/bin/xvfb-run'].find((p) => existsSync(p));

const result =
  needsDisplay && xvfbRun
    ? spawnSync(xvfbRun, ['-a', '--server-args=-screen 0 1920x1080x24', process.execPath, ...args], { cwd: root, stdio: 'inherit' })
    : spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
