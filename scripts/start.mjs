/**
 * `npm start` (after `npm run build`): opens GIL Lab in Electron when Electron's binary is
 * installed, and otherwise starts the browser edition, so a workshop machine behind a proxy that
 * blocked the binary's download still gets a working lab instead of a stack trace.
 *
 * Why not simply `require('electron')`: in this Electron version that call itself starts the
 * download when the binary is missing, synchronously and with no time limit, so behind a silent
 * proxy it would hang `npm start`. We read the same path.txt it reads instead, and run its
 * installer ourselves under a timeout.
 *
 * Electron can also start and die at once (a missing system library, Ubuntu 24.04's AppArmor, no
 * display). When it exits before its window appears, this says why in one sentence and starts the
 * browser edition instead, so nobody is left with a terminal full of Chromium errors.
 *
 * Environment:
 *   GIL_LAB_FORCE_BROWSER=1          start the browser edition even if Electron is installed
 *   GIL_LAB_SKIP_ELECTRON_INSTALL=1  do not try to download Electron's binary
 *   GIL_LAB_ELECTRON=/path           use this Electron executable
 * Any arguments are passed on to the app (for example `npm start -- --port 8080 --no-open` in the
 * browser edition).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnoseElectronExit, installerEnv, WINDOW_DEADLINE_MS } from './start-support.mjs';

const PROJECT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const WEB_ENTRY = join(PROJECT_DIR, 'out', 'main', 'web.js');
const INSTALL_TIMEOUT_MS = 60_000;
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const flag = (name) => process.env[name] === '1' || process.env[name] === 'true';
const appArgs = process.argv.slice(2);

/** The electron package's folder, or undefined if it is not installed at all. */
function electronPackageDir() {
  try {
    return dirname(createRequire(join(PROJECT_DIR, 'package.json')).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

/** Path of Electron's executable if it is really on disk, resolved the way electron/index.js does. */
function electronBinary() {
  const chosen = process.env.GIL_LAB_ELECTRON;
  if (chosen) return existsSync(chosen) ? chosen : undefined;
  const dir = electronPackageDir();
  if (!dir) return undefined;
  let relative;
  try {
    relative = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
  } catch {
    return undefined;
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative || 'electron') : join(dir, 'dist', relative);
  return relative && existsSync(binary) ? binary : undefined;
}

/** Runs Electron's own installer once; resolves with a short reason when it did not succeed. */
function tryInstallElectron() {
  const dir = electronPackageDir();
  if (!dir) return Promise.resolve('the electron package is not installed');
  process.stdout.write('GIL Lab: Electron\'s binary is missing; trying to download it once...\n');
  return new Promise((resolve) => {
    const installer = spawn(process.execPath, [join(dir, 'install.js')], {
      cwd: PROJECT_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: installerEnv(process.env),
    });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk).slice(-4000);
    };
    installer.stdout.on('data', keep);
    installer.stderr.on('data', keep);
    // A proxy that swallows connections makes the installer wait forever; give it a minute.
    const timer = setTimeout(() => {
      installer.kill('SIGKILL');
      resolve(`the download did not finish within ${INSTALL_TIMEOUT_MS / 1000} s`);
    }, INSTALL_TIMEOUT_MS);
    // Ctrl+C during the download stops everything; nothing should start after the user said no.
    const stopOnSignal = (signal) => {
      installer.kill('SIGKILL');
      process.exit(128 + (constants.signals[signal] ?? 1));
    };
    for (const signal of FORWARDED_SIGNALS) process.once(signal, stopOnSignal);
    const settle = (reason) => {
      clearTimeout(timer);
      for (const signal of FORWARDED_SIGNALS) process.removeListener(signal, stopOnSignal);
      resolve(reason);
    };
    installer.on('error', (error) => settle(error.message));
    installer.on('exit', (code) => {
      if (code === 0) return settle(undefined);
      // The installer prints a whole stack; its first line is the part a person can act on.
      const firstLine = output.split('\n').map((line) => line.trim()).find(Boolean);
      settle(firstLine ?? `the installer exited with code ${code}`);
    });
  });
}

/** Runs `command` in the foreground: same terminal, signals passed on, its exit code becomes ours. */
function runForeground(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: PROJECT_DIR, stdio: 'inherit', env });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  child.on('error', (error) => {
    process.stderr.write(`GIL Lab: could not start ${command}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (constants.signals[signal] ?? 1));
  });
}

/**
 * Runs Electron in the foreground, but watches its first seconds: if it exits before its window
 * appeared (the app writes GIL_LAB_READY_FILE when it shows), the browser edition takes over.
 */
function startElectron(binary) {
  // Inherited from some tool's environment, this variable would make Electron act as plain Node.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const readyDir = mkdtempSync(join(tmpdir(), 'gil-lab-start-'));
  const readyFile = join(readyDir, 'window-shown');
  env.GIL_LAB_READY_FILE = readyFile;
  const startedAt = Date.now();
  const child = spawn(binary, ['.', ...appArgs], { cwd: PROJECT_DIR, stdio: ['inherit', 'inherit', 'pipe'], env });
  let tail = '';
  child.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    tail = (tail + chunk).slice(-8000);
  });
  let stopping = false;
  const forward = (signal) => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  const cleanUp = () => rmSync(readyDir, { recursive: true, force: true });
  child.on('error', (error) => {
    cleanUp();
    fallBack(`Electron could not be started (${error.message})`);
  });
  child.on('exit', (code, signal) => {
    const shown = existsSync(readyFile);
    cleanUp();
    // A quick clean exit (a second copy handing over to the first) or a Ctrl+C is not a failure.
    if (!shown && !stopping && Date.now() - startedAt < WINDOW_DEADLINE_MS && code !== 0) {
      for (const s of FORWARDED_SIGNALS) process.removeListener(s, forward);
      return fallBack(diagnoseElectronExit(tail, code, signal));
    }
    process.exit(code ?? 128 + (constants.signals[signal] ?? 1));
  });
}

function fallBack(reason) {
  process.stdout.write(`\nGIL Lab: the desktop app could not open a window: ${reason}. Starting the browser edition instead.\n`);
  startBrowserEdition();
}

function startBrowserEdition() {
  if (!existsSync(WEB_ENTRY)) {
    process.stderr.write(`GIL Lab: the browser edition is not built (${WEB_ENTRY} is missing); run \`npm run build\` first.\n`);
    process.exit(1);
  }
  runForeground(process.execPath, [WEB_ENTRY, ...appArgs]);
}

async function main() {
  if (flag('GIL_LAB_FORCE_BROWSER')) {
    process.stdout.write('GIL Lab: GIL_LAB_FORCE_BROWSER is set, so the browser edition is starting — open the URL below.\n');
    return startBrowserEdition();
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    process.stdout.write('GIL Lab: there is no display for a desktop window (DISPLAY and WAYLAND_DISPLAY are unset), so the browser edition is starting.\n');
    return startBrowserEdition();
  }
  let binary = electronBinary();
  if (binary) return startElectron(binary);

  if (flag('GIL_LAB_SKIP_ELECTRON_INSTALL')) {
    process.stdout.write(
      'GIL Lab: the Electron binary is not installed (GIL_LAB_SKIP_ELECTRON_INSTALL is set, so no download was tried), ' +
        'so the browser edition is starting instead — open the URL below.\n',
    );
    return startBrowserEdition();
  }
  const reason = await tryInstallElectron();
  binary = electronBinary();
  if (binary) return startElectron(binary);

  process.stdout.write(
    'GIL Lab: the Electron binary is not installed and could not be downloaded (offline or behind a proxy), ' +
      'so the browser edition is starting instead — open the URL below.\n',
  );
  if (reason) process.stdout.write(`  (Electron's installer: ${reason})\n`);
  startBrowserEdition();
}

await main();
