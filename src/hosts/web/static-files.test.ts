import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from './static-files';

const root = resolve('/srv/gil-lab/renderer');

describe('resolveInside', () => {
  it('finds the files under the renderer folder', () => {
    expect(resolveInside(root, '/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveInside(root, '/assets/a%20b.css')).toBe(join(root, 'assets', 'a b.css'));
    expect(resolveInside(root + sep, '/x.svg')).toBe(join(root, 'x.svg'));
    // An absolute path in the address is still under the folder.
    expect(resolveInside(root, '//etc/passwd')).toBe(join(root, 'etc', 'passwd'));
  });

  it('never leaves the folder, however the way out is spelled', () => {
    const escapes = [
      '/../secret',
      '/assets/../../secret',
      '/%2e%2e/secret',
      '/%2E%2E/%2e%2e/secret',
      '/assets/%2e%2e%2f%2e%2e%2fsecret',
      '/..%2fsecret',
      '/..\\secret',
      '/%5c..%5csecret',
      '/assets\\..\\..\\secret',
      '/C:/Windows/win.ini',
      '/c%3a%5cwindows',
      '/index.html%00.js',
      '/\u0000',
      '/%',
      '/%e0%a4%a',
      '/../renderer-other/file',
    ];
    for (const path of escapes) {
      const file = resolveInside(root, path);
      if (file !== undefined) expect(file.startsWith(root + sep), path).toBe(true);
      else expect(file, path).toBeUndefined();
    }
    expect(resolveInside(root, '/../secret')).toBeUndefined();
    expect(resolveInside(root, '/%2e%2e/secret')).toBeUndefined();
    expect(resolveInside(root, '/..\\secret')).toBeUndefined();
    expect(resolveInside(root, '/index.html%00.js')).toBeUndefined();
    expect(resolveInside(root, '/../renderer-other/file')).toBeUndefined();
  });
});
