/** Where the built lab is, and whether it is older than the sources. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..');
export const OUT_MAIN = process.env.GIL_LAB_OUT_MAIN ?? join(ROOT, 'out', 'main');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.name.endsWith('.test.ts')) continue;
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export function buildIsStale(): boolean {
  const marker = join(OUT_MAIN, 'cli.js');
  return !existsSync(marker) || statSync(marker).mtimeMs < newest(join(ROOT, 'src'));
}
