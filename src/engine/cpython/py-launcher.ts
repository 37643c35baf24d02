/**
 * The Windows `py` launcher's list of interpreters. `py -3.13t` is not understood there; each
 * install is named by a `-V:Company/Tag` (or, from older launchers, `-3.9-64`) and its path.
 */

export interface LauncherEntry {
  /** How to name it to the launcher, e.g. "-V:3.12" or "-V:Astral/CPython3.13.0". */
  tag: string;
  path: string;
  /** Marked with `*`: the launcher's default. */
  isDefault: boolean;
}

const LINE = /^\s*(-V:\S+|-\d+(?:\.\d+)*t?(?:-(?:32|64|arm64))?)\s+(\*\s+)?(.+?)\s*$/;

/** Entries of `py --list-paths` output; lines it does not recognise (headers, notes) are left out. */
export function parsePyListPaths(text: string): LauncherEntry[] {
  const entries: LauncherEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = LINE.exec(line);
    if (!match) continue;
    const [, tag = '', star, path = ''] = match;
    // An entry with no path ("-V:3.12 * (not installed)") or a relative one is no interpreter to probe.
    if (!/^([A-Za-z]:\\|\\\\|\/)/.test(path)) continue;
    entries.push({ tag, path, isDefault: star !== undefined });
  }
  return entries;
}
