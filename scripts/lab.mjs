/**
 * Runs the headless CLI (out/main/cli.js), building the lab first when the build is missing or
 * older than the sources. Build output goes to stderr so `--json` stays clean on stdout.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out', 'main', 'cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(cli) || statSync(cli).mtimeMs < newestSource(join(root, 'src'));
if (stale) {
  process.stderr.write('gil-lab: building the lab first…\n');
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0) {
    process.stderr.write('gil-lab: the build failed; run npm run build to see why.\n');
    process.exit(1);
  }
}
// Ctrl+C reaches the CLI too (one process group): it stops its run and says so, and a second
// Ctrl+C makes it quit at once. Dying here first would hand the prompt back while it still works.
process.on('SIGINT', () => {});
const run = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? (run.signal ? 128 + (constants.signals[run.signal] ?? 0) : 1));
