import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, contentType, fileForAppUrl, isAppPage } from './app-url';

const root = join('/opt', 'gil-lab', 'out', 'renderer');

describe('app:// URLs', () => {
  it('name files of the built renderer', () => {
    expect(fileForAppUrl(root, APP_INDEX_URL)).toBe(join(root, 'index.html'));
    expect(fileForAppUrl(root, 'app://lab/')).toBe(join(root, 'index.html'));
    expect(fileForAppUrl(root, 'app://lab/assets/index-abc.js?v=1')).toBe(join(root, 'assets', 'index-abc.js'));
  });

  it('never name a file outside it', () => {
    for (const url of [
      'app://lab/../main/index.js',
      'app://lab/%2e%2e/main/index.js',
      'app://lab/assets/%2e%2e%2f%2e%2e%2fmain%2findex.js',
      'app://lab/..%5cmain%5cindex.js',
      'app://lab/index.html%00.png',
      'app://lab/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
      'https://lab/index.html',
      'not a url',
    ]) {
      const file = fileForAppUrl(root, url);
      if (file !== undefined) expect(file.startsWith(root + sep)).toBe(true);
    }
    // The URL parser folds dot segments first, so a climb lands back inside the folder.
    expect(fileForAppUrl(root, 'app://lab/%2e%2e/main/index.js')).toBe(join(root, 'main', 'index.js'));
    expect(fileForAppUrl(root, 'app://lab/..%5cmain%5cindex.js')).toBeUndefined();
    expect(fileForAppUrl(root, 'app://lab/index.html%00.png')).toBeUndefined();
    expect(fileForAppUrl(root, 'app://other/index.html')).toBeUndefined();
  });

  it('recognise the page itself, and nothing else, as the page', () => {
    expect(isAppPage(APP_INDEX_URL)).toBe(true);
    expect(isAppPage(`${APP_INDEX_URL}?x=1#lesson`)).toBe(true);
    expect(isAppPage('app://lab/assets/x.js')).toBe(false);
    expect(isAppPage('app://evil/index.html')).toBe(false);
    expect(isAppPage('file:///index.html')).toBe(false);
  });

  it('say what a file is', () => {
    expect(contentType('/x/index.HTML')).toContain('text/html');
    expect(contentType('/x/a.js')).toContain('javascript');
    expect(contentType('/x/blob')).toBe('application/octet-stream');
  });
});
