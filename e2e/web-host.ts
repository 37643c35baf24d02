/** Starts the built browser edition for a test and stops it (and its workers) afterwards. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningHost {
  url: string;
  /** Where this host keeps its preferences (GIL_LAB_CONFIG_DIR). */
  configDir: string;
  origin: string;
  port: number;
  token: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export const ROOT = resolve(__dirname, '..');

/**
 * Preference folders this module made. A test may hand one to the next host (settings that survive
 * a restart), so they outlive each host and are removed when the test process ends.
 */
const made: string[] = [];
function madeHere(dir: string): string {
  if (made.length === 0) process.once('exit', () => made.forEach((path) => rmSync(path, { recursive: true, force: true })));
  made.push(dir);
  return dir;
}

/**
 * Starts a host; `configDir` reuses a preferences folder (to check that settings survive a restart),
 * otherwise each host gets a fresh one, so tests never read or write the user's own.
 */
export function startWebHost(configDir?: string): Promise<RunningHost> {
  const config = configDir ?? madeHere(mkdtempSync(join(tmpdir(), 'gil-lab-e2e-')));
  const child = spawn(process.execPath, [join(ROOT, 'out', 'main', 'web.js'), '--port', '0', '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIL_LAB_CONFIG_DIR: config },
  });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web host printed no address: ${output}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      const [, url, port, token] = match as unknown as [string, string, string, string];
      resolvePromise({
        url,
        configDir: config,
        origin: `http://127.0.0.1:${port}`,
        port: Number(port),
        token,
        process: child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the web host exited (${code}): ${output}`)));
  });
}
