import { describe, expect, it } from 'vitest';
import { parsePyListPaths } from './py-launcher';

describe('parsePyListPaths', () => {
  it('reads the -V: tags of a modern launcher, with its default and a free-threaded build', () => {
    const text = [
      ' -V:3.13t        C:\\Users\\ada\\AppData\\Local\\Programs\\Python\\Python313\\python3.13t.exe',
      ' -V:3.12 *       C:\\Users\\ada\\AppData\\Local\\Programs\\Python\\Python312\\python.exe',
      ' -V:Astral/CPython3.14.0 C:\\Users\\ada\\AppData\\Roaming\\uv\\python\\cpython-3.14.0\\python.exe',
    ].join('\r\n');
    expect(parsePyListPaths(text)).toEqual([
      { tag: '-V:3.13t', path: 'C:\\Users\\ada\\AppData\\Local\\Programs\\Python\\Python313\\python3.13t.exe', isDefault: false },
      { tag: '-V:3.12', path: 'C:\\Users\\ada\\AppData\\Local\\Programs\\Python\\Python312\\python.exe', isDefault: true },
      { tag: '-V:Astral/CPython3.14.0', path: 'C:\\Users\\ada\\AppData\\Roaming\\uv\\python\\cpython-3.14.0\\python.exe', isDefault: false },
    ]);
  });

  it('reads an older launcher and paths with spaces', () => {
    expect(parsePyListPaths(' -3.9-64 *      C:\\Program Files\\Python39\\python.exe\n')).toEqual([
      { tag: '-3.9-64', path: 'C:\\Program Files\\Python39\\python.exe', isDefault: true },
    ]);
  });

  it('leaves out headers, notes and entries without a path', () => {
    const text = 'Installed Pythons found by py Launcher for Windows\n -V:3.11 * (not installed)\nNo Installed Pythons Found!\n';
    expect(parsePyListPaths(text)).toEqual([]);
  });
});
