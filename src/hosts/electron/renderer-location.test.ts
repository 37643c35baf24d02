import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_INDEX_URL } from './app-url';
import { describe, expect, it, vi } from 'vitest';
import { resolveRendererLocation } from './renderer-location';

const bundleDir = join('/app', 'out', 'main');
const indexUrl = APP_INDEX_URL;
const indexFileUrl = pathToFileURL(join('/app', 'out', 'renderer', 'index.html')).href;

describe('resolveRendererLocation', () => {
  it('owns only the built index.html, whatever its query or fragment', () => {
    const location = resolveRendererLocation(bundleDir, false, undefined);
    expect(location.devOrigin).toBeUndefined();
    expect(location.owns(indexUrl)).toBe(true);
    expect(location.owns(`${indexUrl}?x=1#lesson`)).toBe(true);
    expect(location.rendererDir).toBe(join('/app', 'out', 'renderer'));
    expect(location.owns(pathToFileURL('/etc/passwd').href)).toBe(false);
    // The page is served on app://, never from file:// (which shares an origin with every file).
    expect(location.owns(indexFileUrl)).toBe(false);
    expect(location.owns('app://lab/other.html')).toBe(false);
    expect(location.owns('https://example.com/')).toBe(false);
    expect(location.owns('not a url')).toBe(false);
  });

  it('trusts a loopback dev server by origin', () => {
    const location = resolveRendererLocation(bundleDir, false, 'http://localhost:5173/');
    expect(location.devOrigin).toBe('http://localhost:5173');
    expect(location.owns('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(location.owns('http://localhost:5174/')).toBe(false);
    expect(location.owns(indexUrl)).toBe(false);
  });

  it('never lets an environment variable point the window at the web, nor a packaged app at a dev server', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    expect(resolveRendererLocation(bundleDir, false, 'https://evil.example/').devOrigin).toBeUndefined();
    expect(warn).toHaveBeenCalledOnce();
    expect(resolveRendererLocation(bundleDir, true, 'http://localhost:5173/').devOrigin).toBeUndefined();
    warn.mockRestore();
  });
});
