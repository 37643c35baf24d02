/**
 * Where preferences live: one file for the desktop app and the browser edition alike, so progress
 * survives when `npm start` falls back from one to the other. Earlier versions wrote elsewhere
 * (the desktop app under Electron's userData, named "gil-lab" from source and "GIL Lab" when
 * packaged; the browser edition under "GIL Lab" on Windows and macOS): the newest of those files is
 * copied over once, the first time the shared file is missing.
 */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Place {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
}

const here = (): Place => ({ platform: process.platform, env: process.env, home: homedir() });

/** The OS's folder for per-user application data (what Electron calls appData). */
function appDataDir({ platform, env, home }: Place): string {
  if (platform === 'win32') return env['APPDATA'] ?? join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  return env['XDG_CONFIG_HOME'] ?? join(home, '.config');
}

/** The lab's per-user folder on this OS; GIL_LAB_CONFIG_DIR overrides it (tests, portable use). */
export function configDir(place: Place = here()): string {
  const override = place.env['GIL_LAB_CONFIG_DIR'];
  if (override) return override;
  // Linux folder names are lower case by custom; the other two show the product's name.
  return join(appDataDir(place), place.platform === 'win32' || place.platform === 'darwin' ? 'GIL Lab' : 'gil-lab');
}

/** The one preferences file of every host. */
export function preferencesFile(place: Place = here()): string {
  return join(configDir(place), 'preferences.json');
}

/** Files earlier versions may have written, other than the current one. */
export function legacyPreferenceFiles(place: Place = here()): string[] {
  if (place.env['GIL_LAB_CONFIG_DIR']) return [];
  const current = preferencesFile(place);
  const base = appDataDir(place);
  return [join(base, 'gil-lab', 'preferences.json'), join(base, 'GIL Lab', 'preferences.json')].filter((file) => file !== current);
}

/**
 * Copies the newest legacy file to `target` if `target` does not exist yet. Never throws: losing
 * old progress is a pity, failing to start is worse. Returns the file copied, if any.
 */
export async function carryOverPreferences(target: string, candidates: readonly string[]): Promise<string | undefined> {
  if (await exists(target)) return undefined;
  let newest: { file: string; mtime: number } | undefined;
  for (const file of candidates) {
    try {
      const info = await stat(file);
      if (info.isFile() && (!newest || info.mtimeMs > newest.mtime)) newest = { file, mtime: info.mtimeMs };
    } catch {
      // Not there: nothing to carry over from it.
    }
  }
  if (!newest) return undefined;
  try {
    await mkdir(dirname(target), { recursive: true });
    await copyFile(newest.file, target);
    return newest.file;
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
