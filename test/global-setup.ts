import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildIsStale, ROOT } from './build-state';

/** Builds the lab once before the tests that drive it, if the sources changed since. */
export default function setup(): void {
  if (process.env.GIL_LAB_OUT_MAIN || !buildIsStale()) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
