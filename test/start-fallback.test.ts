/**
 * `npm start` never strands anyone: an Electron that dies before its window appears (here a stand-in
 * that fails the way a missing system library does) is named in one sentence and the browser edition
 * starts in its place, address printed, no browser opened under --no-open.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'gil-lab-fake-electron-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('npm start when Electron dies at once', () => {
  it('says why and starts the browser edition', async () => {
    const fake = join(dir, 'electron');
    writeFileSync(fake, '#!/bin/sh\necho "electron: error while loading shared libraries: libgtk-3.so.0: cannot open shared object file" >&2\nexit 127\n');
    chmodSync(fake, 0o755);
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--port', '0', '--no-open'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GIL_LAB_ELECTRON: fake, DISPLAY: ':99', GIL_LAB_FORCE_BROWSER: '' },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const served = await new Promise<boolean>((done) => {
      const timer = setTimeout(() => done(false), 30_000);
      child.stdout.on('data', () => {
        if (/http:\/\/127\.0\.0\.1:\d+\//.test(out)) {
          clearTimeout(timer);
          done(true);
        }
      });
      child.on('exit', () => {
        clearTimeout(timer);
        done(false);
      });
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    expect(served, out).toBe(true);
    expect(out).toContain('could not open a window: a system library Electron needs is missing (libgtk-3.so.0)');
    expect(out).toContain('Starting the browser edition instead');
  });
});
