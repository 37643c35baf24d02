import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without type declarations
import { diagnoseElectronExit, installerEnv } from '../scripts/start-support.mjs';

const diagnose = diagnoseElectronExit as (tail: string, code: number | null, signal: string | null, env?: object, platform?: string) => string;
const proxied = installerEnv as (env: Record<string, string>) => Record<string, string>;
const desktop = { DISPLAY: ':0' };

describe('why Electron left without a window', () => {
  it('names a missing library', () => {
    const tail = 'electron: error while loading shared libraries: libnss3.so: cannot open shared object file';
    expect(diagnose(tail, 127, null, desktop, 'linux')).toContain('libnss3.so');
  });
  it('names the sandbox that AppArmor blocks on Ubuntu 24.04', () => {
    const tail = 'FATAL:setuid_sandbox_host.cc(158)] The SUID sandbox helper binary was found, but is not configured correctly.';
    expect(diagnose(tail, null, 'SIGTRAP', desktop, 'linux')).toContain('AppArmor');
  });
  it('names a missing display', () => {
    expect(diagnose('Missing X server or $DISPLAY', 1, null, desktop, 'linux')).toContain('no display');
    expect(diagnose('', 1, null, {}, 'linux')).toContain('no display');
    expect(diagnose('', 1, null, {}, 'darwin')).not.toContain('no display');
  });
  it('otherwise says how it ended', () => {
    expect(diagnose('something else', 3, null, desktop, 'linux')).toBe('Electron exited with code 3 before it opened a window');
    expect(diagnose('', null, 'SIGSEGV', desktop, 'win32')).toBe('Electron was stopped by SIGSEGV before it opened a window');
  });
});

describe("Electron's download and npm's proxy", () => {
  it('routes the download through npm\'s proxy setting', () => {
    const env = proxied({ npm_config_https_proxy: 'http://proxy.corp:3128', npm_config_noproxy: 'localhost' });
    expect(env['ELECTRON_GET_USE_PROXY']).toBe('1');
    expect(env['GLOBAL_AGENT_HTTPS_PROXY']).toBe('http://proxy.corp:3128');
    expect(env['GLOBAL_AGENT_NO_PROXY']).toBe('localhost');
  });
  it('falls back to HTTPS_PROXY and leaves a proxy-less machine alone', () => {
    expect(proxied({ HTTPS_PROXY: 'http://p:8080' })['GLOBAL_AGENT_HTTPS_PROXY']).toBe('http://p:8080');
    expect(proxied({ PATH: '/bin' })['ELECTRON_GET_USE_PROXY']).toBeUndefined();
  });
});
