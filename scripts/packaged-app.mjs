/**
 * `npm run test:packaged` (after `npm run dist`): finds the app electron-builder left unpacked in
 * dist/ for this OS and runs e2e/packaged.spec.ts against it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');

/** The executable inside dist/, wherever electron-builder put it on this OS. */
function packagedExecutable() {
  if (!existsSync(DIST)) return undefined;
  const dirs = readdirSync(DIST, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(DIST, d.name));
  const candidates = dirs.flatMap((dir) => {
    switch (process.platform) {
      case 'win32':
        return [join(dir, 'GIL Lab.exe')];
      case 'darwin':
        return [join(dir, 'GIL Lab.app', 'Contents', 'MacOS', 'GIL Lab')];
      default:
        return [join(dir, 'gil-lab')];
    }
  });
  return candidates.find((file) => existsSync(file));
}

const executable = packagedExecutable();
if (!executable) {
  process.stderr.write(`test:packaged: no packaged app in ${DIST}; run \`npm run dist\` first.\n`);
  process.exit(1);
}
process.stdout.write(`test:packaged: ${executable}\n`);
const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'e2e.mjs'), 'e2e/packaged.spec.ts'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, GIL_LAB_PACKAGED_APP: executable },
});
process.exit(result.status ?? 1);
