/** What every section needs: where the built lab is, how to start it, and small statistics. */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright';

export { mean, median, percentile } from '../src/shared/stats';

/** The bundle runs from bench/out/, two levels below the project. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** A private copy of the built lab (see snapshotBuild); every section runs this one. */
const LAB = join(ROOT, 'bench', 'out', 'lab');
export const OUT_MAIN = join(LAB, 'main');
export const RENDERER_DIR = join(LAB, 'renderer');

/** Files a built entry loads beside itself (chunks, assets) that are missing from `dir`. */
function missingReferences(dir: string): string[] {
  const missing: string[] = [];
  const check = (file: string, pattern: RegExp, base: string): void => {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) if (match[1] && !existsSync(join(base, match[1]))) missing.push(match[1]);
  };
  const js = (sub: string): string[] => readdirSync(join(dir, 'main', sub)).filter((f) => f.endsWith('.js')).map((f) => join(dir, 'main', sub, f));
  for (const file of [...js(''), ...js('workers')]) check(file, /["'](?:\.\.?\/)+(chunks\/[\w.-]+\.js)["']/g, join(dir, 'main'));
  for (const file of js('chunks')) check(file, /["']\.\/([\w.-]+\.js)["']/g, join(dir, 'main', 'chunks'));
  check(join(dir, 'renderer', 'index.html'), /(?:src|href)="\.\/([^"]+)"/g, join(dir, 'renderer'));
  return missing;
}

/**
 * Copies out/main and out/renderer to bench/out/lab (and python/ beside it) and checks the copy is whole. Others may
 * rebuild out/ while the benchmark runs (a build renames every chunk); the copy keeps all
 * sections on one build. Returns when out/ was built.
 */
export async function snapshotBuild(): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const builtAt = statSync(join(ROOT, 'out', 'main', 'web.js')).mtime.toISOString();
    rmSync(LAB, { recursive: true, force: true });
    cpSync(join(ROOT, 'out', 'main'), OUT_MAIN, { recursive: true });
    cpSync(join(ROOT, 'out', 'renderer'), RENDERER_DIR, { recursive: true });
    // The lab's Python (harness and lessons) sits beside the bundle, where the CLI looks for it (../../python).
    rmSync(join(LAB, '..', 'python'), { recursive: true, force: true });
    cpSync(join(ROOT, 'python'), join(LAB, '..', 'python'), { recursive: true, filter: (source) => !source.includes('__pycache__') });
    const missing = missingReferences(LAB);
    if (missing.length === 0) return builtAt;
    if (attempt === 3) throw new Error(`out/ is incomplete (missing ${missing.join(', ')}); is a build running? Try again, or npm run bench -- --build`);
    await sleep(5000);
  }
}

/** The system's Chromium, as the e2e tests use it (Playwright cannot download one everywhere). */
export const CHROMIUM = process.env.GIL_LAB_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export const log = (message: string): void => void process.stderr.write(`bench: ${message}\n`);
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU time used so far, in ms: by every core of the machine, and by this process with its finished children. */
interface CpuClock {
  wall: number;
  machine: number;
  /** Linux only (/proc/self/stat: utime + stime + cutime + cstime); null elsewhere. */
  ours: number | null;
}

let ticksPerSecond: number | undefined;
function ourCpuMs(): number | null {
  try {
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    // Fields 14-17 of proc(5), counted from the state field (3) here.
    return ((fields[11] ?? 0) + (fields[12] ?? 0) + (fields[13] ?? 0) + (fields[14] ?? 0)) * (1000 / ticksPerSecond);
  } catch {
    return null;
  }
}

export function cpuClock(): CpuClock {
  const machine = cpus().reduce((sum, c) => sum + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);
  return { wall: performance.now(), machine, ours: ourCpuMs() };
}

/**
 * Cores kept busy by work that is not the benchmark's between two readings: how disturbed the
 * figures taken meanwhile are. Children count once they have exited, as every section's have.
 */
export function otherCores(from: CpuClock, to: CpuClock = cpuClock()): number {
  const ours = from.ours !== null && to.ours !== null ? to.ours - from.ours : 0;
  return Math.max(0, (to.machine - from.machine - ours) / (to.wall - from.wall));
}

/** Runs a command and parses the last line of its stdout as JSON. */
export function runJson<T>(command: string, args: string[], timeoutMs = 300_000): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: ROOT, timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${command} ${args.join(' ')} failed: ${stderr.trim().split('\n').pop() ?? error.message}`));
      const last = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${command} printed no JSON`));
      }
    });
  });
}

/** Whether `command --version` runs: is the program on PATH? */
export function available(command: string): Promise<boolean> {
  return new Promise((resolve) => execFile(command, ['--version'], { timeout: 10_000 }, (error) => resolve(!error)));
}

/** The Python on PATH (python3, else python), or undefined. */
export async function findPython(): Promise<string | undefined> {
  for (const name of ['python3', 'python']) if (await available(name)) return name;
  return undefined;
}

export interface WebHost {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the browser edition exactly as a user would (`node out/main/web.js`), on a free port,
 * with preferences of its own: the sections change settings (the sampling rate), which must
 * neither reach the user's lab nor carry over from it into the next benchmark.
 */
export function startWebHost(): Promise<WebHost> {
  const config = mkdtempSync(join(tmpdir(), 'gil-lab-bench-'));
  const child: ChildProcess = spawn(process.execPath, [join(OUT_MAIN, 'web.js'), '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIL_LAB_CONFIG_DIR: config },
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      rmSync(config, { recursive: true, force: true });
      resolve();
    });
  });
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('the browser edition did not print its address within 20 s')), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(text)?.[0];
      if (!url || child.pid === undefined) return;
      clearTimeout(timer);
      resolve({
        pid: child.pid,
        url,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`the browser edition exited (${code}) before printing its address`)));
  });
}

/** Headless Chromium from the system, or an error saying why not; `pid` is its browser process. */
export async function launchChromium(): Promise<{ browser: Browser; pid: number | undefined; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set GIL_LAB_CHROMIUM)`);
  // A browser server, because only it tells us the pid whose process tree the lab-cost section reads.
  const server = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const browser = await chromium.connect(server.wsEndpoint());
  return {
    browser,
    pid: server.process().pid,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
