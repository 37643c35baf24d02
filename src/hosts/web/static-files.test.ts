import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside, staticFiles } from './static-files';

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

describe('staticFiles', () => {
  it('serves index.html at / and a file by its path, and nothing outside or missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gil-static-'));
    writeFileSync(join(dir, 'index.html'), '<p>lab</p>');
    writeFileSync(join(dir, 'app.js'), 'ok()');
    const server = createServer(staticFiles(dir));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    const { port } = server.address() as AddressInfo;
    const get = async (path: string) => {
      const answer = await fetch(`http://127.0.0.1:${port}${path}`);
      return { status: answer.status, type: answer.headers.get('content-type'), body: await answer.text() };
    };
    try {
      expect(await get('/')).toMatchObject({ status: 200, body: '<p>lab</p>' });
      expect(await get('/app.js')).toMatchObject({ status: 200, body: 'ok()' });
      expect((await get('/app.js')).type).toMatch(/javascript/);
      expect((await get('/missing.css')).status).toBe(404);
      expect((await get('/..%2fsecret')).status).toBe(403);
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
