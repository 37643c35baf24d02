/**
 * The offline packaging checks can fail: a config or workflow with a mistake is caught, and the
 * project's own files pass.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error: a plain ES module script without type declarations
import { checkBuilderConfig, checkWorkflow } from '../scripts/dist-check.mjs';

type Check = (...args: unknown[]) => string[];
const builder = checkBuilderConfig as Check;
const workflow = checkWorkflow as Check;

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown>;
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;
const ci = readFileSync('.github/workflows/ci.yml', 'utf8');

describe('electron-builder config', () => {
  it('passes as it is', () => {
    expect(builder(config, pkg)).toEqual([]);
  });
  it('refuses a key electron-builder does not know', () => {
    expect(builder({ ...config, nsiss: {} }, pkg).join('\n')).toContain('nsiss');
  });
  it('refuses a config whose workers could not start from the package', () => {
    expect(builder({ ...config, asarUnpack: ['node_modules/zod/**'] }, pkg).join('\n')).toContain('out/main/**');
    expect(builder({ ...config, electronFuses: { runAsNode: false } }, pkg).join('\n')).toContain('runAsNode');
  });
  it('refuses an Electron that is not pinned', () => {
    const loose = { ...pkg, devDependencies: { ...(pkg['devDependencies'] as object), electron: '^45.0.0' } };
    expect(builder(config, loose).join('\n')).toContain('pinned');
  });
});

describe('workflows', () => {
  it('pass GitHub\'s parser as they are', () => {
    expect(workflow('ci.yml', ci)).toEqual([]);
    expect(workflow('release.yml', readFileSync('.github/workflows/release.yml', 'utf8'))).toEqual([]);
  });
  it('a misspelt key is caught', () => {
    expect(workflow('ci.yml', ci.replace('runs-on:', 'runs-onn:')).join('\n')).toContain('runs-onn');
  });
});
