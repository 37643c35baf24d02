/**
 * Where interpreters may be, before asking them: names on PATH (python3, python, python3.X and the
 * free-threaded python3.Xt), the Windows `py` launcher's list, pyenv's versions and uv's managed
 * Pythons. Nothing here runs Python; probe.ts does, with a time limit.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parsePyListPaths } from './py-launcher';

export interface Candidate {
  path: string;
  source: string;
}

const LIST_TIMEOUT_MS = 8_000;
const MINORS = Array.from({ length: 8 }, (_, i) => 9 + i); // 3.9 .. 3.16
const NAMES = ['python3', 'python', ...MINORS.flatMap((m) => [`python3.${m}`, `python3.${m}t`])];
const WINDOWS = process.platform === 'win32';

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return WINDOWS && /[\\/]WindowsApps[\\/]/i.test(path); // Store aliases are reparse points
    if (!WINDOWS) accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function onPath(env: NodeJS.ProcessEnv = process.env): Candidate[] {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const found: Candidate[] = [];
  for (const name of NAMES) {
    for (const dir of dirs) {
      const path = join(dir, WINDOWS ? `${name}.exe` : name);
      if (isExecutableFile(path)) {
        found.push({ path, source: `PATH: ${name}` });
        break; // the first on PATH is the one the name means
      }
    }
  }
  return found;
}

function run(command: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: LIST_TIMEOUT_MS, killSignal: 'SIGKILL', windowsHide: true, encoding: 'utf8', maxBuffer: 256 * 1024 }, (error, stdout) =>
      resolve(error ? null : stdout),
    );
  });
}

export async function fromPyLauncher(): Promise<Candidate[]> {
  if (!WINDOWS) return [];
  const text = await run('py', ['--list-paths']);
  return text ? parsePyListPaths(text).map((e) => ({ path: e.path, source: `py ${e.tag}` })) : [];
}

/** Interpreters inside `<root>/<version>/bin` (pyenv, uv's data dir) or `<root>/<version>` on Windows. */
function versionsUnder(root: string, source: (name: string) => string): Candidate[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const found: Candidate[] = [];
  for (const name of names.sort()) {
    const dir = WINDOWS ? join(root, name) : join(root, name, 'bin');
    for (const exe of WINDOWS ? ['python.exe'] : ['python3', 'python']) {
      const path = join(dir, exe);
      if (isExecutableFile(path)) {
        found.push({ path, source: source(name) });
        break;
      }
    }
  }
  return found;
}

export function fromPyenv(env: NodeJS.ProcessEnv = process.env): Candidate[] {
  const root = env.PYENV_ROOT ?? join(homedir(), WINDOWS ? '.pyenv\\pyenv-win' : '.pyenv');
  return versionsUnder(join(root, 'versions'), (name) => `pyenv ${name}`);
}

function uvDataDir(env: NodeJS.ProcessEnv): string {
  if (env.UV_PYTHON_INSTALL_DIR) return env.UV_PYTHON_INSTALL_DIR;
  if (WINDOWS) return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'uv', 'python');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'uv', 'python');
}

export async function fromUv(env: NodeJS.ProcessEnv = process.env): Promise<Candidate[]> {
  const listed = await run('uv', ['python', 'list', '--only-installed']);
  const fromList = (listed ?? '')
    .split(/\r?\n/)
    .map((line) => /^\s*(\S+)\s+(\S.*?)(?:\s+->\s+.*)?\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && /^(\/|[A-Za-z]:\\)/.test(m[2] ?? ''))
    .map((m) => ({ path: m[2] ?? '', source: `uv ${m[1] ?? ''}` }));
  return [...fromList, ...versionsUnder(uvDataDir(env), (name) => `uv ${name}`)];
}

/** Every place an interpreter may be, in the order the list shows them. */
export async function allCandidates(): Promise<Candidate[]> {
  const [launcher, uv] = await Promise.all([fromPyLauncher(), fromUv()]);
  return [...onPath(), ...launcher, ...fromPyenv(), ...uv];
}
