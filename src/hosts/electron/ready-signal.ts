/**
 * Tells `npm start` that the window really appeared. Electron can start and die at once (a
 * missing library, AppArmor, no display); scripts/start.mjs then starts the browser edition, and it
 * knows the difference only through this file, named by GIL_LAB_READY_FILE.
 */
import { writeFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';

export function signalWindowShown(env: NodeJS.ProcessEnv = process.env): void {
  const file = env['GIL_LAB_READY_FILE'];
  if (!file || !isAbsolute(file)) return;
  try {
    writeFileSync(file, String(process.pid), { flag: 'w' });
  } catch {
    // The launcher then assumes no window; it only matters if Electron also exits early.
  }
}
