import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { carryOverPreferences, configDir, legacyPreferenceFiles, preferencesFile } from './preferences-location';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('one preferences file for every host', () => {
  it('is in the OS\'s per-user folder', () => {
    expect(preferencesFile({ platform: 'linux', env: {}, home: '/home/ada' })).toBe(join('/home/ada', '.config', 'gil-lab', 'preferences.json'));
    expect(preferencesFile({ platform: 'linux', env: { XDG_CONFIG_HOME: '/x' }, home: '/home/ada' })).toBe(join('/x', 'gil-lab', 'preferences.json'));
    expect(preferencesFile({ platform: 'darwin', env: {}, home: '/Users/ada' })).toBe(join('/Users/ada', 'Library', 'Application Support', 'GIL Lab', 'preferences.json'));
    expect(preferencesFile({ platform: 'win32', env: { APPDATA: 'C:/Users/ada/AppData/Roaming' }, home: 'C:/Users/ada' })).toBe(join('C:/Users/ada/AppData/Roaming', 'GIL Lab', 'preferences.json'));
    expect(configDir({ platform: 'linux', env: { GIL_LAB_CONFIG_DIR: '/tmp/lab' }, home: '/h' })).toBe('/tmp/lab');
  });

  it('knows where earlier versions wrote, other than itself', () => {
    const mac = legacyPreferenceFiles({ platform: 'darwin', env: {}, home: '/Users/ada' });
    expect(mac).toEqual([join('/Users/ada', 'Library', 'Application Support', 'gil-lab', 'preferences.json')]);
    const linux = legacyPreferenceFiles({ platform: 'linux', env: {}, home: '/home/ada' });
    expect(linux).toEqual([join('/home/ada', '.config', 'GIL Lab', 'preferences.json')]);
    expect(legacyPreferenceFiles({ platform: 'linux', env: { GIL_LAB_CONFIG_DIR: '/t' }, home: '/h' })).toEqual([]);
  });
});

describe('carryOverPreferences', () => {
  const setup = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'gil-lab-carry-'));
    dirs.push(dir);
    return dir;
  };

  it('copies the newest earlier file once, and never over an existing one', async () => {
    const dir = setup();
    const older = join(dir, 'old-a', 'preferences.json');
    const newer = join(dir, 'old-b', 'preferences.json');
    mkdirSync(join(dir, 'old-a'));
    mkdirSync(join(dir, 'old-b'));
    writeFileSync(older, '{"theme":"light"}');
    writeFileSync(newer, '{"theme":"dark"}');
    utimesSync(older, new Date(1_000_000), new Date(1_000_000));
    const target = join(dir, 'new', 'preferences.json');
    expect(await carryOverPreferences(target, [older, newer, join(dir, 'missing.json')])).toBe(newer);
    expect(readFileSync(target, 'utf8')).toBe('{"theme":"dark"}');
    writeFileSync(newer, '{"theme":"light"}');
    expect(await carryOverPreferences(target, [newer])).toBeUndefined();
    expect(readFileSync(target, 'utf8')).toBe('{"theme":"dark"}');
  });

  it('does nothing when there is nothing to carry, and never throws', async () => {
    const dir = setup();
    expect(await carryOverPreferences(join(dir, 'p.json'), [join(dir, 'nope.json')])).toBeUndefined();
    writeFileSync(join(dir, 'file'), 'x');
    expect(await carryOverPreferences(join(dir, 'file', 'sub', 'p.json'), [join(dir, 'file')])).toBeUndefined();
  });
});
