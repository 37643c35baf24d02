/**
 * `npm run bench`: builds the lab when out/ is missing (or with --build), bundles the benchmark
 * into bench/out, and runs it. The report goes to stdout as markdown and to
 * bench/results/bench-<date>.json; progress goes to stderr. Other arguments are passed on, e.g.
 * `npm run bench -- --only lock,scale`.
 *
 * A build older than src/ is not rebuilt unasked, only flagged: rebuilding out/ under a running
 * app or test would pull it from under them. The report records which build it measured.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function step(label, argv) {
  process.stderr.write(`bench: ${label}…\n`);
  // Build chatter goes to stderr so stdout stays the report alone.
  const result = spawnSync(process.execPath, argv, { cwd: root, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    process.stderr.write(`bench: ${label} failed.\n`);
    process.exit(result.status ?? 1);
  }
}

const args = process.argv.slice(2);
const force = args.includes('--build');
const built = [join(root, 'out', 'main', 'web.js'), join(root, 'out', 'main', 'cli.js'), join(root, 'out', 'renderer', 'index.html')];
const builtAt = Math.min(...built.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
if (builtAt === 0 || force) step('building the lab', [bin('electron-vite', 'bin/electron-vite.js'), 'build']);
else if (builtAt < newest(join(root, 'src'))) process.stderr.write('bench: note: out/ is older than src/; measuring the existing build (npm run bench -- --build to rebuild).\n');
step('bundling the benchmark', [bin('vite', 'bin/vite.js'), 'build', '--config', join(root, 'bench', 'bench.vite.config.mts')]);
const run = spawnSync(process.execPath, [join(root, 'bench', 'out', 'bench.mjs'), ...args.filter((a) => a !== '--build')], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
