/**
 * When `npm run lab` finds the build stale it builds first; a stop signal sent to the wrapper then
 * must stop that build too, not leave it running behind a wrapper that is gone. The wrapper runs
 * from a copy in a temporary tree whose "build" is a program that only waits, so the test costs
 * no real build.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './build-state';
import { processesRunning, waitUntil } from './processes';

const tree = mkdtempSync(join(tmpdir(), 'gil-lab-wrapper-build-'));
const fakeBuild = join(tree, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
mkdirSync(join(tree, 'scripts'), { recursive: true });
mkdirSync(join(tree, 'src'), { recursive: true });
mkdirSync(join(tree, 'node_modules', 'electron-vite', 'bin'), { recursive: true });
copyFileSync(join(ROOT, 'scripts', 'lab.mjs'), join(tree, 'scripts', 'lab.mjs'));
writeFileSync(join(tree, 'src', 'index.ts'), 'export {};\n');
// A build that says it started, then waits far longer than the test.
writeFileSync(fakeBuild, "process.stderr.write('fake build started\\n'); setTimeout(() => {}, 120_000);\n");

afterAll(() => {
  for (const pid of processesRunning(fakeBuild)) process.kill(pid, 'SIGKILL');
  rmSync(tree, { recursive: true, force: true });
});

describe('scripts/lab.mjs while it builds', () => {
  it.each(['SIGTERM', 'SIGHUP'] as const)('passes %s on to the build and ends with the shell code of that signal', async (signal) => {
    const wrapper = spawn(process.execPath, [join(tree, 'scripts', 'lab.mjs'), 'pythons'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    wrapper.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => wrapper.on('exit', (code) => resolve(code)));
    expect(await waitUntil(() => stderr.includes('fake build started'), 20_000), stderr).toBe(true);
    expect(processesRunning(fakeBuild)).toHaveLength(1);
    // To the wrapper alone, as a supervisor or a closed terminal would send it.
    wrapper.kill(signal);
    expect(await exited).toBe(signal === 'SIGTERM' ? 143 : 129);
    expect(await waitUntil(() => processesRunning(fakeBuild).length === 0, 5_000)).toBe(true);
  });
});
