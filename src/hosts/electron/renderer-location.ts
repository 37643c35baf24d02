/**
 * Where the window's page comes from, decided once: the built renderer on disk, or (in
 * development only) electron-vite's dev server. Loading, navigation rules and the IPC sender check
 * all ask this one object, so they cannot disagree about which page is ours.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindow } from 'electron';

export interface RendererLocation {
  /** Loads our page into `window`. */
  load(window: BrowserWindow): Promise<void>;
  /** Whether `url` is our page (the query and fragment aside). */
  owns(url: string): boolean;
  /** The dev server's origin, which the CSP must let the page reach for hot reload. */
  devOrigin: string | undefined;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `bundleDir` is out/main. The dev URL is honoured only in an unpackaged app and only on loopback:
 * an environment variable must never be able to point a window that holds the lab API at the web.
 */
export function resolveRendererLocation(bundleDir: string, isPackaged: boolean, devUrl: string | undefined): RendererLocation {
  const dev = isPackaged ? undefined : loopbackUrl(devUrl);
  if (dev) {
    return {
      load: (window) => window.loadURL(dev.href),
      owns: (url) => parse(url)?.origin === dev.origin,
      devOrigin: dev.origin,
    };
  }
  const indexFile = join(bundleDir, '..', 'renderer', 'index.html');
  const indexUrl = pathToFileURL(indexFile).href;
  return {
    load: (window) => window.loadFile(indexFile),
    owns: (url) => {
      const parsed = parse(url);
      if (!parsed || parsed.protocol !== 'file:') return false;
      parsed.hash = '';
      parsed.search = '';
      return parsed.href === indexUrl;
    },
    devOrigin: undefined,
  };
}

function loopbackUrl(raw: string | undefined): URL | undefined {
  const url = raw ? parse(raw) : undefined;
  if (!url) return undefined;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK.has(url.hostname)) {
    process.emitWarning(`ignoring ELECTRON_RENDERER_URL=${raw}: only a loopback dev server may serve the lab's window`);
    return undefined;
  }
  return url;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
