/**
 * Runs the headless CLI (out/main/cli.js), building the lab first when the build is missing or
 * older than the sources. Build output goes to stderr so `--json` stays clean on stdout.
 */
import { spawn } from 'node:child_process';
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
    // Tests are not built (as test/build-state.ts): editing one does not make the build stale.
    if (entry.name.endsWith('.test.ts')) continue;
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The shell's 128 + n for a child a signal killed, else its own code. */
const exitCode = (code, signal) => code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1);

const stale = !existsSync(cli) || statSync(cli).mtimeMs < newestSource(join(root, 'src'));
if (stale) {
  process.stderr.write('gil-lab: building the lab first…\n');
  // Asynchronous, so a stop signal sent to this wrapper while it builds reaches the build too
  // (a synchronous spawn leaves the wrapper deaf and the build running after the wrapper dies).
  const build = spawn(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  const stopBuild = (signal) => build.exitCode === null && build.signalCode === null && build.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stopBuild);
  const ended = await new Promise((resolve) => {
    build.on('error', (error) => resolve({ error }));
    build.on('exit', (code, signal) => resolve({ code, signal }));
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(signal, stopBuild);
  if (ended.signal) process.exit(exitCode(null, ended.signal));
  if (ended.error || ended.code !== 0) {
    process.stderr.write(`gil-lab: the build failed${ended.error ? ` (${ended.error.message})` : ''}; run npm run build to see why.\n`);
    process.exit(1);
  }
}
/**
 * The CLI runs in a process group of its own (POSIX), and every stop signal reaches it through this
 * wrapper, once: a `kill` of the wrapper (SIGTERM from a supervisor, SIGHUP from a closed
 * terminal, SIGINT from a script) would otherwise leave the CLI running with no one waiting for
 * it. In the wrapper's group, a terminal's Ctrl+C would reach the CLI twice (directly and
 * forwarded), and the second quits at once without the tidy cancel; npm also passes on the
 * Ctrl+C it got, so the same signal arriving again within SAME_SIGNAL_MS is one press, not two.
 */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const SAME_SIGNAL_MS = 300;

const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit', detached: process.platform !== 'win32' });
const lastSent = new Map();
for (const signal of STOP_SIGNALS) {
  process.on(signal, () => {
    const now = Date.now();
    if (now - (lastSent.get(signal) ?? -Infinity) < SAME_SIGNAL_MS) return;
    lastSent.set(signal, now);
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on('error', (error) => {
  process.stderr.write(`gil-lab: could not start the CLI: ${error.message}\n`);
  process.exit(1);
});
// The CLI's own code (130 after a Ctrl+C), or the shell's 128 + n when a signal killed it.
child.on('exit', (code, signal) => process.exit(exitCode(code, signal)));
