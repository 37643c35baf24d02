/**
 * Asks one interpreter what it is: runs python/harness/probe.py isolated (-I), with a time limit,
 * and parses its one JSON line. Anything else (no answer, Python 2, PyPy, a shell script, a Store
 * alias) becomes one sentence saying why it is not offered.
 */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { probeOutputSchema, pythonLabel, refusalFor, type PythonInfo } from '../../shared/python-schemas';
import { pythonEnv } from './python-env';

export const PROBE_TIMEOUT_MS = 8_000;

export type ProbeAnswer = { ok: true; python: PythonInfo } | { ok: false; reason: string };

/**
 * The Windows Store's app execution alias: a zero-byte reparse point under ...\WindowsApps that
 * opens the Store instead of running Python. Probing it would pop a window on a projected screen.
 */
export function isStoreAlias(path: string): boolean {
  if (!/[\\/]WindowsApps[\\/]/i.test(path)) return false;
  try {
    return statSync(path).size === 0;
  } catch {
    return true;
  }
}

export function probePython(path: string, probeScript: string, source: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeAnswer> {
  if (isStoreAlias(path)) return Promise.resolve({ ok: false, reason: `${path} is the Windows Store's alias, which opens the Store instead of running Python.` });
  return new Promise((resolve) => {
    execFile(
      path,
      ['-I', '-B', probeScript],
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024, env: pythonEnv(), windowsHide: true, encoding: 'utf8' },
      (error, stdout) => {
        const line = stdout.trim().split(/\r?\n/).pop() ?? '';
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          parsed = undefined;
        }
        const answer = probeOutputSchema.safeParse(parsed);
        if (!answer.success) {
          const code = error && 'code' in error ? error.code : undefined;
          const why =
            code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be run' : error && 'killed' in error && error.killed ? `did not answer within ${timeoutMs / 1000} s` : 'did not answer as a Python 3.9+ interpreter';
          resolve({ ok: false, reason: `${path} ${why}; the lab runs only CPython 3.9 or newer.` });
          return;
        }
        const refusal = refusalFor(path, answer.data);
        if (refusal) {
          resolve({ ok: false, reason: refusal });
          return;
        }
        const { executable, version, freeThreaded, gilEnabled } = answer.data;
        const run = { executable, version, freeThreaded, gilEnabled };
        resolve({ ok: true, python: { ...run, label: pythonLabel(run), sources: [source] } });
      },
    );
  });
}
